/**
 * GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding, which
 * the runner turns into an annotation on the file and line (the most severe first, up to GitHub's
 * cap), then a plain summary line. Values are masked as in every report; properties and messages
 * are escaped as the Actions toolkit does.
 */
import { findingMessage, type Reporter, type ReportOptions, rulesById, type Write } from './reporter.js';
import type { FileFinding, ScanOutcome } from '../model/scan.js';
import type { RuleDef } from '../model/rule.js';
import { SEVERITIES, severityRank, type Severity } from '../model/finding.js';
import { escapeControls } from './escape.js';
import type { RunSummary } from './run-summary.js';

export const GITHUB_LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

/** `%`, CR and LF in a message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value also escapes `:` and `,`, which end the property list and a property. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One command line; other control and bidi characters in names are shown as escapes (a log is a terminal too). */
export function workflowCommand(command: string, props: Array<[string, string | number | undefined]>, message: string): string {
  const list = props.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${escapeControls(escapeProperty(String(v)))}`);
  return `::${command}${list.length > 0 ? ` ${list.join(',')}` : ''}::${escapeControls(escapeData(message))}`;
}

/**
 * GitHub shows at most this many annotations of each level from one step (and 50 from a job):
 * the rest are dropped without a word. So the most severe are printed, at most this many of each
 * level, and a line says how many more there are and where to find them.
 */
export const ANNOTATIONS_PER_LEVEL = 10;

type Level = 'error' | 'warning' | 'notice';
const LEVELS: readonly Level[] = ['error', 'warning', 'notice'];

/**
 * Annotations are held until the end (at most ANNOTATIONS_PER_LEVEL of each severity), since a
 * critical finding in the last file must come before the high ones of the first; every other
 * finding is only counted.
 */
export function githubReporter(write: Write, opts: ReportOptions, defs: readonly RuleDef[]): Reporter {
  const byId = rulesById(defs);
  const kept = new Map<Severity, string[]>(SEVERITY_ORDER.map((s) => [s, []]));
  let dropped = 0;
  return {
    finding(f) {
      const list = kept.get(f.severity)!;
      if (list.length < ANNOTATIONS_PER_LEVEL) list.push(annotation(f, byId, opts));
      else dropped++;
    },
    end(outcome, summary) {
      const s = summary as RunSummary;
      // Notes on inputs not read come first among the warnings: the scan cannot vouch for those files.
      const byLevel: Record<Level, string[]> = { error: [], warning: notScannedAnnotations(outcome), notice: staleBaselineNotice(outcome, s) };
      for (const sev of SEVERITY_ORDER) byLevel[GITHUB_LEVEL[sev]].push(...kept.get(sev)!);
      const lines: string[] = [];
      let more = dropped;
      for (const level of LEVELS) {
        lines.push(...byLevel[level].slice(0, ANNOTATIONS_PER_LEVEL));
        more += Math.max(0, byLevel[level].length - ANNOTATIONS_PER_LEVEL);
      }
      lines.push(...summaryLines(s));
      if (more > 0) {
        lines.push(
          `pii-scan: ${more} more ${plural(more, 'annotation')} not shown: GitHub shows ${ANNOTATIONS_PER_LEVEL} of each level from a step, so the most severe are shown; the SARIF report (-f sarif, on the code scanning page) and the JSON report list every finding`,
        );
      }
      write(`${lines.join('\n')}\n`);
    },
  };
}

/** Most severe first. */
const SEVERITY_ORDER: readonly Severity[] = [...SEVERITIES].sort((a, b) => severityRank(b) - severityRank(a));

function annotation(f: FileFinding, defs: ReadonlyMap<string, RuleDef>, opts: ReportOptions): string {
  // GitHub's end column is inclusive and only allowed on one line; ours is exclusive.
  const lastLine = f.endLine > f.line && f.endColumn === 1 ? f.endLine - 1 : f.endLine;
  const oneLine = lastLine === f.line;
  // Standard input has no file to annotate: the annotation goes on the run instead.
  const file = f.path !== '-';
  // Inside a document the lines are not the file's: annotate the file, and say where in the message.
  const lined = file && f.location === undefined;
  const props: Array<[string, string | number | undefined]> = [
    ['file', file ? f.path : undefined],
    ['line', lined ? f.line : undefined],
    ['col', lined && oneLine ? f.column : undefined],
    ['endLine', lined ? lastLine : undefined],
    ['endColumn', lined && oneLine ? Math.max(f.column, f.endColumn - 1) : undefined],
    ['title', `${f.entity} (${f.ruleId})`],
  ];
  return workflowCommand(GITHUB_LEVEL[f.severity], props, findingMessage(f, defs, opts));
}

function summaryLines(s: RunSummary): string[] {
  const lines: string[] = [];
  const severities = (Object.entries(s.bySeverity) as Array<[Severity, number]>)
    .filter(([, n]) => n > 0)
    .reverse()
    .map(([sev, n]) => `${n} ${sev}`)
    .join(', ');
  const scanned = `${s.filesScanned} ${plural(s.filesScanned, 'input')} scanned`;
  lines.push(
    s.findings > 0
      ? `pii-scan: ${s.findings} ${plural(s.findings, 'finding')} (${severities}) in ${s.filesWithFindings} ${plural(s.filesWithFindings, 'input')}; ${scanned}`
      : `pii-scan: no findings; ${scanned}`,
  );
  const quiet: string[] = [];
  if (s.belowThreshold > 0) quiet.push(`${s.belowThreshold} below the confidence threshold`);
  if (s.allowListed > 0) quiet.push(`${s.allowListed} allow-listed`);
  if (s.suppressed > 0) quiet.push(`${s.suppressed} suppressed inline (pii-scan:allow)`);
  if (s.baseline && s.baseline.ignored > 0) quiet.push(`${s.baseline.ignored} in the baseline`);
  if (s.git?.mode === 'staged' && s.git.unchangedLines > 0) quiet.push(`${s.git.unchangedLines} on lines the commit does not change`);
  if (s.skipped > 0) quiet.push(`${s.skipped} skipped`);
  if (s.errors > 0) quiet.push(`${s.errors} ${plural(s.errors, 'error')}`);
  if (quiet.length > 0) lines.push(`pii-scan: not reported: ${quiet.join(', ')}`);
  return lines;
}

/** Inputs whose content was not read are annotated on their file: the scan cannot vouch for them. */
function notScannedAnnotations(outcome: ScanOutcome): string[] {
  return outcome.diagnostics.filter((d) => d.notScanned && d.path !== '-').map((d) => workflowCommand('warning', [['file', d.path], ['title', 'pii-scan: not scanned']], d.message));
}

function staleBaselineNotice(outcome: ScanOutcome, s: RunSummary): string[] {
  const stale = outcome.baseline?.stale ?? [];
  if (stale.length === 0 || !s.baseline) return [];
  const n = stale.reduce((a, e) => a + e.count, 0);
  const which = stale.map((e) => `${e.path} ${e.ruleId}${e.count > 1 ? ` x${e.count}` : ''}`).join('; ');
  return [
    workflowCommand('notice', [['title', 'pii-scan baseline']], `${n} stale baseline ${plural(n, 'entry', 'entries')} in ${s.baseline.file} matched nothing: ${which}. pii-scan baseline create rewrites the baseline.`),
  ];
}

function plural(n: number, word: string, many = `${word}s`): string {
  return n === 1 ? word : many;
}
