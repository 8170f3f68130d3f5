/** A whole `scan`: configuration and rules, inputs, one stream per input, filters. Sinks come after. */
import type { FileFinding, ScanOutcome, ScanReport } from '../model/scan.js';
import type { FindingLocation } from '../model/location.js';
import type { Diagnostic, GitScanInfo, StaleEntry } from '../model/scan.js';
import type { RuleDef } from '../model/rule.js';
import type { RuleSet } from '../engine/ruleset.js';
import type { Finding, ScanSettings } from '../model/finding.js';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { allowSet } from '../filters/filters.js';
import { FileGate } from '../filters/gate.js';
import type { WatchList } from '../filters/watchlist.js';
import { displayPath, type ScanInput } from '../sources/inputs.js';
import type { Limits } from '../documents/types.js';
import { baselinePath, type LoadedBaseline } from './baseline-file.js';
import { counted, openInput, scanInput, walkRunInputs, type InputChoice, type InputResult, type ScanContext } from './scan-input.js';
import { inShard, type Shard } from './shard.js';
import { runPooled } from './pooled-run.js';
import { ScanPool } from './worker-pool.js';

export interface ScanRunOptions extends InputChoice {
  defs: RuleDef[];
  ruleSet: RuleSet;
  minConfidence: number;
  settings: ScanSettings;
  /** Honour `pii-scan:allow` comments in plain-text files (ScanContext.inlineAllow); off by default. */
  inlineAllow?: boolean;
  /** Bytes of stdin (tests pass their own; the CLI passes process.stdin). */
  stdin: AsyncIterable<Uint8Array>;
  /** Inputs git chose (--staged, --since): scanned instead of resolving `inputs`. */
  chosen?: { inputs: ScanInput[]; diagnostics: Diagnostic[]; git: GitScanInfo };
  /** Limits for documents (default DEFAULT_LIMITS; tests lower them). */
  documentLimits?: Limits;
  /** Known findings, not reported (counted, and unmatched entries listed as stale). */
  baseline?: LoadedBaseline;
  /** `--watchlist`: values whose findings are also WATCHLIST_MATCH. */
  watchlist?: WatchList;
  /** Worker threads for files (1 or absent: this thread only). */
  jobs?: number;
  /**
   * Files' bytes seen before workers start (default 0). The CLI's default `--jobs` waits for
   * POOL_MIN_BYTES: a worker's start-up costs about as much as scanning 30 MB in this thread, so
   * a small tree is faster without. An explicit `--jobs N` starts them at once.
   */
  workersAfterBytes?: number;
  /** Only this share of the inputs (by path hash). */
  shard?: Shard;
  /** Called after each input, in order, with the bytes it scanned (progress). */
  onInput?: (bytes: number) => void;
  /**
   * Called as this thread reads an input, with each chunk's size (progress inside a large file);
   * once the input is done, with minus what it told, before onInput tells its total.
   */
  onBytes?: (bytes: number) => void;
  /** Called before worker threads start. */
  onWorkers?: () => void;
}

/** Below this many bytes of files the CLI's default --jobs stays in this thread (see ScanRunOptions.workersAfterBytes). */
export const POOL_MIN_BYTES = 64 * 1024 * 1024;

