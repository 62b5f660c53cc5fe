import { strict as assert } from 'node:assert';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { OutsideRootError, resolveReviewRoot } from '../../../src/core/review';
import { gitRepo, tempFolder, writeTree } from './repo';

describe('review root', () => {
  let plain: string;
  let repo: string;
  before(async () => {
    plain = await tempFolder('review-root-');
    await writeTree(plain, { 'a/x/one.ts': '1\n', 'a/y/two.ts': '2\n', 'b/three.ts': '3\n' });
    repo = await gitRepo({ 'src/app.ts': 'a\n', 'lib/util.ts': 'u\n' });
  });
  after(async () => {
    await rm(plain, { recursive: true, force: true });
    await rm(repo, { recursive: true, force: true });
  });

  it('in git: the top level of the first path, whatever the current folder', async () => {
    assert.deepEqual(await resolveReviewRoot(plain, [join(repo, 'src')]), { root: repo, git: true, top: repo, paths: ['src'] });
    assert.deepEqual(await resolveReviewRoot(join(repo, 'lib'), []), { root: repo, git: true, top: repo, paths: ['lib'] });
  });

  it('outside git: the current folder when it holds every path, else the deepest folder that does', async () => {
    assert.deepEqual(await resolveReviewRoot(plain, ['a/x', 'b']), { root: plain, git: false, paths: ['a/x', 'b'] });
    assert.deepEqual(await resolveReviewRoot(join(plain, 'b'), [join(plain, 'a/x/one.ts'), join(plain, 'a/y')]), { root: join(plain, 'a'), git: false, paths: ['x/one.ts', 'y'] });
  });

  it('--root wins; a path outside it is refused; a missing path is ENOENT with what the user typed', async () => {
    assert.deepEqual(await resolveReviewRoot(plain, ['a/x'], 'a'), { root: join(plain, 'a'), git: false, paths: ['x'] });
    await assert.rejects(resolveReviewRoot(plain, ['b'], 'a'), OutsideRootError);
    await assert.rejects(resolveReviewRoot(plain, ['nope.ts']), (e: NodeJS.ErrnoException) => e.code === 'ENOENT' && e.path === 'nope.ts');
  });
});
