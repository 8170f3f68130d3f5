import { describe, expect, it } from '@jest/globals';
import { createProgress } from '../../src/cli/progress.js';
import type { Io } from '../../src/cli/io.js';

/** A progress line on a fake terminal with a clock the test moves. */
function track() {
  const written: string[] = [];
  let t = 0;
  const io = { stderr: (s: string) => void written.push(s) } as unknown as Io;
  const progress = createProgress(io, true, () => t);
  const lines = () => written.filter((w) => w.includes('MB')).map((w) => w.replace('\r\u001b[K', ''));
  return { progress, lines, tick: (ms: number) => void (t += ms) };
}

describe('progress', () => {
  it('moves while one large file is read, and counts its bytes once when it is done', () => {
    const { progress, lines, tick } = track();
    const MB = 1024 * 1024;
    for (let i = 0; i < 3; i++) {
      tick(200);
      progress.reading(100 * MB);
    }
    expect(lines().at(-1)).toMatch(/^pii-scan: 0 files, 300\.0 MB/);
    // Done: what it told is taken back and its total counts.
    progress.reading(-300 * MB);
    tick(200);
    progress.input(300 * MB);
    expect(lines().at(-1)).toMatch(/^pii-scan: 1 file, 300\.0 MB/);
    // A file a worker read is told only when done.
    tick(200);
    progress.input(10 * MB);
    expect(lines().at(-1)).toMatch(/^pii-scan: 2 files, 310\.0 MB/);
  });
});
