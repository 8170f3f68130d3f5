/**
 * The CLI keeps V8's young generation at half its default maximum during a long scan
 * (src/cli/v8-flags.ts): a workload that keeps a little of each "chunk" grows it to the maximum
 * unless holdYoungGeneration is told of each chunk.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FLAGS = fileURLToPath(new URL('../../dist/cli/v8-flags.js', import.meta.url));

/** The young generation's size in MB after a workload that keeps some of what it allocates; `hold`: told of each 64 KB chunk. */
function youngAfter(hold: boolean): number {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { holdYoungGeneration } from ${JSON.stringify(FLAGS)};
    let kept = [];
    for (let chunk = 0; chunk < 3000; chunk++) {
      for (let i = 0; i < 10000; i++) {
        const o = { i, s: 'x' + i };
        if (i % 40 === 0) kept.push(o);
      }
      if (kept.length > 20000) kept = [];
      if (${hold}) holdYoungGeneration(65536);
    }
    console.log(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

describe('young generation', () => {
  it('stops growing at 16 MB once the scan tells it of its chunks; without, it grows past that', () => {
    expect(youngAfter(false)).toBeGreaterThan(16);
    expect(youngAfter(true)).toBeLessThanOrEqual(16);
  });
});
