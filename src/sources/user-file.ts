/**
 * A small file the user named — config, rule file, baseline, roster, key, draft: read whole, but only
 * when it is a regular file of bounded size. A FIFO would hang the read (and, opened without
 * O_NONBLOCK, the open itself), `/dev/zero` never ends, and a huge file would be held whole.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { describeError } from './inputs.js';

/**
 * What each kind of file may weigh; anything larger is refused, not read. Generous for real files;
 * small enough that parsing one stays well within memory (YAML takes a few hundred times its size).
 */
export const USER_FILE_LIMITS = {
  config: 1024 * 1024,
  rules: 1024 * 1024,
  baseline: 64 * 1024 * 1024,
  roster: 1024 * 1024,
  /** A watch list: 57 bytes an entry, so about 300,000 entries. */
  watchlist: 16 * 1024 * 1024,
  key: 4 * 1024,
  /** `check-message --from-eml`: as large as any document may be (DEFAULT_LIMITS in documents/types.ts). */
  draft: 200 * 1024 * 1024,
  /** A shard's JSON report for `merge`: as large as one string of text may be. */
  report: 512 * 1024 * 1024,
} as const;

export type UserFileKind = keyof typeof USER_FILE_LIMITS;

/** Why a named file was not read; the message says what it is (never its content). */
export class UserFileError extends Error {}

/** The bytes of `path`; throws UserFileError unless it is a regular file of at most `maxBytes`. */
export function readUserFile(path: string, kind: UserFileKind, maxBytes: number = USER_FILE_LIMITS[kind]): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once, so fstat can refuse it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    throw new UserFileError(describeError((e as NodeJS.ErrnoException).code, e));
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new UserFileError(`not a regular file (${fileType(st)})`);
    if (st.size > maxBytes) throw new UserFileError(`larger than the ${formatBytes(maxBytes)} a ${kind} file may be`);
    // Read to the end, not to st.size: the file may have grown since; a byte past the cap refuses it.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1 - length, Math.max(st.size - length, 0) + 4096));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > maxBytes) throw new UserFileError(`larger than the ${formatBytes(maxBytes)} a ${kind} file may be`);
    }
    return Buffer.concat(chunks, length);
  } catch (e) {
    if (e instanceof UserFileError) throw e;
    throw new UserFileError(describeError((e as NodeJS.ErrnoException).code, e));
  } finally {
    closeSync(fd);
  }
}

/** `readUserFile` as UTF-8 text. */
export function readUserText(path: string, kind: UserFileKind, maxBytes?: number): string {
  return readUserFile(path, kind, maxBytes).toString('utf8');
}

function fileType(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024) return `${n / 1024} KB`;
  return `${n} bytes`;
}
