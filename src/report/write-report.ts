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

/** Reports arrive a finding at a time: gather them into large writes instead of a syscall each. */
const FLUSH_CHARS = 1 << 16;

export function batched(sink: (text: string) => void): { write(text: string): void; flush(): void } {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (size > 0) sink(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size >= FLUSH_CHARS) flush();
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
