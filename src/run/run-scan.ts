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

export interface ScanReport {
  findings: FileFinding[];
  diagnostics: Diagnostic[];
  defs: RuleDef[];
  stats: {
    filesScanned: number;
    bytesScanned: number;
    belowThreshold: number;
    allowListed: number;
  };
}

export async function runScan(opts: ScanRunOptions): Promise<ScanReport> {
  const { inputs, diagnostics } = await resolveRunInputs(opts);
  const ctx: ScanContext = { ruleSet: opts.ruleSet, settings: opts.settings, minConfidence: opts.minConfidence, allow: allowSet(opts.config.allow) };
  const report: ScanReport = {
    findings: [],
    diagnostics,
    defs: opts.defs,
    stats: { filesScanned: 0, bytesScanned: 0, belowThreshold: 0, allowListed: 0 },
  };
  for (const input of inputs) {
    const result = await scanInput(input, openInput(input, opts.stdin), ctx);
    if (result.status === 'error') {
      report.diagnostics.push({ path: input.display, level: 'error', message: result.message });
      continue;
    }
    if (result.status === 'binary') {
      report.diagnostics.push({ path: input.display, level: 'skipped', message: result.reason });
      continue;
    }
    report.stats.bytesScanned += result.bytes;
    report.stats.filesScanned++;
    report.stats.belowThreshold += result.belowThreshold;
    report.stats.allowListed += result.allowListed;
    for (const f of result.findings) report.findings.push({ path: input.display, ...f });
  }
  return report;
}
