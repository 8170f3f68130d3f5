/**
 * Refuse user patterns that backtrack catastrophically, before they can hang a scan. Each
 * pattern runs on its probes (engine/regex-probe.ts) in a worker thread that is terminated when
 * a pattern overruns its budget, so even a pattern that would never finish is stopped and named.
 */
import { Worker } from 'node:worker_threads';
import { probeStrings } from '../engine/regex-probe.js';
import type { RuleDef } from '../engine/rule.js';
import { ConfigError } from './yaml-source.js';

/** Shipped patterns need under 3 ms for all their probes; a hundred times that is a clear signal. */
export const BACKTRACK_BUDGET_MS = 300;

// Plain JavaScript, evaluated in the worker: it must not depend on how this file was compiled.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
for (let i = 0; i < workerData.patterns.length; i++) {
  const { source, flags, probes } = workerData.patterns[i];
  parentPort.postMessage({ start: i });
  const re = new RegExp(source, flags);
  const t0 = performance.now();
  for (const p of probes) {
    re.lastIndex = 0;
    for (let m = re.exec(p); m !== null; m = re.exec(p)) if (m[0].length === 0) re.lastIndex++;
  }
  parentPort.postMessage({ done: i, ms: performance.now() - t0 });
}
`;

interface Job {
  def: RuleDef;
  index: number;
}

export async function checkBacktracking(defs: readonly RuleDef[], budgetMs = BACKTRACK_BUDGET_MS): Promise<void> {
  const jobs: Job[] = defs.flatMap((def) => def.patterns.map((_, index) => ({ def, index })));
  if (jobs.length === 0) return;
  const patterns = jobs.map(({ def, index }) => {
    const p = def.patterns[index]!;
    return { source: p.regex, flags: `gm${p.ignoreCase ? 'i' : ''}`, probes: probeStrings(p.regex) };
  });
  const slow = await new Promise<{ job: Job; ms: number | undefined } | undefined>((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { patterns } });
    let current = -1;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: { job: Job; ms: number | undefined } | undefined) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish({ job: jobs[current]!, ms: undefined }), budgetMs * 2 + 200);
    };
    worker.on('message', (m: { start?: number; done?: number; ms?: number }) => {
      if (m.start !== undefined) {
        current = m.start;
        arm();
      } else if (m.done !== undefined && m.ms! > budgetMs) finish({ job: jobs[m.done]!, ms: m.ms });
      else if (m.done === jobs.length - 1) finish(undefined);
    });
    worker.on('error', reject);
    arm();
  });
  if (!slow) return;
  const { def, index } = slow.job;
  const took = slow.ms === undefined ? `did not finish within ${budgetMs * 2 + 200} ms` : `took ${Math.round(slow.ms)} ms`;
  throw new ConfigError(
    def.source.file,
    def.patterns[index]!.line,
    `patterns[${index}].regex`,
    `regex backtracks catastrophically: it ${took} on ${PROBE_NOTE}; ` +
      'avoid nested repetition such as (a{1,20}){1,20} or (\\w{1,9}\\s?){1,9} where one text splits many ways',
  );
}

const PROBE_NOTE = 'probes of 2,000 repeated characters';
