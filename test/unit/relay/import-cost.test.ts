// Importing the relay client must stay cheap: undici loads on the first request, not at import.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

describe('relay import cost', () => {
  it('importing the barrel does not load undici', () => {
    const root = path.resolve(__dirname, '../../..');
    const script = "require('./src/core/relay'); console.log(Object.keys(require.cache).some((k) => k.includes('node_modules/undici/')))";
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(out.trim(), 'false');
  });
});