/** Scan every input in order; each reported finding goes to `emit` as soon as it is known. */
export async function runScan(opts: ScanRunOptions, emit: (f: FileFinding) => void): Promise<ScanOutcome> {
  const diagnostics: Diagnostic[] = opts.chosen ? [...opts.chosen.diagnostics] : [];
  const jobs = opts.jobs ?? 1;
  // With workers the walk runs ahead of the results: its notes are held and placed where --jobs 1 puts them.
  const walkDiagnostics: Diagnostic[] = jobs > 1 ? [] : diagnostics;
  let inputs: AsyncIterable<ScanInput> | Iterable<ScanInput> = opts.chosen ? opts.chosen.inputs : walkRunInputs(opts, walkDiagnostics);
  if (opts.shard) inputs = sharded(inputs, opts.shard);
  const allow = allowSet(opts.config.allow);
  const ctx: ScanContext = { ruleSet: opts.ruleSet, settings: opts.settings, minConfidence: opts.minConfidence, allow, structured: 'all', inlineAllow: opts.inlineAllow === true, ...(opts.documentLimits ? { documentLimits: opts.documentLimits } : {}), ...(opts.watchlist ? { watchlist: opts.watchlist } : {}) };
  const outcome: ScanOutcome = {
    diagnostics,
    defs: opts.defs,
    stats: { filesScanned: 0, bytesScanned: 0, belowThreshold: 0, allowListed: 0, suppressed: 0, baselined: 0, unchangedLines: 0 },
    ...(opts.chosen ? { git: opts.chosen.git } : {}),
    ...(opts.config.file !== undefined ? { config: displayPath(opts.cwd, opts.config.file) } : {}),
  };
  const { baseline } = opts;
  const gateFor = (input: ScanInput) => {
    const inBaseline = baseline && baselinePath(baseline.file, input);
    const gate = new FileGate<FileFinding>(
      input.kind === 'git-blob' ? input.changedLines : undefined,
      inBaseline !== undefined ? baseline?.matcher.file(inBaseline) : undefined,
      outcome.stats,
      emit,
    );
    return { gate, inBaseline };
  };
  const settle = (input: ScanInput, result: InputResult, inBaseline: string | undefined) => {
    if (result.status === 'error') {
      outcome.diagnostics.push({ path: input.display, level: 'error', message: result.message });
      opts.onInput?.(0);
      return;
    }
    if (result.status === 'binary') {
      outcome.diagnostics.push({ path: input.display, level: 'skipped', message: result.reason, notScanned: true });
      opts.onInput?.(0);
      return;
    }
    for (const note of result.notes ?? []) outcome.diagnostics.push({ path: input.display, level: 'skipped', message: note, notScanned: true });
    // Only a file that was read can make its baseline entries stale.
    if (inBaseline !== undefined) baseline?.matcher.markScanned(inBaseline);
    outcome.stats.bytesScanned += result.bytes;
    outcome.stats.filesScanned++;
    outcome.stats.belowThreshold += result.belowThreshold;
    outcome.stats.allowListed += result.allowListed;
    outcome.stats.suppressed += result.suppressed;
    opts.onInput?.(result.bytes);
  };
  const scanHere = async (input: ScanInput) => {
    const { gate, inBaseline } = gateFor(input);
    let told = 0;
    const tell = (n: number) => {
      told += n;
      opts.onBytes?.(n);
    };
    const source = opts.onBytes ? counted(openInput(input, opts.stdin), tell) : openInput(input, opts.stdin);
    const result = await scanInput(input, source, ctx, (f) => gate.offer({ path: input.display, ...f }));
    if (told > 0) opts.onBytes?.(-told);
    gate.finish();
    settle(input, result, inBaseline);
  };
  if (jobs <= 1) {
    for await (const input of inputs) await scanHere(input);
  } else {
    await runPooled(inputs, jobs, {
      walkDiagnostics,
      diagnostics,
      scanHere,
      scanInto: async (input, pending) => {
        pending.resolve(await scanInput(input, openInput(input, opts.stdin), ctx, (f) => pending.add([f])));
      },
      gateFor,
      settle,
      startPool: (workers) => {
        opts.onWorkers?.();
        return new ScanPool(workers, { defs: opts.defs, settings: opts.settings, minConfidence: opts.minConfidence, allow: [...allow], inlineAllow: opts.inlineAllow === true, ...(opts.documentLimits ? { documentLimits: opts.documentLimits } : {}), ...(opts.watchlist ? { watchlist: opts.watchlist.data } : {}) });
      },
      workersAfterBytes: opts.workersAfterBytes ?? 0,
    });
  }
  if (baseline) {
    const dir = dirname(baseline.file);
    outcome.baseline = { file: baseline.display, entries: baseline.matcher.size, stale: baseline.matcher.stale((p) => existsSync(join(dir, p))) };
  }
  return outcome;
}

async function* sharded(inputs: AsyncIterable<ScanInput> | Iterable<ScanInput>, shard: Shard): AsyncGenerator<ScanInput> {
  for await (const input of inputs) if (inShard(input.display, input.kind, shard)) yield input;
}

export async function collectScan(opts: ScanRunOptions): Promise<ScanReport> {
  const findings: FileFinding[] = [];
  const outcome = await runScan(opts, (f) => findings.push(f));
  return { ...outcome, findings };
}
