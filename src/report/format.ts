/** What every reporter is given, and the choice between them. */
import type { RuleDef } from '../engine/rule.js';
import type { ScanReport, FileFinding } from '../run/run-scan.js';
import { maskValue } from './mask.js';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportOptions {
  showValues: boolean;
  color: boolean;
}

/** The value as a report may show it: masked by the rule's style unless values were asked for. */
export function shownValue(f: FileFinding, defs: ReadonlyMap<string, RuleDef>, opts: ReportOptions): string {
  if (opts.showValues) return f.value;
  return maskValue(f.value, defs.get(f.ruleId)?.mask ?? 'full');
}

export function rulesById(report: ScanReport): Map<string, RuleDef> {
  return new Map(report.defs.map((d) => [d.id, d]));
}

export async function formatReport(format: Format, report: ScanReport, opts: ReportOptions): Promise<string> {
  // Loaded on demand: a text scan of a short draft need not pay for SARIF.
  switch (format) {
    case 'json':
      return (await import('./json.js')).formatJson(report, opts);
    case 'sarif':
      return (await import('./sarif.js')).formatSarif(report, opts);
    default:
      return (await import('./text.js')).formatText(report, opts);
  }
}
