/**
 * Worker-thread entry for `--jobs N`: compiles the rules it is given (plain rule definitions,
 * never YAML), then claims files one at a time from those it has been told of and scans each,
 * posting findings back in batches and the result at the end. Runs from dist/ only (see worker-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileRules } from '../engine/ruleset.js';
import { savedPrefilter } from '../config/saved-prefilter.js';
import { fileChunks } from '../sources/file-chunks.js';
import type { LocatedFinding } from '../documents/scan-document.js';
import { scanInput, type ScanContext } from './scan-input.js';
import { WATCHLIST_KEY_ENV, WatchList } from '../filters/watchlist.js';
import { claimNext, type WorkerData, type WorkerFiles, type WorkerMessage, type WorkerTask } from './worker-pool.js';
import { useRuntimeLibraries } from '../runtime/libraries.js';

useRuntimeLibraries();

const { setup, claims: shared, worker } = workerData as WorkerData;
const claims = new Int32Array(shared);
const ctx: ScanContext = {
  ruleSet: compileRules(setup.defs, { savedPrefilter }),
  settings: setup.settings,
  minConfidence: setup.minConfidence,
  allow: new Set(setup.allow),
  structured: 'all',
  inlineAllow: setup.inlineAllow,
  ...(setup.documentLimits ? { documentLimits: setup.documentLimits } : {}),
  ...(setup.watchlist ? { watchlist: new WatchList(setup.watchlist, process.env[WATCHLIST_KEY_ENV]) } : {}),
};
const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
/** Findings per message: few messages for many findings, bounded memory for a file with millions. */
const BATCH = 256;

/** Files told of and not known to be claimed: `tasks[i]` is file number `first + i`. */
let tasks: WorkerTask[] = [];
let first = 0;
let running = false;

async function scanOne(index: number, task: WorkerTask): Promise<void> {
  let batch: LocatedFinding[] = [];
  try {
    const input = { kind: 'file' as const, path: task.path, display: task.display };
    const result = await scanInput(input, fileChunks(task.path, true), ctx, (f) => {
      batch.push(f);
      if (batch.length >= BATCH) {
        post({ type: 'findings', index, findings: batch });
        batch = [];
      }
    });
    if (batch.length > 0) post({ type: 'findings', index, findings: batch });
    post({ type: 'done', index, result });
  } catch (e) {
    post({ type: 'failed', index, message: (e as Error)?.message ?? String(e) });
  }
}

/** Claim and scan until every file told of is claimed; more files restart it. */
async function run(): Promise<void> {
  running = true;
  for (;;) {
    const index = claimNext(claims, first + tasks.length);
    if (index === undefined) break;
    Atomics.store(claims, 1 + worker, index);
    const task = tasks[index - first]!;
    // Files up to `index` are claimed by some thread: drop them (in bulk, not one by one).
    if (2 * (index + 1 - first) >= tasks.length) {
      tasks = tasks.slice(index + 1 - first);
      first = index + 1;
    }
    await scanOne(index, task);
    Atomics.store(claims, 1 + worker, -1);
  }
  running = false;
}

port.on('message', (m: WorkerFiles) => {
  for (const t of m.files) tasks.push(t);
  if (!running) void run();
});
