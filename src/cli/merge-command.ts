/**
 * `pii-scan merge a.json b.json …`: one report from the JSON reports of shards (`scan --shard K/N
 * -f json`). Findings are sorted by path (as folders are walked), each file's findings kept in the
 * order its report lists them; the summary is recomputed; diagnostics are concatenated. Values stay
 * as the reports hold them: merge never unmasks, and it refuses to mix masked and unmasked reports
 * unless --show-values is given.
 */
import type { Diagnostic, FileFinding, ScanOutcome } from '../model/scan.js';
import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import type { RuleDef } from '../model/rule.js';
import { SEVERITIES, type Severity } from '../model/finding.js';
import { FORMATS, type Format } from '../report/format.js';
import { labelMasker } from '../masking/mask-labels.js';
import { readUserFile, UserFileError } from '../sources/user-file.js';
import { jsonSyntaxError } from '../documents/json.js';
import { EXIT, UsageError } from './exit-codes.js';
import { printDiagnostics, type Io } from './io.js';
import { openReportOutput, type ReportOutput } from './report-output.js';
import { DEFAULT_FAIL_ON, failOnOption, failsOn, loadRuleOptions, type FailOn } from './shared-options.js';

interface MergeFlags {
  format: Format;
  output?: string;
  showValues?: boolean;
  failOn?: FailOn;
  rules?: string[];
  config?: string | false;
}

export function registerMerge(program: Command, io: Io): void {
  program
    .command('merge')
    .description('combine JSON reports of shards (scan --shard K/N -f json) into one report')
    .argument('<reports...>', 'JSON reports written by pii-scan scan -f json')
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--show-values', 'allow reports made with --show-values, alone or mixed with masked ones (values are never unmasked)')
    .addOption(failOnOption())
    .option('--rules <path>', 'rule files the shards used (for masking and SARIF rule metadata; repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--config <file>', 'use this config file instead of searching for .pii-scan.yaml')
    .option('--no-config', 'ignore .pii-scan.yaml files')
    .action(async (reports: string[], flags: MergeFlags) => {
      io.exitCode = await merge(reports, flags, io);
    });
}

interface ShardReport {
  file: string;
  findings: FileFinding[];
  summary: { filesScanned: number; bytesScanned: number; belowThreshold: number; allowListed: number; suppressed: number; errors: number };
  diagnostics: Diagnostic[];
  masked: boolean | undefined;
}

