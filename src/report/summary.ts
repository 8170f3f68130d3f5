/** Counts every format shows: what was found, what was scanned, what was skipped or failed. */
import { SEVERITIES, type Severity } from '../engine/types.js';
import type { ScanReport } from '../run/run-scan.js';

export interface Summary {
  findings: number;
  bySeverity: Record<Severity, number>;
  byEntity: Record<string, number>;
  filesScanned: number;
  filesWithFindings: number;
  bytesScanned: number;
  skipped: number;
  errors: number;
  belowThreshold: number;
  allowListed: number;
}

export function summarize(report: ScanReport): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byEntity: Record<string, number> = {};
  for (const f of report.findings) {
    bySeverity[f.severity]++;
    byEntity[f.entity] = (byEntity[f.entity] ?? 0) + 1;
  }
  return {
    findings: report.findings.length,
    bySeverity,
    byEntity: Object.fromEntries(Object.entries(byEntity).sort(([a], [b]) => a.localeCompare(b))),
    filesScanned: report.stats.filesScanned,
    filesWithFindings: new Set(report.findings.map((f) => f.path)).size,
    bytesScanned: report.stats.bytesScanned,
    skipped: report.diagnostics.filter((d) => d.level === 'skipped').length,
    errors: report.diagnostics.filter((d) => d.level === 'error').length,
    belowThreshold: report.stats.belowThreshold,
    allowListed: report.stats.allowListed,
  };
}
