/** check-message as JSON: the verdict, its reasons, each recipient, and the findings masked as in the scan report. */
import { type ReportOptions, rulesById } from './reporter.js';
import type { GuardReport } from '../guard/verdict.js';
import { VERSION } from '../runtime/version.js';
import { escapeJsonText } from './escape.js';
import { jsonFinding } from './json.js';

export function formatGuardJson(report: GuardReport, opts: ReportOptions): string {
  const defs = rulesById(report.scan.defs);
  const out = {
    version: 1,
    tool: { name: 'pii-scan', version: VERSION },
    verdict: report.verdict,
    channel: { name: report.channel.name, encrypted: report.channel.encrypted },
    policy: report.policy,
    reasons: report.reasons,
    // Recipients are shown as typed and normalised: the user wrote them, they are not findings.
    recipients: report.recipients.map((r) => ({
      input: r.input,
      kind: r.kind,
      normalized: r.normalized,
      display: r.display,
      known: r.known,
      ...(r.name !== undefined ? { name: r.name } : {}),
      ...(r.byDomain ? { byDomain: true } : {}),
      ...(r.nearMiss ? { nearMiss: r.nearMiss } : {}),
    })),
    findings: report.scan.findings.map((f) => jsonFinding(f, defs, opts)),
    diagnostics: report.scan.diagnostics,
  };
  return `${escapeJsonText(JSON.stringify(out, null, 2))}\n`;
}
