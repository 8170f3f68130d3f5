/** check-message for people: the verdict, each reason, each recipient, then the findings (masked). */
import { type ReportOptions, rulesById } from './reporter.js';
import { Chalk, type ChalkInstance } from 'chalk';
import type { GuardReport, Verdict } from '../guard/verdict.js';
import { escapeControls } from './escape.js';
import { findingLines } from './text.js';

const HEADLINE: Record<Verdict, string> = {
  block: 'BLOCK: do not send this message',
  warn: 'WARN: check before you send',
  allow: 'ALLOW: nothing stops this message',
};

const MARK: Record<Verdict, (c: ChalkInstance) => string> = {
  block: (c) => c.red.bold('✖'),
  warn: (c) => c.yellow.bold('!'),
  allow: (c) => c.green('✔'),
};

const STYLE: Record<Verdict, (c: ChalkInstance) => ChalkInstance> = {
  block: (c) => c.red.bold,
  warn: (c) => c.yellow.bold,
  allow: (c) => c.green.bold,
};

export function formatGuardText(report: GuardReport, opts: ReportOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const lines: string[] = [`${MARK[report.verdict](c)} ${STYLE[report.verdict](c)(HEADLINE[report.verdict])}`];
  // Recipients, names and reasons come from the draft and the roster: control characters are escaped before colour is added.
  const e = escapeControls;
  for (const r of report.reasons) lines.push(`  ${MARK[r.effect](c)} ${e(r.message)}`);

  const ch = report.channel;
  lines.push('', `recipients (${ch.name}, ${ch.encrypted ? 'end-to-end encrypted' : 'not end-to-end encrypted'}):`);
  const width = Math.max(...report.recipients.map((r) => e(r.display).length));
  for (const r of report.recipients) {
    const via = r.input.toLowerCase().startsWith('group:') ? ` via ${e(r.input)}` : '';
    const who = r.known
      ? r.name !== undefined
        ? `${e(r.name)}${via}`
        : 'approved domain'
      : r.nearMiss
        ? c.red(`not on the roster; probably ${e(r.nearMiss.name ? `${r.nearMiss.name} (${r.nearMiss.suggestion})` : r.nearMiss.suggestion)}`)
        : c.red('not on the roster');
    lines.push(`  ${r.known ? c.green('✔') : c.red('✖')} ${e(r.display).padEnd(width)}  ${who}`);
  }

  const findings = report.scan.findings;
  if (findings.length === 0) {
    lines.push('', `no findings in ${report.scan.stats.filesScanned} scanned ${report.scan.stats.filesScanned === 1 ? 'input' : 'inputs'}`);
  } else {
    lines.push('', `findings (${findings.length}):`);
    const defs = rulesById(report.scan.defs);
    for (const f of findings) lines.push(...findingLines(f, defs, opts, c).map((l) => `  ${l}`));
    if (!opts.showValues) lines.push(c.dim('  values are masked; --show-values prints them'));
  }
  return `${lines.join('\n')}\n`;
}
