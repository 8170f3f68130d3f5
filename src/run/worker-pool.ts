/**
 * `--jobs N`: files shared by this thread and N - 1 worker threads. Every thread knows the files
 * published so far, in input order, and claims the next unclaimed one from one shared atomic
 * counter, so no thread waits for another to hand it work (this thread may be deep in a large
 * file). The run settles results in input order; findings of files finished early are held.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RuleDef } from '../model/rule.js';
import type { ScanSettings } from '../model/finding.js';
import type { LocatedFinding } from '../documents/scan-document.js';
import type { Limits } from '../documents/types.js';
import type { InputResult } from './scan-input.js';
import type { WatchListData } from '../filters/watchlist.js';

/** What every worker needs, as structured-clonable data. */
export interface WorkerSetup {
  defs: RuleDef[];
  settings: ScanSettings;
  minConfidence: number;
  /** Normalised allow-listed values. */
  allow: string[];
  /** See ScanContext.inlineAllow. */
  inlineAllow: boolean;
  documentLimits?: Limits;
  /** The watch list's hashes (the passphrase, if any, each worker reads from the environment). */
  watchlist?: WatchListData;
}

export interface WorkerData {
  setup: WorkerSetup;
  /** [0]: the next unclaimed file; [1 + worker]: the file that worker is scanning, or -1. */
  claims: SharedArrayBuffer;
  worker: number;
}

export interface WorkerTask {
  path: string;
  display: string;
}

/** This thread → workers: more files, numbered on from those sent before. */
export interface WorkerFiles {
  files: WorkerTask[];
}

export type WorkerMessage =
  | { type: 'findings'; index: number; findings: LocatedFinding[] }
  | { type: 'done'; index: number; result: InputResult }
  | { type: 'failed'; index: number; message: string };

/**
 * Claim the next file below `known` (the files this thread has been told of), or undefined when
 * every one of them is claimed, or when `accept` turns the next one down (it stays for another
 * thread). A thread never claims a file it does not know yet.
 */
export function claimNext(claims: Int32Array, known: number, accept?: (index: number) => boolean): number | undefined {
  for (;;) {
    const next = Atomics.load(claims, 0);
    if (next >= known || (accept && !accept(next))) return undefined;
    if (Atomics.compareExchange(claims, 0, next, next + 1) === next) return next;
  }
}

/** One published file's results: findings arrive in `buffered` until the run listens with `listen`. */
export class PendingFile {
  private buffered: LocatedFinding[] = [];
  private sink: ((f: LocatedFinding) => void) | undefined;
  readonly done: Promise<InputResult>;
  /** Resolved or rejected: settling it will not wait. */
  finished = false;
  private resolveDone!: (r: InputResult) => void;
  private rejectDone!: (e: Error) => void;

  constructor() {
    this.done = new Promise<InputResult>((res, rej) => {
      this.resolveDone = res;
      this.rejectDone = rej;
    });
    // A failure is handled when the run reaches this file; never an unhandled rejection before.
    this.done.catch(() => undefined);
  }

  add(findings: LocatedFinding[]): void {
    if (this.sink) for (const f of findings) this.sink(f);
    else for (const f of findings) this.buffered.push(f);
  }

  resolve(r: InputResult): void {
    this.finished = true;
    this.resolveDone(r);
  }

  reject(e: Error): void {
    this.finished = true;
    this.rejectDone(e);
  }

  /** Deliver what came so far, then every later finding, to `sink`. */
  listen(sink: (f: LocatedFinding) => void): void {
    for (const f of this.buffered) sink(f);
    this.buffered = [];
    this.sink = sink;
  }
}

/**
 * The worker's code: beside the bundle (dist/cli/scan-worker.mjs), beside this compiled module
 * (dist/run/scan-worker.js), or, under jest, where sources are TypeScript run through swc that a
 * worker thread cannot load, the built dist/run/scan-worker.js (made by `npm run build`).
 */
export function workerFile(): string {
  const candidates = ['./scan-worker.mjs', './scan-worker.js', '../../dist/run/scan-worker.js'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  const found = candidates.find((f) => existsSync(f));
  if (found) return found;
  throw new Error(`--jobs: the worker code is not built (${candidates[2]} is missing): run npm run build, or use --jobs 1`);
}

/** What the run needs of a pool of files (pooled-run.ts). */
export interface FilePool {
  /** Files published so far (the next file's number). */
  readonly published: number;
  /** Published files no thread has claimed yet. */
  readonly unclaimed: number;
  /** Add a file at the end of the order; its results come to the returned PendingFile. */
  publish(path: string, display: string): PendingFile;
  /** Tell the workers of every published file (before this thread starts a long scan, or waits). */
  send(): void;
  /** Claim the next unclaimed file for this thread, if `accept` takes it. */
  claim(accept?: (index: number) => boolean): number | undefined;
  /** The run has taken file `index`'s results: forget them. */
  release(index: number): void;
  close(): Promise<void>;
}

/** Files sent to workers at once: one message per batch, not per file. */
const SEND_BATCH = 64;

export class ScanPool implements FilePool {
  private readonly workers: Worker[] = [];
  private readonly claims: Int32Array;
  /** Results of published files not yet taken by the run, by file number. */
  private readonly results = new Map<number, PendingFile>();
  private unsent: WorkerTask[] = [];
  published = 0;

  constructor(size: number, setup: WorkerSetup) {
    const file = workerFile();
    this.claims = new Int32Array(new SharedArrayBuffer(4 * (1 + size)));
    this.claims.fill(-1, 1);
    for (let w = 0; w < size; w++) {
      const worker = new Worker(file, { workerData: { setup, claims: this.claims.buffer as SharedArrayBuffer, worker: w } satisfies WorkerData });
      worker.on('message', (m: WorkerMessage) => {
        const p = this.results.get(m.index);
        if (!p) return;
        if (m.type === 'findings') p.add(m.findings);
        else if (m.type === 'done') p.resolve(m.result);
        else p.reject(new Error(m.message));
      });
      // A worker that stops fails the file it was scanning; the other threads claim the rest.
      const fail = (e: Error) => {
        const index = Atomics.exchange(this.claims, 1 + w, -1);
        if (index >= 0) this.results.get(index)?.reject(e);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`scan worker stopped (exit code ${code})`)));
      this.workers.push(worker);
    }
  }

  publish(path: string, display: string): PendingFile {
    const pending = new PendingFile();
    this.results.set(this.published++, pending);
    this.unsent.push({ path, display });
    if (this.unsent.length >= SEND_BATCH) this.send();
    return pending;
  }

  send(): void {
    if (this.unsent.length === 0) return;
    const message: WorkerFiles = { files: this.unsent };
    for (const w of this.workers) w.postMessage(message);
    this.unsent = [];
  }

  claim(accept?: (index: number) => boolean): number | undefined {
    return claimNext(this.claims, this.published, accept);
  }

  get unclaimed(): number {
    return this.published - Math.min(this.published, Atomics.load(this.claims, 0));
  }

  release(index: number): void {
    this.results.delete(index);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
