// One build script: the extension (node/cjs, vscode external), the webview (browser),
// the CLI (node) and the integration-test bundle. Flags: --watch, --production.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// --outdir DIR: build the bundles somewhere else than dist/ (the bundle-content test builds the
// production bundle into a temporary folder without touching dist/).
const outIndex = process.argv.indexOf('--outdir');
const out = outIndex > 0 ? process.argv[outIndex + 1] : 'dist';

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
  // Test-only seams (internal commands the integration tier drives) are compiled in only for
  // development builds; `--production` (what `npm run package` ships) drops them as dead code.
  define: { __TEST_HOOKS__: production ? 'false' : 'true' },
};

// undici is most of the extension's code: the extension loads it from its own file on the first
// request (the relay client imports it dynamically), so activation does not parse it.
const undiciAside = {
  name: 'undici-aside',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './undici.js', external: true } : undefined));
  },
};

const entries = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: `${out}/extension.js`, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [undiciAside] },
  { ...common, entryPoints: ['undici'], outfile: `${out}/undici.js`, platform: 'node', format: 'cjs', target: 'node20' },
  // The webview's CSS imports the codicon stylesheet; its font is emitted next to it as codicon.ttf.
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: `${out}/webview.js`, platform: 'browser', format: 'iife', target: 'es2022', loader: { '.ttf': 'file' }, assetNames: '[name]' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: `${out}/cli.js`, platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
];
if (!production && outIndex < 0 && existsSync('test/integration/index.ts')) {
  // The mocha runner plus one bundle per suite (out/test/integration/suite/*.test.js); the runner loads them all.
  const suites = existsSync('test/integration/suite')
    ? readdirSync('test/integration/suite').filter((f) => f.endsWith('.test.ts')).map((f) => `test/integration/suite/${f}`)
    : [];
  rmSync('out/test/integration', { recursive: true, force: true }); // no stale suites from deleted files
  entries.push({ ...common, entryPoints: ['test/integration/index.ts', ...suites], outdir: 'out/test/integration', outbase: 'test/integration', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'] });
}

const present = entries.filter((e) => e.entryPoints.every((p) => p === 'undici' || existsSync(p)));
if (watch) {
  for (const e of present) await (await esbuild.context(e)).watch();
} else {
  await Promise.all(present.map((e) => esbuild.build(e)));
}
