import { strict as assert } from 'node:assert';
import { rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { planFiles, repoFileSource, type ReviewPlan } from '../../../src/core/review';
import { git, gitRepo, tempFolder, writeTree, type Tree } from './repo';

const TREE: Tree = {
  '.gitignore': '*.log\n.venv/\n!keep.log\n',
  'pkg/.gitignore': 'local.ts\n',
  'pkg/local.ts': 'ignored by the nested .gitignore\n',
  'pkg/kept.ts': 'export const k = 1;\n',
  'src/app.ts': 'export const a = 1;\n',
  'src/debug.log': 'ignored\n',
  'src/keep.log': 're-included by !keep.log\n',
  'src/__snapshots__/app.test.ts.snap': 'exports[`a`] = 1;\n',
  'src/view.test.js.snap': 'exports[`v`] = 1;\n',
  'scripts/build/index.js': 'console.log("tracked build script");\n',
  'notes/private.txt': 'excluded by .git/info/exclude\n',
  'gen/api.ts': 'export const generated = true;\n',
  'ext/lib.js': 'vendored by attribute\n',
  '.gitattributes': 'gen/** linguist-generated\next/** linguist-vendored=true\n',
  'vendors/lib.js': 'someone else\n',
  'third_party/x.c': 'int x;\n',
  'web/app.min.js': 'a()\n',
  'web/app.js.map': '{}\n',
  'yarn.lock': '# lock\n',
};

function reasons(plan: ReviewPlan): Record<string, string> {
  return Object.fromEntries(plan.skipped.map((s) => [s.path, s.reason ?? '']));
}

describe('review file set in a git work tree', () => {
  let repo: string;
  before(async () => {
    repo = await gitRepo(TREE, { commit: 'none' });
    await writeFile(join(repo, '.git/info/exclude'), 'notes/\n');
    await symlink('../src', join(repo, 'pkg/src-link'));
    // core.excludesFile (a user's global ignore file) counts too.
    await writeFile(join(repo, '.git/global-ignore'), '*.mine.ts\n');
    git(repo, 'config', 'core.excludesFile', join(repo, '.git/global-ignore'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'base');
    // After the commit: untracked build output, an ignored virtualenv with many files, an untracked source file.
    const venv: Tree = {};
    for (let i = 0; i < 50; i++) venv[`.venv/lib/site-packages/m${i}.py`] = 'x = 1\n';
    await writeTree(repo, { ...venv, 'src/notes.mine.ts': 'mine\n', 'dist/bundle.js': 'built\n', 'coverage/lcov.info': 'TN:\n', 'src/new.ts': 'export const n = 1;\n' });
  });
  after(() => rm(repo, { recursive: true, force: true }));

  it('plans exactly git\'s files (every .gitignore level, info/exclude), with the review rules on top', async () => {
    const plan = await planFiles(repoFileSource({ root: repo, git: true }));
    assert.deepEqual(plan.files.map((f) => f.path), ['.gitattributes', '.gitignore', 'pkg/.gitignore', 'pkg/kept.ts', 'scripts/build/index.js', 'src/app.ts', 'src/keep.log', 'src/new.ts']);
    const r = reasons(plan);
    assert.equal(r['.venv/'], 'ignored by .gitignore', 'an ignored folder is one line');
    assert.ok(!Object.keys(r).some((p) => p.startsWith('.venv/lib')), 'nothing listed inside the ignored folder');
    assert.equal(r['src/debug.log'], 'ignored by .gitignore');
    assert.equal(r['pkg/local.ts'], 'ignored by .gitignore');
    assert.equal(r['notes/'], 'ignored by .gitignore', '.git/info/exclude is honoured');
    assert.equal(r['src/notes.mine.ts'], 'ignored by .gitignore', 'core.excludesFile is honoured');
    assert.equal(r['dist/'], 'build output folder (not tracked by git)');
    assert.equal(r['coverage/'], 'build output folder (not tracked by git)');
    assert.equal(r['gen/api.ts'], 'generated (linguist-generated in .gitattributes)');
    assert.equal(r['ext/lib.js'], 'vendored (linguist-vendored in .gitattributes)');
    assert.equal(r['vendors/'], 'vendored folder');
    assert.equal(r['third_party/'], 'vendored folder');
    assert.equal(r['src/__snapshots__/app.test.ts.snap'], 'snapshot file');
    assert.equal(r['src/view.test.js.snap'], 'snapshot file');
    assert.match(r['web/app.min.js'], /minified/);
    assert.match(r['web/app.js.map'], /source map/);
    assert.equal(r['yarn.lock'], 'lockfile');
    assert.equal(r['pkg/src-link'], 'symbolic link (not followed)');
  });

  it('path arguments filter git\'s set: the root .gitignore still applies to `review src pkg`', async () => {
    const plan = await planFiles(repoFileSource({ root: repo, git: true, paths: ['src', 'pkg'] }));
    assert.deepEqual(plan.files.map((f) => f.path), ['pkg/.gitignore', 'pkg/kept.ts', 'src/app.ts', 'src/keep.log', 'src/new.ts']);
    assert.equal(reasons(plan)['src/debug.log'], 'ignored by .gitignore');
    assert.ok(!plan.skipped.some((s) => s.path.startsWith('scripts/') || s.path.startsWith('.venv')), 'nothing outside the paths');
  });

  it('never lists the run\'s own report and cache folder', async () => {
    await writeTree(repo, { 'reports/review.json': '{}\n', '.review-cache/abc.json': '{}\n' });
    try {
      const plan = await planFiles(repoFileSource({ root: repo, git: true, own: [{ path: 'reports/review.json', reason: 'own report' }, { path: '.review-cache', reason: 'own cache' }] }));
      assert.ok(!plan.files.some((f) => f.path.startsWith('reports/') || f.path.startsWith('.review-cache/')));
      assert.equal(reasons(plan)['.review-cache/'], 'own cache');
    } finally {
      await rm(join(repo, 'reports'), { recursive: true, force: true });
      await rm(join(repo, '.review-cache'), { recursive: true, force: true });
    }
  });
});

describe('review file set outside git', () => {
  let dir: string;
  before(async () => {
    dir = await tempFolder('review-plain-');
    const venv: Tree = {};
    for (let i = 0; i < 20; i++) venv[`.venv/lib/m${i}.py`] = 'x = 1\n';
    await writeTree(dir, { ...TREE, ...venv, 'dist/bundle.js': 'built\n', 'node_modules/x/index.js': 'x\n' });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('honours every .gitignore level (with re-includes), prunes ignored and vendored folders, skips build output at the root only', async () => {
    const plan = await planFiles(repoFileSource({ root: dir, git: false, paths: ['src', 'pkg', 'scripts', 'dist', 'node_modules', '.venv'] }));
    assert.deepEqual(plan.files.map((f) => f.path), ['pkg/.gitignore', 'pkg/kept.ts', 'scripts/build/index.js', 'src/app.ts', 'src/keep.log']);
    const r = reasons(plan);
    assert.equal(r['.venv/'], 'ignored by .gitignore');
    assert.equal(r['node_modules/'], 'vendored folder');
    assert.equal(r['dist/'], 'build output folder');
    assert.equal(r['src/debug.log'], 'ignored by .gitignore');
    assert.equal(r['pkg/local.ts'], 'ignored by .gitignore');
    assert.equal(plan.skipped.filter((s) => s.path.startsWith('.venv')).length, 1);
  });
});
