/**
 * The --jobs schedule against a pool whose one "worker" the test controls: findings of a file this
 * thread scans when it is next in order stream (scanHere); others are held (scanInto) and settled
 * in order; a large file is never held.
 */
import type { FileFinding } from '../../src/model/scan.js';
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileGate } from '../../src/filters/gate.js';
import { POOL_MIN_FILES, runPooled, type PooledRun } from '../../src/run/pooled-run.js';
import type { InputResult } from '../../src/run/scan-input.js';
import { PendingFile, type FilePool } from '../../src/run/worker-pool.js';
import type { LocatedFinding } from '../../src/documents/scan-document.js';
import type { ScanInput } from '../../src/sources/inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'pii-pooled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const done: InputResult = { status: 'scanned', bytes: 1, encoding: 'utf-8', belowThreshold: 0, allowListed: 0, suppressed: 0 };
/** A finding that names its file, so the report's order can be read back. */
const findingOf = (path: string) => ({ ruleId: 'r', entity: 'E', severity: 'low', value: path, confidence: 1, why: '', index: 0, line: 1, column: 1, endLine: 1, endColumn: 2, offset: 0, length: 1, contextHash: '' }) as LocatedFinding;

/** A pool with one worker that claims only when the test says, and finishes only when the test says. */
class TestPool implements FilePool {
  published = 0;
  next = 0;
  readonly results = new Map<number, PendingFile>();
  readonly paths: string[] = [];
  get unclaimed(): number {
    return this.published - this.next;
  }
  publish(path: string): PendingFile {
    const p = new PendingFile();
    this.results.set(this.published++, p);
    this.paths.push(path);
    return p;
  }
  send(): void {}
  claim(accept?: (index: number) => boolean): number | undefined {
    if (this.next >= this.published || (accept && !accept(this.next))) return undefined;
    return this.next++;
  }
  /** The worker claims the next file. */
  workerClaims(): number {
    return this.next++;
  }
  /** The worker finishes file `index` with one finding. */
  workerFinishes(index: number): void {
    const p = this.results.get(index)!;
    p.add([findingOf(this.paths[index]!)]);
    p.resolve(done);
  }
  release(index: number): void {
    this.results.delete(index);
  }
  async close(): Promise<void> {}
}

function files(n: number, large: number[] = []): ScanInput[] {
  return Array.from({ length: n }, (_, i) => {
    const path = join(dir, `f${String(i).padStart(3, '0')}`);
    writeFileSync(path, '');
    if (large.includes(i)) truncateSync(path, 17 * 1024 * 1024); // sparse: its size is all that is read
    return { kind: 'file' as const, path, display: path };
  });
}

/** Runs the schedule; `onPool` and `afterScanInto` let the test act as the worker. */
async function run(inputs: ScanInput[], hooks: { onPool?: (pool: TestPool) => void; afterScanInto?: (pool: TestPool, heldSoFar: number) => void } = {}) {
  const emitted: string[] = [];
  const streamed: string[] = [];
  const held: string[] = [];
  let pool: TestPool | undefined;
  const stats = { baselined: 0, unchangedLines: 0 };
  const r: PooledRun = {
    walkDiagnostics: [],
    diagnostics: [],
    scanHere: async (input) => {
      streamed.push(input.display);
      emitted.push(input.display);
    },
    scanInto: async (input, pending: PendingFile) => {
      held.push(input.display);
      pending.add([findingOf(input.display)]);
      pending.resolve(done);
      hooks.afterScanInto?.(pool!, held.length);
    },
    gateFor: () => ({ gate: new FileGate<FileFinding>(undefined, undefined, stats, (f) => emitted.push(f.value)), inBaseline: undefined }),
    settle: () => {},
    startPool: () => {
      pool = new TestPool();
      hooks.onPool?.(pool);
      return pool;
    },
    workersAfterBytes: 0,
  };
  await runPooled(inputs, 2, r);
  return { emitted, streamed, held };
}

/** The worker claims the first file published to the pool (input POOL_MIN_FILES - 1) and keeps it. */
const workerTakesFirst = (pool: TestPool) => {
  const publish = pool.publish.bind(pool);
  pool.publish = (path: string) => {
    const p = publish(path);
    if (pool.published === 1) pool.workerClaims();
    return p;
  };
};
const FIRST_POOLED = POOL_MIN_FILES - 1;

describe('runPooled', () => {
  it('streams every file this thread takes when it is next in order', async () => {
    const inputs = files(200);
    const { emitted, streamed, held } = await run(inputs);
    expect(held).toEqual([]);
    expect(streamed).toEqual(inputs.map((i) => i.display));
    expect(emitted).toEqual(inputs.map((i) => i.display));
  });

  it('holds the files scanned while an earlier one is out with a worker, and settles all in order', async () => {
    const inputs = files(200);
    const { emitted, streamed, held } = await run(inputs, {
      onPool: workerTakesFirst,
      // The worker's file comes back once this thread has scanned five files past it.
      afterScanInto: (pool, heldSoFar) => {
        if (heldSoFar === 5) pool.workerFinishes(0);
      },
    });
    expect(held).toEqual(inputs.slice(FIRST_POOLED + 1, FIRST_POOLED + 6).map((i) => i.display));
    expect(streamed).toHaveLength(200 - 6);
    expect(emitted).toEqual(inputs.map((i) => i.display));
  });

  it('never holds a large file: this thread takes it only once it is next in order', async () => {
    const inputs = files(100, [FIRST_POOLED + 4]);
    const big = inputs[FIRST_POOLED + 4]!.display;
    const { emitted, streamed, held } = await run(inputs, {
      onPool: (pool) => {
        workerTakesFirst(pool);
        // The worker's file comes back once this thread has refused the large file (not next in order)
        // and so waits for it: no timer, so a loaded machine cannot reorder the two.
        const claim = pool.claim.bind(pool);
        let finished = false;
        pool.claim = (accept) => {
          const index = claim(accept);
          if (index === undefined && pool.next === 4 && !finished) {
            finished = true;
            setImmediate(() => pool.workerFinishes(0));
          }
          return index;
        };
      },
    });
    expect(held).toEqual(inputs.slice(FIRST_POOLED + 1, FIRST_POOLED + 4).map((i) => i.display));
    expect(streamed).toContain(big);
    expect(emitted).toEqual(inputs.map((i) => i.display));
  });
});