class BadReport extends Error {}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function readReport(file: string, cwd: string): ShardReport {
  let text: string;
  try {
    text = readUserFile(resolve(cwd, file), 'report').toString('utf8');
  } catch (e) {
    if (!(e instanceof UserFileError)) throw e;
    throw new BadReport(`cannot read ${file}: ${e.message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the problem; this says only where it is.
    throw new BadReport(`${file} is not JSON: ${jsonSyntaxError(text)}`);
  }
  const r = data as { version?: unknown; tool?: { name?: unknown }; findings?: unknown; summary?: Record<string, unknown>; diagnostics?: unknown };
  if (typeof r !== 'object' || r === null || r.version !== 1 || r.tool?.name !== 'pii-scan' || !Array.isArray(r.findings) || typeof r.summary !== 'object' || r.summary === null) {
    throw new BadReport(`${file} is not a pii-scan JSON report (pii-scan scan -f json)`);
  }
  let masked: boolean | undefined;
  const findings: FileFinding[] = [];
  for (const raw of r.findings as Record<string, unknown>[]) {
    if (typeof raw !== 'object' || raw === null || typeof raw['path'] !== 'string' || typeof raw['ruleId'] !== 'string' || typeof raw['value'] !== 'string' || !SEVERITIES.includes(raw['severity'] as Severity)) {
      throw new BadReport(`${file}: a finding lacks path, ruleId, severity or value`);
    }
    const m = raw['masked'] !== false;
    if (masked === undefined) masked = m;
    else if (masked !== m) throw new BadReport(`${file} mixes masked and unmasked values`);
    let location: FileFinding['location'];
    if (raw['location'] && typeof raw['location'] === 'object') {
      const { description: _d, ...rest } = raw['location'] as Record<string, unknown>;
      location = rest as unknown as FileFinding['location'];
    }
    findings.push({
      path: raw['path'],
      ruleId: raw['ruleId'],
      entity: String(raw['entity'] ?? ''),
      severity: raw['severity'] as Severity,
      confidence: num(raw['confidence']),
      line: num(raw['line']),
      column: num(raw['column']),
      endLine: num(raw['endLine']),
      endColumn: num(raw['endColumn']),
      offset: num(raw['offset']),
      length: num(raw['length']),
      value: raw['value'],
      why: String(raw['why'] ?? ''),
      index: 0,
      contextHash: typeof raw['contextHash'] === 'string' ? raw['contextHash'] : '',
      ...(location ? { location } : {}),
      ...(Array.isArray(raw['alternatives']) ? { alternatives: raw['alternatives'] as FileFinding['alternatives'] } : {}),
      ...(m ? { preMasked: true } : {}),
    });
  }
  const s = r.summary;
  const diagnostics = Array.isArray(r.diagnostics) ? (r.diagnostics as Diagnostic[]) : [];
  return {
    file,
    findings,
    summary: {
      filesScanned: num(s['filesScanned']),
      bytesScanned: num(s['bytesScanned']),
      belowThreshold: num(s['belowThreshold']),
      allowListed: num(s['allowListed']),
      suppressed: num(s['suppressed']),
      errors: num(s['errors']),
    },
    diagnostics,
    masked,
  };
}

/** Paths in the order folders are walked: component by component, by UTF-16 code units. */
export function comparePaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

async function merge(files: string[], flags: MergeFlags, io: Io): Promise<number> {
  const reports: ShardReport[] = [];
  const problems: Diagnostic[] = [];
  for (const f of files) {
    try {
      reports.push(readReport(f, io.cwd));
    } catch (e) {
      if (!(e instanceof BadReport)) throw e;
      problems.push({ path: f, level: 'error', message: e.message });
    }
  }
  const kinds = new Set(reports.map((r) => r.masked).filter((m) => m !== undefined));
  if (kinds.size > 1 && !flags.showValues) {
    const unmasked = reports.filter((r) => r.masked === false).map((r) => r.file);
    throw new UsageError(`refusing to merge masked reports with unmasked ones (${unmasked.join(', ')} made with --show-values); add --show-values to merge them anyway`);
  }
  const allUnmasked = kinds.size === 1 && kinds.has(false);
  const loaded = await loadRuleOptions({ ...(flags.rules ? { rules: flags.rules } : {}), ...(flags.config !== undefined ? { config: flags.config } : {}) }, io);
  const defs: RuleDef[] = [...loaded.defs];
  const known = new Set(defs.map((d) => d.id));
  // Labels in locations are masked as a scan masks them (a report made with --show-values, or by an older pii-scan, holds them raw).
  const labels = labelMasker(loaded.ruleSet, loaded.settings, loaded.minConfidence);
  const all: { f: FileFinding; r: number; i: number }[] = [];
  reports.forEach((rep, r) =>
    rep.findings.forEach((read, i) => {
      const location = read.location && labels.location(read.location);
      const f = location === read.location ? read : { ...read, location, ...(read.preMasked ? {} : { unmaskedLocation: read.location }) };
      all.push({ f, r, i });
      if (!known.has(f.ruleId)) {
        known.add(f.ruleId);
        // A rule this merge was not given (--rules): described from the finding, masked in full.
        defs.push({ id: f.ruleId, entity: f.entity, severity: f.severity, name: f.ruleId, description: `${f.entity} (rule not loaded by merge)`, mask: 'full', patterns: [], validators: [], context: [], deny: [], examples: { match: [], nomatch: [] }, source: { file: '(merged report)', line: 0 } });
      }
    }),
  );
  all.sort((a, b) => comparePaths(a.f.path, b.f.path) || a.r - b.r || a.i - b.i);
  const outcome: ScanOutcome = {
    diagnostics: [...reports.flatMap((r) => r.diagnostics.map((d) => ({ ...d, message: labels.text(String(d.message)) }))), ...problems],
    defs,
    stats: { filesScanned: 0, bytesScanned: 0, belowThreshold: 0, allowListed: 0, suppressed: 0, baselined: 0, unchangedLines: 0 },
  };
  for (const r of reports) {
    outcome.stats.filesScanned += r.summary.filesScanned;
    outcome.stats.bytesScanned += r.summary.bytesScanned;
    outcome.stats.belowThreshold += r.summary.belowThreshold;
    outcome.stats.allowListed += r.summary.allowListed;
    outcome.stats.suppressed += r.summary.suppressed;
  }
  // Values shown only if every report showed them and --show-values asks for them; never unmasked.
  const showValues = allUnmasked && flags.showValues === true;
  let out: ReportOutput | undefined;
  try {
    out = await openReportOutput(io, { output: flags.output, format: flags.format, showValues, defs });
    for (const { f } of all) out.finding(f);
    out.finish(outcome);
    printDiagnostics(problems, io);
    const reportErrors = reports.some((r) => r.summary.errors > 0 || r.diagnostics.some((d) => d.level === 'error'));
    if (problems.length > 0 || reportErrors) return EXIT.error;
    return failsOn(out.counter.worst, flags.failOn ?? loaded.config.failOn ?? DEFAULT_FAIL_ON) ? EXIT.findings : EXIT.clean;
  } finally {
    out?.abort();
  }
}
