/**
 * `--jobs N`: the order in which this thread walks, claims, scans and settles files while
 * workers claim files of the same pool. Kept apart from the pool itself (worker-pool.ts), so
 * tests can run it against a pool whose "workers" they control.
 */
import type { Diagnostic, FileFinding } from '../model/scan.js';
import { statSync } from 'node:fs';
import type { FileGate } from '../filters/gate.js';
import type { ScanInput } from '../sources/inputs.js';
import type { InputResult } from './scan-input.js';
import type { FilePool, PendingFile } from './worker-pool.js';

/** Below this many files, or bytes in them, a run stays in this thread: starting workers costs more than it saves. */
export const POOL_MIN_FILES = 32;
/** Unclaimed files kept published per worker, so workers never wait while this thread scans a long file. */
const LOOKAHEAD = 32;
/** Files in flight (published, not settled) per job: bounds the findings held for settling in order. */
const WINDOW = 128;
/** Larger files are scanned in this thread only when next in order (so their findings stream). */
const HOLD_BYTES = 16 * 1024 * 1024;

export interface PooledRun {
  walkDiagnostics: Diagnostic[];
  diagnostics: Diagnostic[];
  scanHere(input: ScanInput): Promise<void>;
  /** Scan a file in this thread, its findings held in `pending` until the run settles it in order. */
  scanInto(input: ScanInput & { kind: 'file' }, pending: PendingFile): Promise<void>;
  gateFor(input: ScanInput): { gate: FileGate<FileFinding>; inBaseline: string | undefined };
  settle(input: ScanInput, result: InputResult, inBaseline: string | undefined): void;
  /** Start workers (ScanPool; tests give a pool of their own). */
  startPool(workers: number): FilePool;
  workersAfterBytes: number;
}

/**
 * `--jobs N`: this thread and N - 1 workers scan files. Workers start once POOL_MIN_FILES files
 * (and `workersAfterBytes` of them) have been seen; until then files are scanned here in order.
 * Then every file is published to the pool, and each thread claims the next unclaimed one: this
 * thread walks ahead until LOOKAHEAD files per worker wait unclaimed, then scans one itself.
 * Results are settled in input order, at most WINDOW × N files in flight (bounded memory); a file
 * this thread claims when it is next in order streams its findings instead of holding them.
 * Standard input and git blobs are scanned here, after every file before them.
 */
export async function runPooled(inputs: AsyncIterable<ScanInput> | Iterable<ScanInput>, jobs: number, run: PooledRun): Promise<void> {
  let flushed = 0;
  /** Walk notes made before the input that was produced when `walkDiagnostics` had `mark` entries. */
  const flushWalk = (mark: number) => {
    while (flushed < mark) run.diagnostics.push(run.walkDiagnostics[flushed++]!);
  };
  const workers = jobs - 1;
  let pool: FilePool | undefined;
  let files = 0;
  let bytes = 0;
  const window = WINDOW * jobs;
  /** Published files not yet settled, in order; `index` is the pool's file number (consecutive). */
  const queue: { input: ScanInput & { kind: 'file' }; mark: number; index: number; pending: PendingFile }[] = [];
  const settleHead = async () => {
    const entry = queue.shift()!;
    flushWalk(entry.mark);
    const { gate, inBaseline } = run.gateFor(entry.input);
    entry.pending.listen((f) => gate.offer({ path: entry.input.display, ...f }));
    const result = await entry.pending.done;
    pool!.release(entry.index);
    gate.finish();
    run.settle(entry.input, result, inBaseline);
  };
  const settleReady = async () => {
    while (queue.length > 0 && queue[0]!.pending.finished) await settleHead();
  };
  /**
   * Claim the next unclaimed file and scan it here; false when every published file is claimed,
   * or the next one is large and not next in order: this thread cannot pass on findings while it
   * scans, so they would all be held. It is left to a worker, or to this thread once it is next.
   */
  const scanClaimed = async (): Promise<boolean> => {
    pool!.send();
    const head = queue[0]!.index;
    const index = pool!.claim((i) => i === head || sizeOf(queue[i - head]!.input.path) <= HOLD_BYTES);
    if (index === undefined) return false;
    const at = index - head;
    const entry = queue[at]!;
    if (at === 0) {
      // Next in order: streamed rather than held.
      queue.shift();
      pool!.release(index);
      flushWalk(entry.mark);
      await run.scanHere(entry.input);
    } else await run.scanInto(entry.input, entry.pending);
    // Reading files here resolves on microtasks only: yield so workers' results (messages) come in.
    await new Promise((resolve) => setImmediate(resolve));
    await settleReady();
    return true;
  };
  /** Settle the next file in order, scanning claimable files here while it is not ready. */
  const advance = async () => {
    if (queue[0]!.pending.finished || !(await scanClaimed())) await settleHead();
  };
  const drain = async () => {
    while (queue.length > 0) await advance();
  };
  /** Whether the files seen so far, this one included, are enough to start the workers. */
  const enoughForWorkers = (path: string): boolean => {
    files++;
    if (run.workersAfterBytes > 0) bytes += sizeOf(path);
    return files >= POOL_MIN_FILES && bytes >= run.workersAfterBytes;
  };
  const take = async (input: ScanInput, mark: number) => {
    if (input.kind === 'file' && !pool && enoughForWorkers(input.path)) pool = run.startPool(workers);
    if (input.kind !== 'file' || !pool) {
      // Scanned here once everything before it is settled, streamed straight to the report.
      await drain();
      flushWalk(mark);
      return run.scanHere(input);
    }
    queue.push({ input, mark, index: pool.published, pending: pool.publish(input.path, input.display) });
    if (pool.unclaimed > LOOKAHEAD * workers) await scanClaimed();
    while (queue.length >= window) await advance();
  };
  try {
    for await (const input of inputs) await take(input, run.walkDiagnostics.length);
    await drain();
    flushWalk(run.walkDiagnostics.length);
  } finally {
    await pool?.close();
  }
}

/** A file's size, for starting workers and for HOLD_BYTES; one that cannot be read counts nothing (its scan reports why). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
