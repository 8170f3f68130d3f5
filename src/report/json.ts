/** JSON report: a contract other tools parse. Fields may be added; existing ones are never renamed. */
import type { RuleDef } from '../engine/rule.js';
import type { FileFinding, ScanReport } from '../run/run-scan.js';
import { VERSION } from '../version.js';
import { rulesById, shownValue, type ReportOptions } from './format.js';
import { summarize } from './summary.js';

export function formatJson(report: ScanReport, opts: ReportOptions): string {
  const defs = rulesById(report);
  const out = {
    version: 1,
    tool: { name: 'pii-scan', version: VERSION },
    findings: report.findings.map((f) => jsonFinding(f, defs, opts)),
    summary: summarize(report),
    diagnostics: report.diagnostics,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** One finding as every JSON output shows it (masked unless --show-values). */
export function jsonFinding(f: FileFinding, defs: ReadonlyMap<string, RuleDef>, opts: ReportOptions) {
  return {
    path: f.path,
    ruleId: f.ruleId,
    entity: f.entity,
    severity: f.severity,
    confidence: f.confidence,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    offset: f.offset,
    length: f.length,
    value: shownValue(f, defs, opts),
    masked: !opts.showValues,
    why: f.why,
  };
}
