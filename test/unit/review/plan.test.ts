import { strict as assert } from 'node:assert';
import { loadPlanned, memorySource, planFiles, pathSkipReason, secretReason, type LoadedFile, type ReviewPlan } from '../../../src/core/review';

/** Every planned file read as the engine reads it at send time: loaded ones, and skipped ones with reasons. */
async function loadAll(plan: ReviewPlan): Promise<{ loaded: LoadedFile[]; reasons: Record<string, string> }> {
  const loaded: LoadedFile[] = [];
  const reasons: Record<string, string> = Object.fromEntries(plan.skipped.map((s) => [s.path, s.reason ?? '']));
  for (const f of plan.files) {
    const r = await loadPlanned(f, plan.maxFileBytes);
    if ('skip' in r) reasons[f.path] = r.skip;
    else loaded.push(r);
  }
  return { loaded, reasons };
}

describe('review file plan', () => {
  it('never plans likely secrets and says why', async () => {
    const secrets = ['.env', '.env.local', 'config/prod.env', 'certs/server.pem', 'keys/api.key', '.ssh/id_rsa', 'id_ed25519.pub', 'credentials.json', '.npmrc', '.netrc', 'store.p12', 'store.pfx', '.aws/credentials'];
    const files: Record<string, string> = { 'src/app.ts': 'export const a = 1;\n' };
    for (const s of secrets) files[s] = 'SECRET=1\n';
    const plan = await planFiles(memorySource(files));
    assert.deepEqual(plan.files.map((f) => f.path), ['src/app.ts']);
    assert.deepEqual(plan.skipped.map((s) => s.path).sort(), [...secrets].sort());
    for (const s of plan.skipped) assert.match(s.reason ?? '', /likely secret/, s.path);
  });

  it('never plans the credential files CI machines and clouds leave around', async () => {
    const secrets = ['.env.production', '.envrc', 'infra/prod.tfvars', 'terraform.tfstate', 'infra/x.tfstate', 'home/.kube/config', 'kubeconfig', '.docker/config.json', 'gcloud/application_default_credentials.json', 'client_secret_123.apps.json', '.vault-token', '.s3cfg', '.boto', '.secrets', 'composer/auth.json', 'login.keychain', 'AuthKey_ABC.p8', 'htpasswd'];
    for (const s of secrets) assert.match(secretReason(s) ?? '', /likely secret/, s);
    for (const fine of ['src/config.json', 'kube/deploy.yaml', 'docker/compose.yml', 'src/auth.ts', 'src/environment.ts']) assert.equal(secretReason(fine), null, fine);
  });

  it('skips vendored folders, minified files, source maps, snapshots, binaries and lockfiles by path', () => {
    for (const p of ['node_modules/x/index.js', 'a/vendor/lib.go', 'vendors/x.js', 'third_party/y.c', '.yarn/releases/yarn.cjs', '.git/config', 'py/.venv/lib/site.py']) assert.match(pathSkipReason(p) ?? '', /^vendored folder/, p);
    // Build output folders depend on git (tracked or not); the path alone does not skip them.
    for (const p of ['dist/cli.js', 'scripts/build/index.js', 'out/x.js', 'coverage/lcov.info']) assert.equal(pathSkipReason(p), null, p);
    assert.equal(pathSkipReason('src/__snapshots__/a.test.ts.snap'), 'snapshot file');
    assert.equal(pathSkipReason('src/__snapshots__/b.js'), 'snapshot file');
    assert.equal(pathSkipReason('docs/logo.png'), 'binary file');
    assert.match(pathSkipReason('web/app.min.js') ?? '', /minified/);
    assert.match(pathSkipReason('web/app.js.map') ?? '', /source map/);
    for (const p of ['package-lock.json', 'sub/yarn.lock', 'pnpm-lock.yaml', 'Cargo.lock', 'go.sum']) assert.equal(pathSkipReason(p), 'lockfile', p);
    assert.equal(pathSkipReason('src/distance.ts'), null);
    assert.equal(pathSkipReason('src/environment.ts'), null);
    assert.equal(secretReason('src/keyboard.ts'), null);
  });

  it('skips binaries (NUL byte or invalid UTF-8), oversized and empty files', async () => {
    const plan = await planFiles(memorySource({
      'img.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'big.ts': 'x'.repeat(2000),
      'empty.ts': '  \n',
      'ok.ts': 'const café = 1;\n',
    }), { maxFileBytes: 1000 });
    const { loaded, reasons } = await loadAll(plan);
    assert.deepEqual(loaded.map((f) => f.path), ['ok.ts']);
    assert.equal(reasons['img.png'], 'binary file');
    assert.match(reasons['latin1.txt'] ?? '', /not UTF-8 text/);
    assert.match(reasons['big.ts'] ?? '', /larger than 1000 bytes/);
    assert.equal(reasons['empty.ts'], 'empty file');
  });

  it('reviews UTF-16 files with a byte-order mark (and UTF-8 with a BOM) as text', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('let a = 1;\n// é\n', 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    const plan = await planFiles(memorySource({
      'le.ts': new Uint8Array(le),
      'be.ts': new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be])),
      'bom8.ts': new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('let b = 2;\n')])),
    }), { maxFileBytes: 1000 });
    const text = Object.fromEntries((await loadAll(plan)).loaded.map((f) => [f.path, f.text]));
    assert.deepEqual(text, { 'be.ts': 'let a = 1;\n// é\n', 'bom8.ts': 'let b = 2;\n', 'le.ts': 'let a = 1;\n// é\n' });
  });

  it('applies include / exclude globs and nested .gitignore files', async () => {
    const plan = await planFiles(memorySource({
      '.gitignore': 'generated/\n*.log\n',
      'pkg/.gitignore': 'local.ts\n',
      'src/a.ts': 'a\n', 'src/a.test.ts': 't\n', 'generated/g.ts': 'g\n', 'debug.log': 'l\n', 'pkg/local.ts': 'l\n', 'pkg/kept.ts': 'k\n', 'README.md': 'r\n',
    }), { include: ['**/*.ts'], exclude: ['**/*.test.ts'] });
    assert.deepEqual(plan.files.map((f) => f.path), ['pkg/kept.ts', 'src/a.ts']);
    const reasons = Object.fromEntries(plan.skipped.map((s) => [s.path, s.reason]));
    assert.deepEqual(reasons, { 'generated/g.ts': 'ignored by .gitignore', 'pkg/local.ts': 'ignored by .gitignore', 'src/a.test.ts': 'excluded by pattern' });
  });

  it('gives each planned file a language and a content hash', async () => {
    const plan = await planFiles(memorySource({ 'a.py': 'print(1)\n', 'b.py': 'print(1)\n', 'c.ts': 'let x\n' }));
    assert.deepEqual(plan.files.map((f) => f.language), ['python', 'python', 'typescript']);
    const { loaded } = await loadAll(plan);
    assert.equal(loaded[0].hash, loaded[1].hash);
    assert.notEqual(loaded[0].hash, loaded[2].hash);
  });
});
