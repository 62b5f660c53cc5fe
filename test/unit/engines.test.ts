// engines.vscode claims what the test tiers prove: the oldest VS Code server build the
// integration and E2E tiers run on (scripts/vscode-server.mjs), and no older.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_SERVERS, CODE_SERVER_VERSIONS, OLDEST_CODE_SERVER } from '../../scripts/vscode-server.mjs';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));

function minorOf(version: string): [number, number] {
  const [major, minor] = version.replace(/^[\^~>=]+/, '').split('.').map(Number);
  return [major, minor];
}

/** Negative when a is older than b (major.minor only). */
function compare(a: string, b: string): number {
  const [x, y] = [minorOf(a), minorOf(b)];
  return x[0] - y[0] || x[1] - y[1];
}

describe('engines.vscode', () => {
  it('is the oldest VS Code the test tiers run on', () => {
    const oldest = CODE_SERVERS[OLDEST_CODE_SERVER].vscode;
    assert.ok(CODE_SERVER_VERSIONS.includes(OLDEST_CODE_SERVER), 'the oldest server build is one the tiers run');
    for (const version of CODE_SERVER_VERSIONS) {
      assert.ok(compare(CODE_SERVERS[version].vscode, oldest) >= 0, `${version} is older than the oldest`);
    }
    assert.equal(manifest.engines.vscode, `^${minorOf(oldest).join('.')}.0`);
  });

  it('is not older than @types/vscode (vsce refuses to package otherwise)', () => {
    assert.ok(compare(manifest.devDependencies['@types/vscode'], manifest.engines.vscode) <= 0, `@types/vscode ${manifest.devDependencies['@types/vscode']} is newer than engines.vscode ${manifest.engines.vscode}`);
  });
});
