// The shipped bundles carry no test seams: the production build (esbuild --production, what
// `npm run package` puts in the .vsix) is built into a temporary folder and searched.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FORBIDDEN = ['internal.chatTestHooks', 'chatTestHooks', 'editTestState', 'TestHooks', 'registerTestHooks', '__TEST_HOOKS__'];

describe('production bundle', function () {
  this.timeout(120_000);
  let out: string;
  before(() => {
    out = mkdtempSync(join(tmpdir(), 'relay-prod-'));
    execFileSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', out], { stdio: 'pipe' });
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('contains no test hooks (chat or edit), in any file the .vsix ships from dist/', () => {
    const files = readdirSync(out).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
    assert.ok(files.includes('extension.js') && files.includes('webview.js'), `built: ${files.join(', ')}`);
    for (const f of files) {
      const text = readFileSync(join(out, f), 'utf8');
      for (const s of FORBIDDEN) assert.ok(!text.includes(s), `${f} contains ${s}`);
    }
  });

  it('still has the real chat commands (the search would notice a bundle that lost them)', () => {
    const text = readFileSync(join(out, 'extension.js'), 'utf8');
    assert.ok(text.includes('relayAssistant.chatView'));
    assert.ok(text.includes('relayAssistant.internal.askInChat'));
  });
});
