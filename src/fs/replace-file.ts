/**
 * Replacing a file without damage, for every writer that replaces one (redact --in-place and
 * --out-dir, report and baseline files): the new content goes into a temporary file beside the
 * target, created exclusively with mode 0600 (an existing name or a link planted there is refused,
 * not written through), registered for removal on a signal, given the target's mode and owner,
 * flushed, and only then renamed over the target.
 */
import { randomBytes } from 'node:crypto';
import { constants, fchmodSync, fchownSync, fstatSync, lstatSync, openSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { trackTemp } from './temp-files.js';

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
  nlink: number;
}

export function stateOf(st: Stats): FileState {
  return { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, nlink: st.nlink };
}

/** The state of `path` (of a link itself unless `follow`). */
export function fileState(path: string, follow = false): FileState {
  return stateOf(follow ? statSync(path) : lstatSync(path));
}

/** `path` is still the file `before` describes: same inode, size, modification and change times. */
export function unchangedSince(path: string, before: FileState, follow = false): boolean {
  const now = fileState(path, follow);
  return now.dev === before.dev && now.ino === before.ino && now.size === before.size && now.mtimeMs === before.mtimeMs && now.ctimeMs === before.ctimeMs;
}

/** Create, never open: fails on an existing name, and on a link (dangling or not) at that name. */
export const CREATE_EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** A fresh name beside `path` for a temporary file. */
export function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.pii-scan.tmp`);
}

/** Create the temporary file `path` (exclusively, 0600) and register it for removal on a signal; its descriptor. */
export function openTemp(path: string): number {
  const fd = openSync(path, CREATE_EXCLUSIVE, 0o600);
  trackTemp(path);
  return fd;
}

/** The mode a new file gets from the umask (a replacement for nothing gets what the file would have had). */
export function newFileMode(): number {
  return 0o666 & ~process.umask();
}

/**
 * Give the open file `fd` the owner (where this process may: as root, or a group it is in) and
 * the mode of `like`. fchmod is not subject to the umask. False when the owner could not be kept.
 */
export function keepOwnerAndMode(fd: number, like: Pick<FileState, 'mode'> & Partial<Pick<FileState, 'uid' | 'gid'>>): boolean {
  let kept = true;
  if (like.uid !== undefined && like.gid !== undefined) {
    const st = fstatSync(fd);
    if (st.uid !== like.uid || st.gid !== like.gid) {
      try {
        fchownSync(fd, like.uid, like.gid);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EPERM' && code !== 'EINVAL') throw e;
        kept = false;
      }
    }
  }
  // After chown, which clears set-id bits.
  fchmodSync(fd, like.mode);
  return kept;
}
