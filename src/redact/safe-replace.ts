/**
 * What --in-place may replace and how: the original is refused when replacing it would not
 * remove its content everywhere (a link) or would lose an edit; the replacement and the backup
 * are new files (src/fs/replace-file.ts) with the original's mode and owner.
 */
import type { RedactFs } from './redact-fs.js';
import { lstat, unlink, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { CREATE_EXCLUSIVE, keepOwnerAndMode, stateOf, unchangedSince, type FileState } from '../fs/replace-file.js';
import { releaseTemp, removeTemp, trackTemp } from '../fs/temp-files.js';
import { fileChunks } from '../sources/file-chunks.js';

/** The owner and mode an output gets: the original's for --in-place, its mode for a copy, 0600 for a private temporary file. */
export type OutputMeta = Pick<FileState, 'mode'> & Partial<Pick<FileState, 'uid' | 'gid'>>;

/**
 * The file `--in-place` may replace, or an error saying why not. A symbolic link is refused (the
 * rename would replace the link and leave its target as it was); so is a file with several hard
 * links (the other names would keep the original content).
 */
export async function replaceableFile(path: string): Promise<FileState> {
  const st = await lstat(path);
  if (st.isSymbolicLink()) throw new Error('is a symbolic link; --in-place does not write through links (give the file it points to)');
  if (!st.isFile()) throw new Error('not a regular file; --in-place needs one');
  if (st.nlink > 1) throw new Error(`has ${st.nlink} hard links; replacing it would leave the other names with the original content (redact a copy, or remove the other links first)`);
  if ((st.mode & 0o222) === 0) throw new Error('file is read-only; not rewritten');
  return stateOf(st);
}

/** Create the temporary file `path` exclusively with mode 0600, registered for removal on a signal. */
export async function createTemp(path: string, fs: RedactFs): Promise<FileHandle> {
  const handle = await fs.open(path, CREATE_EXCLUSIVE, 0o600);
  trackTemp(path);
  return handle;
}

/** Give an open output `meta`; a file whose owner cannot be kept is not replaced (its owner could lose it). */
export function copyOwnerAndMode(handle: FileHandle, meta: OutputMeta): void {
  if (!keepOwnerAndMode(handle.fd, meta)) throw new Error(`cannot keep the file's owner (uid ${meta.uid}, gid ${meta.gid}) without the right to chown; not rewritten`);
}

/**
 * Keep the original as `path`, its backup: a new file, never opened through a link, so an
 * existing file or a planted link is refused, not overwritten. Same mode and owner as the
 * original. Returns what drops the backup again (when the replacement then fails).
 */
export async function writeBackup(src: string, path: string, like: FileState, fs: RedactFs): Promise<() => Promise<void>> {
  let handle: FileHandle;
  try {
    handle = await createTemp(path, fs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`the backup ${basename(path)} already exists; not overwritten`);
    throw e;
  }
  try {
    try {
      for (const chunk of fileChunks(src)) await handle.write(chunk);
      copyOwnerAndMode(handle, like);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (e) {
    await removeTemp(path);
    throw e;
  }
  releaseTemp(path); // complete: kept, even if the run is interrupted now
  return () => unlink(path).catch(() => {});
}

/**
 * Rename `tmp` over `target` if `target` is still the file that was read; otherwise leave it as
 * it is and fail, since an edit made while the redaction ran would be lost.
 */
export async function renameIfUnchanged(tmp: string, target: string, before: FileState, fs: RedactFs): Promise<void> {
  if (!unchangedSince(target, before)) throw new Error('the file changed while it was being redacted; left as it is (run again)');
  await fs.rename(tmp, target);
  releaseTemp(tmp);
}
