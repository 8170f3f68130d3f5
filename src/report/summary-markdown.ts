/**
 * A short Markdown summary for a CI job page (GitHub's `$GITHUB_STEP_SUMMARY`, a merge request
 * note): counts by severity and entity, the files with most findings, and what was not scanned.
 * It holds no values at all, masked or not; names from outside (file names) are escaped so that
 * they render as the text they are, never as markup or HTML.
 */
import type { ReportOptions, Reporter, Write } from './reporter.js';
import type { RuleDef } from '../model/rule.js';
import { SEVERITIES, severityRank, type Severity } from '../model/finding.js';
import { escapeControls } from './escape.js';
import type { RunSummary } from './run-summary.js';

/** Files listed under "Most findings". */
export const FILES_SHOWN = 10;
/** Inputs listed under "Not scanned". */
export const NOT_SCANNED_SHOWN = 10;

const MOST_SEVERE_FIRST: readonly Severity[] = [...SEVERITIES].sort((a, b) => severityRank(b) - severityRank(a));

/** Text for Markdown (a table cell too): markup characters backslash-escaped, `<`, `>` and `&` as entities, controls as escapes. */
export function markdownText(s: string): string {
  return escapeControls(s.replace(/\s+/g, ' '))
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function markdownSummaryReporter(write: Write, _opts: ReportOptions, _defs: readonly RuleDef[]): Reporter {
  const byEntity = new Map<string, Record<Severity, number>>();
  // Findings arrive file by file: the current file's count, and the files with most so far.
  let current: { path: string; n: number } | undefined;
  const top: Array<{ path: string; n: number }> = [];
  const settle = () => {
    if (!current) return;
    top.push(current);
    top.sort((a, b) => b.n - a.n);
    if (top.length > FILES_SHOWN) top.pop();
  };
  return {
    finding(f) {
      let counts = byEntity.get(f.entity);
      if (!counts) byEntity.set(f.entity, (counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>));
      counts[f.severity]++;
      if (current?.path !== f.path) {
        settle();
        current = { path: f.path, n: 0 };
      }
      current.n++;
    },
    end(outcome, summary) {
      settle();
      const s = summary as RunSummary;
      const out: string[] = [];
      const files = `${s.filesScanned} ${plural(s.filesScanned, 'input')} scanned`;
      out.push(
        s.findings > 0
          ? `### pii-scan: ${s.findings} ${plural(s.findings, 'finding')} in ${s.filesWithFindings} ${plural(s.filesWithFindings, 'input')}`
          : '### pii-scan: no findings',
        '',
      );
      const notScanned = outcome.diagnostics.filter((d) => d.notScanned);
      const facts = [files];
      if (notScanned.length > 0) facts.push(`**${notScanned.length} not scanned**`);
      if (s.errors > 0) facts.push(`**${s.errors} ${plural(s.errors, 'error')}**`);
      if (s.baseline && s.baseline.ignored > 0) facts.push(`${s.baseline.ignored} in the baseline`);
      if (s.allowListed > 0) facts.push(`${s.allowListed} allow-listed`);
      if (s.suppressed > 0) facts.push(`${s.suppressed} suppressed inline`);
      out.push(`${facts.join(' · ')}. Values are never shown here; the SARIF or JSON report has each finding, masked.`, '');
      if (s.findings > 0) {
        const sevs = MOST_SEVERE_FIRST.filter((sev) => s.bySeverity[sev] > 0);
        const entities = [...byEntity].sort(([a, x], [b, y]) => total(y) - total(x) || (a < b ? -1 : a > b ? 1 : 0));
        out.push(
          `| Entity | Findings | ${sevs.join(' | ')} |`,
          `| --- | ---: | ${sevs.map(() => '---:').join(' | ')} |`,
          ...entities.map(([entity, counts]) => `| ${markdownText(entity)} | ${total(counts)} | ${sevs.map((sev) => counts[sev] || '').join(' | ')} |`),
          `| **all** | **${s.findings}** | ${sevs.map((sev) => `**${s.bySeverity[sev]}**`).join(' | ')} |`,
          '',
        );
        out.push(`**Most findings** (${Math.min(top.length, s.filesWithFindings)} of ${s.filesWithFindings} ${plural(s.filesWithFindings, 'input')}):`, '');
        for (const t of top) out.push(`- ${markdownText(t.path)}: ${t.n}`);
        out.push('');
      }
      if (notScanned.length > 0) {
        out.push('**Not scanned** (the scan cannot say these hold no personal data):', '');
        for (const d of notScanned.slice(0, NOT_SCANNED_SHOWN)) out.push(`- ${markdownText(d.path)}: ${markdownText(d.message)}`);
        if (notScanned.length > NOT_SCANNED_SHOWN) out.push(`- … and ${notScanned.length - NOT_SCANNED_SHOWN} more`);
        out.push('');
      }
      write(`${out.join('\n')}`);
    },
  };
}

function total(counts: Record<Severity, number>): number {
  return SEVERITIES.reduce((n, s) => n + counts[s], 0);
}

function plural(n: number, word: string, many = `${word}s`): string {
  return n === 1 ? word : many;
}
