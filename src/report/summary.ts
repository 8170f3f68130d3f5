/** Counts every format shows: what was found, what was scanned, what was skipped or failed. */
import type { FileFinding, ScanOutcome, ScanReport } from '../model/scan.js';
import { SEVERITIES, severityRank, type Severity } from '../model/finding.js';
import { compareText } from '../text/compare.js';

export interface Summary {
  findings: number;
  bySeverity: Record<Severity, number>;
  byEntity: Record<string, number>;
  filesScanned: number;
  filesWithFindings: number;
  bytesScanned: number;
  skipped: number;
  /** Of those skipped, inputs or parts of documents whose content was not read (binary, unknown encoding …): what --fail-on-skipped counts. */
  notScanned: number;
  errors: number;
  belowThreshold: number;
  allowListed: number;
  /** Covered by `pii-scan:allow` comments: counted so suppressions stay visible. */
  suppressed: number;
}

/** Counts findings as they stream past, so no report has to keep them. */
export class SummaryCounter {
  private count = 0;
  private readonly bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  private readonly byEntity: Record<string, number> = {};
  private readonly paths = new Set<string>();
  /** Rank of the most severe finding so far, -1 before any. */
  worst = -1;

  add(f: FileFinding): void {
    this.count++;
    this.bySeverity[f.severity]++;
    this.byEntity[f.entity] = (this.byEntity[f.entity] ?? 0) + 1;
    this.paths.add(f.path);
    this.worst = Math.max(this.worst, severityRank(f.severity));
  }

  summary(outcome: ScanOutcome): Summary {
    return {
      findings: this.count,
      bySeverity: { ...this.bySeverity },
      byEntity: Object.fromEntries(Object.entries(this.byEntity).sort(([a], [b]) => compareText(a, b))),
      filesScanned: outcome.stats.filesScanned,
      filesWithFindings: this.paths.size,
      bytesScanned: outcome.stats.bytesScanned,
      skipped: outcome.diagnostics.filter((d) => d.level === 'skipped').length,
      notScanned: outcome.diagnostics.filter((d) => d.notScanned).length,
      errors: outcome.diagnostics.filter((d) => d.level === 'error').length,
      belowThreshold: outcome.stats.belowThreshold,
      allowListed: outcome.stats.allowListed,
      suppressed: outcome.stats.suppressed,
    };
  }
}

export function summarize(report: ScanReport): Summary {
  const counter = new SummaryCounter();
  for (const f of report.findings) counter.add(f);
  return counter.summary(report);
}
