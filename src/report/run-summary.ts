/**
 * What a summary adds when a scan used a config file, a baseline or let git choose its inputs:
 * which config (named, since a config can turn checks off), how many known findings were not
 * reported, which baseline entries matched nothing (stale), and for --staged how many findings
 * sat on lines the commit does not change. Added to the JSON summary as `config`, `baseline` and
 * `git` (present only when used), and printed under the text summary.
 */
import type { ReportOptions } from './reporter.js';
import type { ScanOutcome, StaleEntry } from '../model/scan.js';
import { Chalk } from 'chalk';
import { escapeControls } from './escape.js';
import type { Summary } from './summary.js';

export interface RunSummary extends Summary {
  /** The config file the scan used, when one was. */
  config?: string;
  baseline?: { file: string; entries: number; ignored: number; stale: StaleEntry[] };
  git?:
    | { mode: 'staged'; changedLinesOnly: boolean; files: number; unchangedLines: number }
    | { mode: 'since'; ref: string; mergeBase: string; files: number };
}

export function withRunSummary(summary: Summary, outcome: ScanOutcome): RunSummary {
  const out: RunSummary = { ...summary };
  if (outcome.config !== undefined) out.config = outcome.config;
  if (outcome.baseline) {
    out.baseline = { file: outcome.baseline.file, entries: outcome.baseline.entries, ignored: outcome.stats.baselined, stale: outcome.baseline.stale };
  }
  const git = outcome.git;
  if (git?.mode === 'staged') out.git = { ...git, unchangedLines: outcome.stats.unchangedLines };
  else if (git) out.git = { ...git };
  return out;
}

/** At most this many stale entries are listed in text; JSON lists them all. */
const STALE_SHOWN = 20;

/** Lines printed under the text summary (empty when there is nothing to add). */
export function runSummaryText(s: RunSummary, opts: ReportOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const lines: string[] = [];
  if (s.config !== undefined) lines.push(`  config: ${s.config}`);
  if (s.git?.mode === 'staged') {
    lines.push(
      s.git.changedLinesOnly
        ? `  staged changes: ${s.git.files} ${plural(s.git.files, 'file')}, lines added or changed only` +
            (s.git.unchangedLines > 0 ? `; ${s.git.unchangedLines} ${plural(s.git.unchangedLines, 'finding')} on unchanged lines not reported (--all-lines shows them)` : '')
        : `  staged changes: ${s.git.files} ${plural(s.git.files, 'file')}, every line`,
    );
  } else if (s.git?.mode === 'since') {
    lines.push(`  changed since ${escapeControls(s.git.ref)} (merge base ${s.git.mergeBase.slice(0, 12)}): ${s.git.files} ${plural(s.git.files, 'file')}`);
  }
  if (s.baseline) {
    const b = s.baseline;
    const stale = b.stale.reduce((n, e) => n + e.count, 0);
    lines.push(
      `  baseline ${escapeControls(b.file)}: ${b.ignored} known ${plural(b.ignored, 'finding')} not reported` +
        (stale > 0 ? `; ${c.yellow(`${stale} stale ${plural(stale, 'entry', 'entries')}`)} matched nothing (pii-scan baseline create rewrites it):` : ''),
    );
    for (const e of b.stale.slice(0, STALE_SHOWN)) lines.push(`    ${escapeControls(e.path)}  ${e.entity} (${e.ruleId})${e.count > 1 ? ` x${e.count}` : ''}`);
    if (b.stale.length > STALE_SHOWN) lines.push(`    … and ${b.stale.length - STALE_SHOWN} more (-f json lists them all)`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function plural(n: number, word: string, many = `${word}s`): string {
  return n === 1 ? word : many;
}
