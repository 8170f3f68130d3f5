/**
 * A report file written as the scan goes: into a temporary file beside the target, renamed over
 * it only when complete, so a failure never leaves a half-written report (src/fs/replace-file.ts:
 * created exclusively with 0600, removed on a signal, given the old report's mode and owner).
 * Devices and pipes (/dev/null, a FIFO) are written directly, since they cannot be replaced.
 */
import { closeSync, fsyncSync, lstatSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { keepOwnerAndMode, newFileMode, openTemp, tempBeside } from './replace-file.js';
import { releaseTemp } from './temp-files.js';

export interface ReportFile {
  write(text: string): void;
  /** Flush and move into place. */
  commit(): void;
  /** Drop the partial report. */
  abort(): void;
}

/**
 * Reports arrive a finding at a time: gather them into large writes instead of a syscall each,
 * encoded straight into a buffer (no joined string to encode again). A sink may keep the bytes it
 * is given (an asynchronous pipe), so each batch gets a buffer of its own, unless the sink is
 * `done` with them when it returns (a synchronous write): then one buffer serves every batch.
 */
const FLUSH_BYTES = 1 << 16;

export function batched(sink: (bytes: Uint8Array) => void, done = false): { write(text: string): void; flush(): void } {
  let buf = Buffer.allocUnsafe(FLUSH_BYTES);
  let used = 0;
  const flush = () => {
    if (used === 0) return;
    sink(buf.subarray(0, used));
    if (!done) buf = Buffer.allocUnsafe(FLUSH_BYTES);
    used = 0;
  };
  return {
    write(text) {
      // A UTF-16 code unit is at most three bytes of UTF-8.
      if (used + 3 * text.length > buf.length) {
        flush();
        if (3 * text.length > buf.length) return sink(Buffer.from(text, 'utf8'));
      }
      used += buf.write(text, used, 'utf8');
    },
    flush,
  };
}

export function openReportFile(path: string): ReportFile {
  let existing;
  try {
    existing = statSync(path);
  } catch {
    existing = undefined;
  }
  if (existing && !existing.isFile()) {
    const fd = openSync(path, 'w');
    const out = batched((text) => writeSync(fd, text), true);
    const close = () => {
      out.flush();
      closeSync(fd);
    };
    return { write: out.write, commit: close, abort: close };
  }
  // The rename replaces a link, not its target: only a file of its own lends the report its mode and owner.
  const like = existing && !lstatSync(path).isSymbolicLink() ? { mode: existing.mode & 0o7777, uid: existing.uid, gid: existing.gid } : { mode: newFileMode() };
  const tmp = tempBeside(path);
  const fd = openTemp(tmp);
  const out = batched((text) => writeSync(fd, text), true);
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: out.write,
    commit() {
      out.flush();
      keepOwnerAndMode(fd, like);
      fsyncSync(fd);
      close();
      renameSync(tmp, path);
      releaseTemp(tmp);
    },
    abort() {
      close();
      try {
        unlinkSync(tmp);
      } catch {
        // already gone
      }
      releaseTemp(tmp);
    },
  };
}
