// The detector must stay quiet on ordinary code: every source, test and fixture file of this
// repository (except the deliberate secret fixtures) is scanned and must have no finding.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSecrets } from '../../../src/core/secrets';

const ROOT = join(__dirname, '..', '..', '..');
/** Files that hold a secret on purpose (a TLS test key pair). */
const DELIBERATE = new Set(['test/unit/relay/fixtures/relay-test.key']);

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', 'src', 'test', 'bench', 'scripts', 'README.md', 'CHANGELOG.md', 'package.json', 'package-lock.json'], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\0').filter((p) => p && !DELIBERATE.has(p) && !/\.(png|jpg|gif|ico|vsix)$/.test(p));
}

describe('secrets: no false positives on this repository', function () {
  this.timeout(60_000);

  it('finds no secret in any source, test, fixture, doc or lockfile', () => {
    const files = trackedFiles();
    assert.ok(files.length > 100, `expected the repository's files, got ${files.length}`);
    const hits: string[] = [];
    for (const path of files) {
      let text: string;
      try {
        text = readFileSync(join(ROOT, path), 'utf8');
      } catch {
        continue; // deleted in the work tree
      }
      for (const f of findSecrets(text)) hits.push(`${path}:${f.line} ${f.kind} ${JSON.stringify(text.slice(f.start, Math.min(f.end, f.start + 40)))}`);
    }
    assert.deepEqual(hits, []);
  });

  it('finds the deliberate fixture key (the scan above is not blind)', () => {
    const text = readFileSync(join(ROOT, 'test/unit/relay/fixtures/relay-test.key'), 'utf8');
    assert.deepEqual(findSecrets(text).map((f) => [f.kind, f.line]), [['private-key', 1]]);
  });
});
