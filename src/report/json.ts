/** JSON report: a contract other tools parse. Fields may be added; existing ones are never renamed. */
import { indent, type Reporter, type ReportOptions, rulesById, shownLocation, shownValue, type Write } from './reporter.js';
import type { FindingLocation } from '../model/location.js';
import type { FileFinding } from '../model/scan.js';
import type { RuleDef } from '../model/rule.js';
import { VERSION } from '../runtime/version.js';
import { describeLocation } from '../documents/location.js';
import { remembered } from '../text/remembered.js';

/** Streams `{"version", "tool", "findings": [...], "summary", "diagnostics"}`, two-space indented. */
export function jsonReporter(write: Write, opts: ReportOptions, defs: readonly RuleDef[]): Reporter {
  const byId = rulesById(defs);
  let first = true;
  write(`{\n  "version": 1,\n  "tool": ${indent({ name: 'pii-scan', version: VERSION }, 1)},\n  "findings": [`);
  return {
    finding(f) {
      write(`${first ? '\n' : ',\n'}    ${findingText(jsonFinding(f, byId, opts))}`);
      first = false;
    },
    end(outcome, summary) {
      write(`${first ? '' : '\n  '}],\n  "summary": ${indent(summary, 1)},\n  "diagnostics": ${indent(outcome.diagnostics, 1)}\n}\n`);
    },
  };
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
    // Other rules' findings on this span, which overlap resolution did not report on their own.
    ...(f.alternatives ? { alternatives: f.alternatives.map(({ entity, ruleId, confidence }) => ({ entity, ruleId, confidence })) } : {}),
    ...located(shownLocation(f, opts)),
  };
}

const located = (location: FindingLocation | undefined) => (location ? { location: { ...location, description: describeLocation(location) } } : {});

const q = JSON.stringify;
/** Paths, rule fields and explanations repeat from finding to finding: each is quoted once. */
const quoted = remembered((s) => JSON.stringify(s));
const finite = (...ns: number[]): boolean => ns.every(Number.isFinite);

/**
 * `indent(o, 2)` for a finding, written out field by field: cheaper than V8's stringify with a
 * gap, which a report of many findings feels. A location (a small nested object, last) is appended
 * the general way; any field a read-back report left unusual takes the general way for all.
 */
export function findingText(o: ReturnType<typeof jsonFinding>): string {
  const { confidence, line, column, endLine, endColumn, offset, length, contextHash } = o;
  if (typeof contextHash !== 'string' || !finite(confidence, line, column, endLine, endColumn, offset, length) || 'alternatives' in o) {
    return indent(o, 2);
  }
  const location = 'location' in o ? `,\n      "location": ${indent(o.location, 3)}` : '';
  return `{
      "path": ${quoted(o.path)},
      "ruleId": ${quoted(o.ruleId)},
      "entity": ${quoted(o.entity)},
      "severity": ${quoted(o.severity)},
      "confidence": ${confidence},
      "line": ${line},
      "column": ${column},
      "endLine": ${endLine},
      "endColumn": ${endColumn},
      "offset": ${offset},
      "length": ${length},
      "value": ${q(o.value)},
      "masked": ${o.masked},
      "why": ${quoted(o.why)},
      "contextHash": ${q(contextHash)}${location}
    }`;
}
