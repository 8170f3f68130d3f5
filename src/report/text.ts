/** Human report: `path:line:col`, severity, entity, masked value, confidence, rule, and why. */
import { type Reporter, type ReportOptions, rulesById, shownLocation, shownValue, type Write } from './reporter.js';
import type { FileFinding } from '../model/scan.js';
import { Chalk, type ChalkInstance } from 'chalk';
import type { RuleDef } from '../model/rule.js';
import type { Severity } from '../model/finding.js';
import { escapeControls } from './escape.js';
import type { Summary } from './summary.js';
import { describeLocation } from '../documents/location.js';

const SEVERITY_STYLE: Record<Severity, (c: ChalkInstance) => ChalkInstance> = {
  critical: (c) => c.bgRed.white.bold,
  high: (c) => c.red.bold,
  medium: (c) => c.yellow,
  low: (c) => c.cyan,
  info: (c) => c.gray,
};

export function textReporter(write: Write, opts: ReportOptions, defs: readonly RuleDef[]): Reporter {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const byId = rulesById(defs);
  return {
    finding(f) {
      write(`${findingLines(f, byId, opts, c).join('\n')}\n`);
    },
    end(_outcome, s) {
      write(summaryLines(s, opts, c));
    },
  };
}

function summaryLines(s: Summary, opts: ReportOptions, c: ChalkInstance): string {
  const lines: string[] = [];
  if (s.findings > 0) lines.push('');
  const severities = (Object.entries(s.bySeverity) as [Severity, number][])
    .filter(([, n]) => n > 0)
    .reverse()
    .map(([sev, n]) => `${n} ${sev}`)
    .join(', ');
  const scanned = `${s.filesScanned} ${plural(s.filesScanned, 'input')} scanned (${formatBytes(s.bytesScanned)})`;
  if (s.findings > 0) {
    lines.push(
      c.red.bold(`✖ ${s.findings} ${plural(s.findings, 'finding')}`) +
        ` (${severities}) in ${s.filesWithFindings} ${plural(s.filesWithFindings, 'input')}; ${scanned}`,
    );
  } else {
    lines.push(`${c.green('✔ no findings')}; ${scanned}`);
  }
  const quiet: string[] = [];
  if (s.belowThreshold > 0) quiet.push(`${s.belowThreshold} below the confidence threshold`);
  if (s.allowListed > 0) quiet.push(`${s.allowListed} allow-listed`);
  if (s.suppressed > 0) quiet.push(`${s.suppressed} suppressed inline (pii-scan:allow)`);
  // Inputs whose content was not read have a line of their own below; these were left out on purpose (excluded, a link not followed).
  const leftOut = s.skipped - s.notScanned;
  if (leftOut > 0) quiet.push(`${leftOut} skipped`);
  if (s.errors > 0) quiet.push(c.red(`${s.errors} ${plural(s.errors, 'error')}`));
  if (quiet.length > 0) lines.push(`  not reported: ${quiet.join(', ')}`);
  if (s.notScanned > 0) lines.push(c.yellow(`  not scanned: ${s.notScanned} ${plural(s.notScanned, 'input')} or document ${plural(s.notScanned, 'part')} (binary, an unknown encoding, unreadable; listed on stderr)`));
  if (s.findings > 0 && !opts.showValues) lines.push(c.dim('  values are masked; --show-values prints them'));
  return `${lines.join('\n')}\n`;
}

/** A finding as two report lines (location, severity, entity, masked value; then why). Shared with check-message. */
export function findingLines(f: FileFinding, defs: ReadonlyMap<string, RuleDef>, opts: ReportOptions, c: ChalkInstance): string[] {
  // In a document: `report.docx [comment by J. Doe, paragraph 3]:1:14`, line and column within that piece of text.
  // Names and values come from outside: their control characters are escaped before any colour is added.
  const loc = shownLocation(f, opts);
  const where = c.bold(escapeControls(loc ? `${f.path} [${describeLocation(loc)}]:${f.line}:${f.column}` : `${f.path}:${f.line}:${f.column}`));
  const sev = SEVERITY_STYLE[f.severity](c)(f.severity.padEnd(8));
  // One line per finding: a value that spans lines (--show-values) is shown on one.
  return [
    `${where}  ${sev} ${c.magenta(f.entity)}  ${escapeControls(shownValue(f, defs, opts).replace(/\s+/g, ' '))}  ${c.dim(`confidence ${f.confidence.toFixed(2)}  [${escapeControls(f.ruleId)}]`)}`,
    `    ${c.dim('why:')} ${escapeControls(f.why)}`,
  ];
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
