/**
 * Replacing a file without damage: the new content goes into a temporary file beside it (created
 * exclusively, 0600), gets the original's mode and owner, is flushed, and is renamed over the
 * original only if the original is still the file that was read. Nothing is ever written through
 * a name this process did not just create, so a link planted in a shared folder cannot redirect a write.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, stat, unlink, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { fileChunks } from '../sources/file-chunks.js';
import { releaseTemp, removeTemp, trackTemp } from './temp-files.js';
import type { RedactFs } from './redact-file.js';

/** What identifies a file's content and who may read it: compared before a rename, copied onto its replacement. */
export interface FileState {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  mode: number;
  uid: number;
  gid: number;
}

function stateOf(st: Stats): FileState {
  return { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
}

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

/** A fresh name beside `path` for a temporary file (created exclusively by the caller). */
export function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.pii-scan.tmp`);
}

/** Open a new temporary file exclusively with mode 0600, registered for removal on a signal. */
export async function createTemp(path: string, fs: RedactFs): Promise<FileHandle> {
  const handle = await fs.open(path, EXCLUSIVE, 0o600);
  trackTemp(path);
  return handle;
}

/** Create, never open: fails on an existing name, and on a link (dangling or not) at that name. */
const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Give an open replacement the original's owner (where this process may) and mode; fchmod is not subject to the umask. */
export async function copyOwnerAndMode(handle: FileHandle, like: Pick<FileState, 'mode'> & Partial<Pick<FileState, 'uid' | 'gid'>>): Promise<void> {
  if (like.uid !== undefined && like.gid !== undefined) {
    const st = await handle.stat();
    if (st.uid !== like.uid || st.gid !== like.gid) {
      try {
        await handle.chown(like.uid, like.gid);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EPERM' || code === 'EINVAL') throw new Error(`cannot keep the file's owner (uid ${like.uid}, gid ${like.gid}) without the right to chown; not rewritten`);
        throw e;
      }
    }
  }
  // After chown, which clears set-id bits.
  await handle.chmod(like.mode);
}

/**
 * Keep the original as `path` (its backup): created exclusively and never through a link, so an
 * existing file or a planted link is refused, not overwritten. Same mode and owner as the original.
 */
export async function writeBackup(src: string, path: string, like: FileState, fs: RedactFs): Promise<() => Promise<void>> {
  let handle: FileHandle;
  try {
    handle = await fs.open(path, EXCLUSIVE, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`the backup ${basename(path)} already exists; not overwritten`);
    throw e;
  }
  trackTemp(path);
  const remove = () => removeTemp(path);
  try {
    try {
      for (const chunk of fileChunks(src)) await handle.write(chunk);
      await copyOwnerAndMode(handle, like);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (e) {
    await remove();
    throw e;
  }
  // Kept from here on: a backup is not temporary once written (until the caller drops it on failure).
  releaseTemp(path);
  return async () => {
    await unlink(path).catch(() => {});
  };
}

/** The state of `path` (of the link itself unless `follow`). */
export async function fileState(path: string, follow = false): Promise<FileState> {
  return stateOf(await (follow ? stat(path) : lstat(path)));
}

/** The file at `path` is still the one described by `before`: same inode, size, modification and change times. */
export async function unchangedSince(path: string, before: FileState, follow = false): Promise<boolean> {
  const now = await fileState(path, follow);
  return now.dev === before.dev && now.ino === before.ino && now.size === before.size && now.mtimeMs === before.mtimeMs && now.ctimeMs === before.ctimeMs;
}

/**
 * Rename `tmp` over `target` if `target` is unchanged since `before`; otherwise leave it as it is
 * and fail (an edit made while the redaction ran would otherwise be lost).
 */
export async function renameIfUnchanged(tmp: string, target: string, before: FileState, fs: RedactFs): Promise<void> {
  if (!(await unchangedSince(target, before))) throw new Error('the file changed while it was being redacted; left as it is (run again)');
  await fs.rename(tmp, target);
}
