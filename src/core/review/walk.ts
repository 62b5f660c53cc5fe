// The file set outside git: a walk from the root that honours every .gitignore level with git's
// semantics (the `ignore` package; deeper files may re-include with `!`), pruning ignored and
// vendored folders whole, and build output folders at the root.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { BUILD_DIRS, VENDORED_DIRS, VENDORED_REASON } from './skipRules';
import type { SourceEntry } from './types';

interface Rules {
  /** Folder of the .gitignore, relative to the root ('' or 'a/b/'). */
  base: string;
  ig: Ignore;
}

/** Own output paths (report, cache) with the reason they are skipped. */
interface Own {
  path: string;
  reason: string;
}

function ignoredBy(rules: Rules[], path: string, dir: boolean): boolean {
  let ignored = false;
  for (const { base, ig } of rules) {
    if (!path.startsWith(base)) continue;
    const r = ig.test(path.slice(base.length) + (dir ? '/' : ''));
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

async function rulesIn(root: string, rel: string): Promise<Rules | null> {
  try {
    const text = await readFile(join(root, rel, '.gitignore'), 'utf8');
    return { base: rel ? `${rel}/` : '', ig: ignore().add(text) };
  } catch {
    return null;
  }
}

/**
 * Files under `root` (or only under `paths`, relative to it), each .gitignore applied from the root
 * down, so `review src tests` still honours the root's .gitignore.
 */
export async function walkFolder(root: string, paths: string[], own: Own[]): Promise<SourceEntry[]> {
  const wanted = paths.map((p) => p.replace(/\/+$/, '')).filter((p) => p !== '' && p !== '.');
  const inside = (rel: string) => wanted.length === 0 || wanted.some((p) => rel === p || rel.startsWith(`${p}/`));
  const onTheWay = (rel: string) => wanted.some((p) => p.startsWith(`${rel}/`));
  const out: SourceEntry[] = [];

  const walk = async (rel: string, inherited: Rules[]): Promise<void> => {
    const rules = await rulesIn(root, rel);
    const active = rules ? [...inherited, rules] : inherited;
    const entries = await readdir(join(root, rel), { withFileTypes: true });
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      const isDir = e.isDirectory();
      if (!inside(path) && !(isDir && onTheWay(path))) continue;
      if (e.name === '.git') continue;
      const mine = own.find((o) => path === o.path || path.startsWith(`${o.path}/`));
      if (isDir) {
        if (mine && mine.path === path) out.push({ path, dir: true, skip: mine.reason });
        else if (ignoredBy(active, path, true)) out.push({ path, dir: true, skip: 'ignored by .gitignore' });
        else if (VENDORED_DIRS.includes(e.name)) out.push({ path, dir: true, skip: VENDORED_REASON });
        else if (rel === '' && BUILD_DIRS.includes(e.name)) out.push({ path, dir: true, skip: 'build output folder' });
        else await walk(path, active);
      } else if (e.isFile()) {
        if (mine) out.push({ path, skip: mine.reason });
        else if (ignoredBy(active, path, false)) out.push({ path, skip: 'ignored by .gitignore' });
        else out.push({ path, size: (await stat(join(root, path))).size });
      }
    }
  };
  for (const p of wanted) await stat(join(root, p)); // a missing path is an ENOENT for the caller
  await walk('', []);
  return out;
}
