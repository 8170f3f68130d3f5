/**
 * Reporters are streaming sinks: each finding is written as it arrives and the summary at the
 * end, so a scan that finds millions of things never holds them all (or one giant string).
 */
import type { FindingLocation } from '../model/location.js';
import type { FileFinding, ScanOutcome, ScanReport } from '../model/scan.js';
import type { RuleDef } from '../model/rule.js';
import { describeLocation } from '../documents/location.js';
import type { ReportOptions } from './report-options.js';
import { escapeJsonText } from './escape.js';
import { maskValue } from '../masking/mask.js';
import { runSummaryText, withRunSummary } from './run-summary.js';
import { SummaryCounter, type Summary } from './summary.js';

export type { ReportOptions };

export const FORMATS = ['text', 'json', 'sarif', 'github', 'codequality', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface Reporter {
  finding(f: FileFinding): void;
  end(outcome: ScanOutcome, summary: Summary): void;
}

/** Writes a piece of the report (stdout, or a file being written). */
export type Write = (text: string) => void;

/** The value as a report may show it: masked by the rule's style unless values were asked for. */
export function shownValue(f: FileFinding, defs: ReadonlyMap<string, RuleDef>, opts: ReportOptions): string {
  if (opts.showValues || f.preMasked) return f.value;
  return maskValue(f.value, defs.get(f.ruleId)?.mask ?? 'full');
}

/**
 * The location as a report may show it: its labels masked (done once, where the scan of an input
 * hands its findings on: masking/mask-labels.ts) unless values were asked for.
 */
export function shownLocation(f: FileFinding, opts: ReportOptions): FindingLocation | undefined {
  return opts.showValues && f.unmaskedLocation ? f.unmaskedLocation : f.location;
}

/** A finding in one line: where inside a document, the entity, the value as shown, the confidence and why. */
export function findingMessage(f: FileFinding, defs: ReadonlyMap<string, RuleDef>, opts: ReportOptions): string {
  const loc = shownLocation(f, opts);
  const where = loc ? `[${describeLocation(loc)}] ` : '';
  const value = shownValue(f, defs, opts).replace(/\s+/g, ' ').trim();
  return `${where}${f.entity} ${value} (confidence ${f.confidence.toFixed(2)}): ${f.why}`;
}

/**
 * `JSON.stringify(value, null, 2)`, its lines after the first indented `depth` levels (JSON and
 * SARIF stream their documents piece by piece). Every line break in it is structural (strings
 * escape theirs); a plain-string replaceAll is the fastest way found (a regex replace cost a
 * tenth of writing a large report).
 */
export const indent = (value: unknown, depth: number): string => JSON.stringify(value, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`);

export function rulesById(defs: readonly RuleDef[]): Map<string, RuleDef> {
  return new Map(defs.map((d) => [d.id, d]));
}

export async function createReporter(format: Format, write: Write, opts: ReportOptions, defs: readonly RuleDef[]): Promise<Reporter> {
  // Loaded on demand: a text scan of a short draft need not pay for SARIF.
  let inner: Reporter;
  // JSON quotes control characters but leaves C1 and bidi controls raw; text formats escape them piece by piece.
  const jsonWrite: Write = (s) => write(escapeJsonText(s));
  switch (format) {
    case 'json':
      inner = (await import('./json.js')).jsonReporter(jsonWrite, opts, defs);
      break;
    case 'sarif':
      inner = (await import('./sarif.js')).sarifReporter(jsonWrite, opts, defs);
      break;
    case 'github':
      inner = (await import('./github.js')).githubReporter(write, opts, defs);
      break;
    case 'codequality':
      inner = (await import('./codequality.js')).codeQualityReporter(jsonWrite, opts, defs);
      break;
    case 'markdown':
      inner = (await import('./summary-markdown.js')).markdownSummaryReporter(write, opts, defs);
      break;
    case 'html':
      inner = (await import('./html.js')).htmlReporter(write, opts, defs);
      break;
    default:
      inner = (await import('./text.js')).textReporter(write, opts, defs);
  }
  // Every summary also says what a baseline kept back and what git chose (see run-summary.ts).
  return {
    finding: (f) => inner.finding(f),
    end(outcome, summary) {
      const full = withRunSummary(summary, outcome);
      inner.end(outcome, full);
      if (format === 'text') write(runSummaryText(full, opts));
    },
  };
}

/** A whole report as one string, for a scan whose findings were gathered. */
export async function formatReport(format: Format, report: ScanReport, opts: ReportOptions): Promise<string> {
  let out = '';
  const reporter = await createReporter(format, (s) => (out += s), opts, report.defs);
  const counter = new SummaryCounter();
  for (const f of report.findings) {
    counter.add(f);
    reporter.finding(f);
  }
  reporter.end(report, counter.summary(report));
  return out;
}
