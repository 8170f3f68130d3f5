/** A whole `scan`: configuration and rules, inputs, one stream per input, filters. Sinks come after. */
import type { RuleDef } from '../engine/rule.js';
import type { RuleSet } from '../engine/ruleset.js';
import type { Finding, ScanSettings } from '../engine/types.js';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StaleEntry } from '../filters/baseline.js';
import { allowSet } from '../filters/filters.js';
import { FileGate } from '../filters/gate.js';
import type { GitScanInfo } from '../sources/git-inputs.js';
import type { Diagnostic, ScanInput } from '../sources/inputs.js';
import type { FindingLocation, Limits } from '../documents/types.js';
import { baselinePath, type LoadedBaseline } from './baseline-file.js';
import { openInput, scanInput, walkRunInputs, type InputChoice, type ScanContext } from './scan-input.js';

export interface FileFinding extends Finding {
  /** As given on the command line or found in the folder; stdin is `-`. */
  path: string;
  /** Inside a document: where (sheet and cell, paragraph, attachment …); line and column are then within that segment. */
  location?: FindingLocation;
}

export interface ScanRunOptions extends InputChoice {
  defs: RuleDef[];
  ruleSet: RuleSet;
  minConfidence: number;
  settings: ScanSettings;
  /** Bytes of stdin (tests pass their own; the CLI passes process.stdin). */
  stdin: AsyncIterable<Uint8Array>;
  /** Inputs git chose (--staged, --since): scanned instead of resolving `inputs`. */
  chosen?: { inputs: ScanInput[]; diagnostics: Diagnostic[]; git: GitScanInfo };
  /** Limits for documents (default DEFAULT_LIMITS; tests lower them). */
  documentLimits?: Limits;
  /** Known findings, not reported (counted, and unmatched entries listed as stale). */
  baseline?: LoadedBaseline;
}

/** What a scan did, apart from the findings (which stream to the sink). */
export interface ScanOutcome {
  diagnostics: Diagnostic[];
  defs: RuleDef[];
  stats: {
    filesScanned: number;
    bytesScanned: number;
    belowThreshold: number;
    allowListed: number;
    suppressed: number;
    /** Known to the baseline. */
    baselined: number;
    /** --staged: on lines the commit does not add or change. */
    unchangedLines: number;
  };
  /** With a baseline: which file (as shown), how many entries, and those that matched nothing. */
  baseline?: { file: string; entries: number; stale: StaleEntry[] };
  /** When git chose the inputs. */
  git?: GitScanInfo;
}

/** A scan with its findings gathered (check-message, tests). */
export interface ScanReport extends ScanOutcome {
  findings: FileFinding[];
}

/** Scan every input in order; each reported finding goes to `emit` as soon as it is known. */
export async function runScan(opts: ScanRunOptions, emit: (f: FileFinding) => void): Promise<ScanOutcome> {
  const diagnostics: Diagnostic[] = opts.chosen ? [...opts.chosen.diagnostics] : [];
  const inputs: AsyncIterable<ScanInput> | Iterable<ScanInput> = opts.chosen ? opts.chosen.inputs : walkRunInputs(opts, diagnostics);
  const ctx: ScanContext = { ruleSet: opts.ruleSet, settings: opts.settings, minConfidence: opts.minConfidence, allow: allowSet(opts.config.allow), structured: 'all', ...(opts.documentLimits ? { documentLimits: opts.documentLimits } : {}) };
  const outcome: ScanOutcome = {
    diagnostics,
    defs: opts.defs,
    stats: { filesScanned: 0, bytesScanned: 0, belowThreshold: 0, allowListed: 0, suppressed: 0, baselined: 0, unchangedLines: 0 },
    ...(opts.chosen ? { git: opts.chosen.git } : {}),
  };
  const { baseline } = opts;
  for await (const input of inputs) {
    const inBaseline = baseline && baselinePath(baseline.file, input);
    const gate = new FileGate<FileFinding>(
      input.kind === 'git-blob' ? input.changedLines : undefined,
      inBaseline !== undefined ? baseline?.matcher.file(inBaseline) : undefined,
      outcome.stats,
      emit,
    );
    const result = await scanInput(input, openInput(input, opts.stdin), ctx, (f) => gate.offer({ path: input.display, ...f }));
    gate.finish();
    if (result.status === 'error') {
      outcome.diagnostics.push({ path: input.display, level: 'error', message: result.message });
      continue;
    }
    if (result.status === 'binary') {
      outcome.diagnostics.push({ path: input.display, level: 'skipped', message: result.reason });
      continue;
    }
    for (const note of result.notes ?? []) outcome.diagnostics.push({ path: input.display, level: 'skipped', message: note });
    // Only a file that was read can make its baseline entries stale.
    if (inBaseline !== undefined) baseline?.matcher.markScanned(inBaseline);
    outcome.stats.bytesScanned += result.bytes;
    outcome.stats.filesScanned++;
    outcome.stats.belowThreshold += result.belowThreshold;
    outcome.stats.allowListed += result.allowListed;
    outcome.stats.suppressed += result.suppressed;
  }
  if (baseline) {
    const dir = dirname(baseline.file);
    outcome.baseline = { file: baseline.display, entries: baseline.matcher.size, stale: baseline.matcher.stale((p) => existsSync(join(dir, p))) };
  }
  return outcome;
}

export async function collectScan(opts: ScanRunOptions): Promise<ScanReport> {
  const findings: FileFinding[] = [];
  const outcome = await runScan(opts, (f) => findings.push(f));
  return { ...outcome, findings };
}
