/**
 * GitLab Code Quality: a JSON array of issues (`artifacts:reports:codequality`), which GitLab shows
 * in the merge request widget and diff. Each finding is an issue with its masked message, the file
 * relative to the repository root, the line, a GitLab severity and the fingerprint SARIF uses
 * (fingerprint.ts). Inputs that were not read, and errors, are issues too: the widget would
 * otherwise look clean for files the scan never saw.
 */
import { findingMessage, indent, type Reporter, type ReportOptions, rulesById, type Write } from './reporter.js';
import type { Diagnostic, FileFinding } from '../model/scan.js';
import { createHash } from 'node:crypto';
import type { RuleDef } from '../model/rule.js';
import type { Severity } from '../model/finding.js';
import { rootRelative, type PathBase } from './artifact-path.js';
import { findingFingerprints } from './fingerprint.js';

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export const CODE_QUALITY_SEVERITY: Record<Severity, CodeQualitySeverity> = {
  info: 'info',
  low: 'minor',
  medium: 'major',
  high: 'critical',
  critical: 'blocker',
};

export interface CodeQualityIssue {
  type: 'issue';
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  categories: string[];
  location: { path: string; lines: { begin: number; end?: number } };
}

export function codeQualityReporter(write: Write, opts: ReportOptions, defs: readonly RuleDef[]): Reporter {
  const byId = rulesById(defs);
  const fingerprint = findingFingerprints(byId, opts.paths);
  let first = true;
  const item = (issue: CodeQualityIssue) => {
    write(`${first ? '\n' : ',\n'}  ${indent(issue, 1)}`);
    first = false;
  };
  write('[');
  return {
    finding(f) {
      item(findingIssue(f, fingerprint(f), findingMessage(f, byId, opts), opts.paths));
    },
    end(outcome) {
      for (const d of outcome.diagnostics) if (d.notScanned || d.level === 'error') item(diagnosticIssue(d, opts.paths));
      write(first ? ']\n' : '\n]\n');
    },
  };
}

function findingIssue(f: FileFinding, fingerprint: string, message: string, paths: PathBase | undefined): CodeQualityIssue {
  return {
    type: 'issue',
    description: message,
    check_name: `pii-scan/${f.ruleId}`,
    fingerprint,
    severity: CODE_QUALITY_SEVERITY[f.severity],
    categories: ['Security'],
    location: { path: issuePath(f.path, paths), lines: { begin: Math.max(1, f.line), ...(f.endLine > f.line ? { end: f.endLine } : {}) } },
  };
}

function diagnosticIssue(d: Diagnostic, paths: PathBase | undefined): CodeQualityIssue {
  const error = d.level === 'error';
  return {
    type: 'issue',
    description: `${error ? 'not scanned (error)' : 'not scanned'}: ${d.message}`,
    check_name: error ? 'pii-scan/error' : 'pii-scan/not-scanned',
    fingerprint: createHash('sha256').update(`${d.level}\u0000${issuePath(d.path, paths)}\u0000${d.message}`).digest('hex'),
    severity: error ? 'critical' : 'major',
    categories: ['Security'],
    location: { path: issuePath(d.path, paths), lines: { begin: 1 } },
  };
}

/** Relative to the repository root, as GitLab wants it; a file outside it as given; standard input as `-`. */
function issuePath(path: string, paths: PathBase | undefined): string {
  return rootRelative(path, paths) ?? path;
}
