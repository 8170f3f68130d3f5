/**
 * Worker-thread entry for `--jobs N`: compiles the rules it is given (plain rule definitions,
 * never YAML) and scans whole files, posting findings back in batches and the result at the end.
 * Runs from dist/ only (see worker-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileRules } from '../engine/ruleset.js';
import { fileChunks } from '../sources/file-chunks.js';
import type { LocatedFinding } from '../documents/scan-document.js';
import { scanInput, type ScanContext } from './scan-input.js';
import type { WorkerSetup, WorkerTask, WorkerMessage } from './worker-pool.js';

const setup = workerData as WorkerSetup;
const ctx: ScanContext = {
  ruleSet: compileRules(setup.defs),
  settings: setup.settings,
  minConfidence: setup.minConfidence,
  allow: new Set(setup.allow),
  structured: 'all',
  ...(setup.documentLimits ? { documentLimits: setup.documentLimits } : {}),
};
const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
/** Findings per message: few messages for many findings, bounded memory for a file with millions. */
const BATCH = 256;

port.on('message', (task: WorkerTask) => {
  void (async () => {
    let batch: LocatedFinding[] = [];
    try {
      const input = { kind: 'file' as const, path: task.path, display: task.display };
      const result = await scanInput(input, fileChunks(task.path), ctx, (f) => {
        batch.push(f);
        if (batch.length >= BATCH) {
          post({ type: 'findings', id: task.id, findings: batch });
          batch = [];
        }
      });
      if (batch.length > 0) post({ type: 'findings', id: task.id, findings: batch });
      post({ type: 'done', id: task.id, result });
    } catch (e) {
      post({ type: 'failed', id: task.id, message: (e as Error)?.message ?? String(e) });
    }
  })();
});
