/**
 * A report file written as the scan goes: into a temporary file beside the target, renamed over
 * it only when complete, so a failure never leaves a half-written report. Devices and pipes
 * (/dev/null, a FIFO) are written directly, since they cannot be replaced.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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
 * is given (an asynchronous pipe), so each batch gets a buffer of its own.
 */
const FLUSH_BYTES = 1 << 16;

export function batched(sink: (bytes: Uint8Array) => void): { write(text: string): void; flush(): void } {
  let buf = Buffer.allocUnsafe(FLUSH_BYTES);
  let used = 0;
  const flush = () => {
    if (used === 0) return;
    sink(buf.subarray(0, used));
    buf = Buffer.allocUnsafe(FLUSH_BYTES);
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
    const out = batched((text) => writeSync(fd, text));
    const close = () => {
      out.flush();
      closeSync(fd);
    };
    return { write: out.write, commit: close, abort: close };
  }
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', existing?.mode ?? 0o644);
  const out = batched((text) => writeSync(fd, text));
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: out.write,
    commit() {
      out.flush();
      fsyncSync(fd);
      close();
      renameSync(tmp, path);
    },
    abort() {
      close();
      try {
        unlinkSync(tmp);
      } catch {
        // already gone
      }
    },
  };
}
