/** A whole `scan`: configuration and rules, inputs, one stream per input, filters. Sinks come after. */
import { createReadStream } from 'node:fs';
import { dirname } from 'node:path';
import type { ProjectConfig } from '../config/config-file.js';
import type { RuleDef } from '../engine/rule.js';
import type { RuleSet } from '../engine/ruleset.js';
import type { Finding, ScanSettings } from '../engine/types.js';
import { aboveConfidence, allowSet, notAllowListed } from '../filters/filters.js';
import { describeError, resolveInputs, type Diagnostic, type Input } from '../sources/inputs.js';
import { scanStream } from './scan-stream.js';

export interface FileFinding extends Finding {
  /** As given on the command line or found in the folder; stdin is `-`. */
  path: string;
}

export interface ScanRunOptions {
  inputs: readonly string[];
  cwd: string;
  config: ProjectConfig;
  defs: RuleDef[];
  ruleSet: RuleSet;
  minConfidence: number;
  settings: ScanSettings;
  gitignore: boolean;
  exclude: readonly string[];
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

const READ_CHUNK = 64 * 1024;

export async function runScan(opts: ScanRunOptions): Promise<ScanReport> {
  const { inputs, diagnostics } = await resolveInputs(opts.inputs, {
    cwd: opts.cwd,
    gitignore: opts.gitignore,
    exclude: [
      { base: opts.config.file ? dirname(opts.config.file) : opts.cwd, patterns: opts.config.exclude },
      { base: opts.cwd, patterns: opts.exclude },
    ],
  });
  const allow = allowSet(opts.config.allow);
  const report: ScanReport = {
    findings: [],
    diagnostics,
    defs: opts.defs,
    stats: { filesScanned: 0, bytesScanned: 0, belowThreshold: 0, allowListed: 0 },
  };
  for (const input of inputs) {
    const source = input.kind === 'stdin' ? opts.stdin : createReadStream(input.path, { highWaterMark: READ_CHUNK });
    let result;
    try {
      result = await scanStream(source, opts.ruleSet, opts.settings);
    } catch (e) {
      report.diagnostics.push({ path: input.display, level: 'error', message: readError(input, e) });
      continue;
    }
    if (result.status === 'binary') {
      report.diagnostics.push({ path: input.display, level: 'skipped', message: result.reason });
      continue;
    }
    report.stats.bytesScanned += result.bytes;
    report.stats.filesScanned++;
    const confident = aboveConfidence(result.findings, opts.minConfidence);
    const kept = notAllowListed(confident, allow);
    report.stats.belowThreshold += result.findings.length - confident.length;
    report.stats.allowListed += confident.length - kept.length;
    for (const f of kept) report.findings.push({ path: input.display, ...f });
  }
  return report;
}

function readError(input: Input, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return `cannot read ${input.kind === 'stdin' ? 'standard input' : 'file'}: ${describeError(code, e)}`;
}
