/**
 * `--jobs N`: whole files scanned on worker threads. The run keeps the order: it submits files
 * in input order, holds the findings of files that finish early, and settles them in order.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RuleDef } from '../engine/rule.js';
import type { ScanSettings } from '../engine/types.js';
import type { LocatedFinding } from '../documents/scan-document.js';
import type { Limits } from '../documents/types.js';
import type { InputResult } from './scan-input.js';

/** What every worker needs, as structured-clonable data. */
export interface WorkerSetup {
  defs: RuleDef[];
  settings: ScanSettings;
  minConfidence: number;
  /** Normalised allow-listed values. */
  allow: string[];
  documentLimits?: Limits;
}

export interface WorkerTask {
  id: number;
  path: string;
  display: string;
}

export type WorkerMessage =
  | { type: 'findings'; id: number; findings: LocatedFinding[] }
  | { type: 'done'; id: number; result: InputResult }
  | { type: 'failed'; id: number; message: string };

/** One file given to a worker: findings arrive in `buffered` until the run listens with `listen`. */
export class PendingFile {
  private buffered: LocatedFinding[] = [];
  private sink: ((f: LocatedFinding) => void) | undefined;
  readonly done: Promise<InputResult>;
  resolve!: (r: InputResult) => void;
  reject!: (e: Error) => void;

  constructor() {
    this.done = new Promise<InputResult>((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
    // A failure is handled when the run reaches this file; never an unhandled rejection before.
    this.done.catch(() => undefined);
  }

  add(findings: LocatedFinding[]): void {
    if (this.sink) for (const f of findings) this.sink(f);
    else for (const f of findings) this.buffered.push(f);
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

interface Slot {
  worker: Worker;
  outstanding: Map<number, PendingFile>;
}

export class ScanPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;

  constructor(size: number, setup: WorkerSetup) {
    const file = workerFile();
    for (let i = 0; i < size; i++) {
      const slot: Slot = { worker: new Worker(file, { workerData: setup }), outstanding: new Map() };
      slot.worker.on('message', (m: WorkerMessage) => {
        const p = slot.outstanding.get(m.id);
        if (!p) return;
        if (m.type === 'findings') p.add(m.findings);
        else {
          slot.outstanding.delete(m.id);
          if (m.type === 'done') p.resolve(m.result);
          else p.reject(new Error(m.message));
        }
      });
      const fail = (e: Error) => {
        for (const p of slot.outstanding.values()) p.reject(e);
        slot.outstanding.clear();
      };
      slot.worker.on('error', fail);
      slot.worker.on('exit', (code) => fail(new Error(`scan worker stopped (exit code ${code})`)));
      this.slots.push(slot);
    }
  }

  /** Files given to workers and not yet done. */
  get outstanding(): number {
    let n = 0;
    for (const s of this.slots) n += s.outstanding.size;
    return n;
  }

  /** Give a file to the least busy worker. */
  submit(path: string, display: string): PendingFile {
    let slot = this.slots[0]!;
    for (const s of this.slots) if (s.outstanding.size < slot.outstanding.size) slot = s;
    const id = this.nextId++;
    const pending = new PendingFile();
    slot.outstanding.set(id, pending);
    slot.worker.postMessage({ id, path, display } satisfies WorkerTask);
    return pending;
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
