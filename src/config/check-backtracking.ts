/**
 * Refuse user patterns that backtrack catastrophically, before they can hang a scan.
 *
 * The decision is static (engine/regex-ambiguity.ts): nested repetition that can trade
 * characters, repeated alternations whose branches overlap, adjacent repetitions of the same
 * characters. A timing probe stays as a backup for what the analysis cannot see: each pattern runs
 * on its probes (engine/regex-probe.ts) in a worker thread, with a generous budget; the watchdog
 * for a pattern starts only when the worker says it has begun that pattern, so a slow start-up of
 * the worker on a busy machine is never mistaken for a slow pattern.
 */
import { Worker } from 'node:worker_threads';
import { AMBIGUITY_ADVICE, describeWays, findAmbiguity } from '../engine/regex-ambiguity.js';
import { probeStrings } from '../engine/regex-probe.js';
import type { RuleDef } from '../model/rule.js';
import { ConfigError } from './yaml-source.js';

/** A pattern that needs longer than this for all its probes is refused; shipped ones need a few ms. */
export const BACKTRACK_BUDGET_MS = 2000;

// Plain JavaScript, evaluated in the worker: it must not depend on how this file was compiled.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
for (let i = 0; i < workerData.patterns.length; i++) {
  const { source, flags, probes } = workerData.patterns[i];
  const re = new RegExp(source, flags);
  parentPort.postMessage({ start: i });
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
  /** `patterns[i].regex` or `context[g].regex`. */
  field: string;
  line: number;
  source: string;
  ignoreCase: boolean;
}

function jobsOf(defs: readonly RuleDef[]): Job[] {
  return defs.flatMap((def) => [
    ...def.patterns.map((p, index) => ({ def, field: `patterns[${index}].regex`, line: p.line, source: p.regex, ignoreCase: p.ignoreCase === true })),
    ...def.context.flatMap((c, g) =>
      c.regex === undefined ? [] : [{ def, field: `context[${g}].regex`, line: def.source.line, source: c.regex, ignoreCase: !c.caseSensitive }],
    ),
  ]);
}

/** Throws ConfigError for the first user pattern that can backtrack catastrophically. */
export async function checkBacktracking(defs: readonly RuleDef[], budgetMs = BACKTRACK_BUDGET_MS): Promise<void> {
  const jobs = jobsOf(defs);
  for (const job of jobs) checkStatically(job);
  if (jobs.length === 0) return;
  const slow = await probe(jobs, budgetMs);
  if (!slow) return;
  const { job, ms } = slow;
  const took = ms === undefined ? `did not finish within ${watchdogMs(budgetMs)} ms` : `took ${Math.round(ms)} ms`;
  throw new ConfigError(
    job.def.source.file,
    job.line,
    job.field,
    `rule '${job.def.id}': regex backtracks catastrophically: it ${took} on ${PROBE_NOTE}; ` +
      'avoid nested repetition such as (a{1,20}){1,20} or (\\w{1,9}\\s?){1,9} where one text splits many ways',
  );
}

/** The static refusal: the pattern is the user's own text, so the offending part is quoted. */
function checkStatically(job: Job): void {
  let found;
  try {
    found = findAmbiguity(job.source, job.ignoreCase);
  } catch {
    return; // a syntax the analysis does not know: the rule parser has already compiled it; the probe still runs
  }
  if (!found) return;
  throw new ConfigError(
    job.def.source.file,
    job.line,
    job.field,
    `rule '${job.def.id}': regex can backtrack catastrophically: '${found.part}' can split one text in ${describeWays(found.ways)}; ${AMBIGUITY_ADVICE[found.kind]}`,
  );
}

const watchdogMs = (budgetMs: number): number => budgetMs * 2 + 200;

/** Run every pattern on its probes; the first that overruns the budget, if any. */
function probe(jobs: Job[], budgetMs: number): Promise<{ job: Job; ms: number | undefined } | undefined> {
  const patterns = jobs.map((j) => ({ source: j.source, flags: `gm${j.ignoreCase ? 'i' : ''}`, probes: probeStrings(j.source) }));
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { patterns } });
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (result: { job: Job; ms: number | undefined } | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    worker.on('message', (m: { start?: number; done?: number; ms?: number }) => {
      if (m.start !== undefined) {
        // Armed per pattern, once the worker is running it.
        const job = jobs[m.start]!;
        clearTimeout(timer);
        timer = setTimeout(() => finish({ job, ms: undefined }), watchdogMs(budgetMs));
      } else if (m.done !== undefined) {
        clearTimeout(timer);
        if (m.ms! > budgetMs) finish({ job: jobs[m.done]!, ms: m.ms });
        else if (m.done === jobs.length - 1) finish(undefined);
      }
    });
    worker.on('error', (e) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(e);
    });
    worker.on('exit', () => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        reject(new Error('the regex probe worker stopped before it finished'));
      }
    });
  });
}

const PROBE_NOTE = 'probes of 2,000 repeated characters';
