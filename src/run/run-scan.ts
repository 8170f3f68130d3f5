/** A whole `scan`: configuration and rules, inputs, one stream per input, filters. Sinks come after. */
import type { RuleDef } from '../engine/rule.js';
import type { RuleSet } from '../engine/ruleset.js';
import type { Finding, ScanSettings } from '../engine/types.js';
import { allowSet } from '../filters/filters.js';
import type { Diagnostic } from '../sources/inputs.js';
import { openInput, resolveRunInputs, scanInput, type InputChoice, type ScanContext } from './scan-input.js';

export interface FileFinding extends Finding {
  /** As given on the command line or found in the folder; stdin is `-`. */
  path: string;
}

export interface ScanRunOptions extends InputChoice {
  defs: RuleDef[];
  ruleSet: RuleSet;
  minConfidence: number;
  settings: ScanSettings;
  /** Bytes of stdin (tests pass their own; the CLI passes process.stdin). */
  stdin: AsyncIterable<Uint8Array>;
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
  };
}

/** A scan with its findings gathered (check-message, tests). */
export interface ScanReport extends ScanOutcome {
  findings: FileFinding[];
}

/** Scan every input in order; each reported finding goes to `emit` as soon as it is known. */
export async function runScan(opts: ScanRunOptions, emit: (f: FileFinding) => void): Promise<ScanOutcome> {
  const { inputs, diagnostics } = await resolveRunInputs(opts);
  const ctx: ScanContext = { ruleSet: opts.ruleSet, settings: opts.settings, minConfidence: opts.minConfidence, allow: allowSet(opts.config.allow) };
  const outcome: ScanOutcome = {
    diagnostics,
    defs: opts.defs,
    stats: { filesScanned: 0, bytesScanned: 0, belowThreshold: 0, allowListed: 0, suppressed: 0 },
  };
  for (const input of inputs) {
    const result = await scanInput(input, openInput(input, opts.stdin), ctx, (f) => emit({ path: input.display, ...f }));
    if (result.status === 'error') {
      outcome.diagnostics.push({ path: input.display, level: 'error', message: result.message });
      continue;
    }
    if (result.status === 'binary') {
      outcome.diagnostics.push({ path: input.display, level: 'skipped', message: result.reason });
      continue;
    }
    outcome.stats.bytesScanned += result.bytes;
    outcome.stats.filesScanned++;
    outcome.stats.belowThreshold += result.belowThreshold;
    outcome.stats.allowListed += result.allowListed;
    outcome.stats.suppressed += result.suppressed;
  }
  return outcome;
}

export async function collectScan(opts: ScanRunOptions): Promise<ScanReport> {
  const findings: FileFinding[] = [];
  const outcome = await runScan(opts, (f) => findings.push(f));
  return { ...outcome, findings };
}
