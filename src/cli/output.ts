// The report file: checked writable before anything is sent (its folder created), then written
// whole (a temporary file renamed over it), so a cancelled run never leaves half a report.
import { access, constants, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The report cannot be written where --output says. */
export class OutputError extends Error {
  constructor(readonly file: string, cause: string) {
    super(`cannot write the report to ${file}: ${cause}`);
    this.name = 'OutputError';
  }
}

function why(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  if (err.code === 'EROFS') return 'read-only file system';
  if (err.code === 'ENOTDIR') return 'a parent is a file, not a folder';
  if (err.code === 'EISDIR') return 'it is a folder';
  return err.message;
}

/** Creates the folder and proves a file can be written there; throws OutputError. */
export async function prepareOutput(file: string): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    const info = await stat(file).catch(() => null);
    if (info?.isDirectory()) throw Object.assign(new Error('it is a folder'), { code: 'EISDIR' });
    if (info) await access(file, constants.W_OK);
    const probe = `${file}.${process.pid}.probe`;
    const handle = await open(probe, 'wx');
    await handle.close();
    await rm(probe, { force: true });
  } catch (e) {
    throw new OutputError(file, why(e));
  }
}

export async function writeOutput(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new OutputError(file, why(e));
  }
}
