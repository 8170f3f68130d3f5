/** JSON report: a contract other tools parse. Fields may be added; existing ones are never renamed. */
import type { RuleDef } from '../engine/rule.js';
import type { FileFinding } from '../run/run-scan.js';
import { VERSION } from '../version.js';
import { describeLocation } from '../documents/location.js';
import { rulesById, shownValue, type Reporter, type ReportOptions, type Write } from './format.js';

/** Streams `{"version", "tool", "findings": [...], "summary", "diagnostics"}`, two-space indented. */
export function jsonReporter(write: Write, opts: ReportOptions, defs: readonly RuleDef[]): Reporter {
  const byId = rulesById(defs);
  let first = true;
  write(`{\n  "version": 1,\n  "tool": ${indent({ name: 'pii-scan', version: VERSION }, 1)},\n  "findings": [`);
  return {
    finding(f) {
      write(`${first ? '\n' : ',\n'}    ${flatIndent(jsonFinding(f, byId, opts), 2)}`);
      first = false;
    },
    end(outcome, summary) {
      write(`${first ? '' : '\n  '}],\n  "summary": ${indent(summary, 1)},\n  "diagnostics": ${indent(outcome.diagnostics, 1)}\n}\n`);
    },
  };
}

/** `JSON.stringify(value, null, 2)`, its lines after the first indented `depth` levels. */
const indent = (value: unknown, depth: number): string => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

/**
 * The same text as `indent` for an object, written key by key: a finding's fields are mostly
 * plain values, and re-scanning its whole text for line breaks cost a tenth of a large report.
 */
function flatIndent(value: Record<string, unknown>, depth: number): string {
  const pad = '  '.repeat(depth + 1);
  let out = '{';
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out += `${out.length === 1 ? '\n' : ',\n'}${pad}${JSON.stringify(key)}: ${typeof v === 'object' && v !== null ? indent(v, depth + 1) : JSON.stringify(v)}`;
  }
  return out.length === 1 ? '{}' : `${out}\n${'  '.repeat(depth)}}`;
}

/** One finding as every JSON output shows it (masked unless --show-values). */
export function jsonFinding(f: FileFinding, defs: ReadonlyMap<string, RuleDef>, opts: ReportOptions) {
  return {
    path: f.path,
    ruleId: f.ruleId,
    entity: f.entity,
    severity: f.severity,
    confidence: f.confidence,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    offset: f.offset,
    length: f.length,
    value: shownValue(f, defs, opts),
    masked: f.preMasked === true || !opts.showValues,
    why: f.why,
    // A hash of the words around the value (digits removed), never of the value: lets `merge` give
    // SARIF the same fingerprints as a direct scan.
    contextHash: f.contextHash,
    ...(f.location ? { location: { ...f.location, description: describeLocation(f.location) } } : {}),
  };
}
