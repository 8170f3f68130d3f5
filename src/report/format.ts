/**
 * Reporters are streaming sinks: each finding is written as it arrives and the summary at the
 * end, so a scan that finds millions of things never holds them all (or one giant string).
 */
import type { ScanReport } from '../model/scan.js';
import type { RuleDef } from '../model/rule.js';
import type { Reporter, ReportOptions, Write } from './reporter.js';
import { escapeJsonText } from './escape.js';
import { runSummaryText, withRunSummary } from './run-summary.js';
import { SummaryCounter, type Summary } from './summary.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'codequality', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export async function createReporter(format: Format, write: Write, opts: ReportOptions, defs: readonly RuleDef[]): Promise<Reporter> {
  // Loaded on demand: a text scan of a short draft need not pay for SARIF.
  let inner: Reporter;
  // JSON quotes control characters but leaves C1 and bidi controls raw; text formats escape them piece by piece.
  const jsonWrite: Write = (s) => write(escapeJsonText(s));
  switch (format) {
    case 'json':
      inner = (await import('./json.js')).jsonReporter(write, opts, defs); // escapes what it writes itself
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
