/** JSON report: a contract other tools parse. Fields may be added; existing ones are never renamed. */
import { indent, type Reporter, type ReportOptions, rulesById, shownLocation, shownValue, type Write } from './reporter.js';
import type { FindingLocation } from '../model/location.js';
import type { FileFinding } from '../model/scan.js';
import type { RuleDef } from '../model/rule.js';
import { VERSION } from '../runtime/version.js';
import { describeLocation } from '../documents/location.js';
import { remembered } from '../text/remembered.js';
import { escapeJsonText } from './escape.js';

/**
 * Streams `{"version", "tool", "findings": [...], "summary", "diagnostics"}`, two-space indented,
 * with the characters JSON.stringify leaves raw escaped (escape.ts). The usual finding has them
 * escaped in its strings, each rule field and explanation once, rather than in its whole text.
 */
export function jsonReporter(write: Write, opts: ReportOptions, defs: readonly RuleDef[]): Reporter {
  const byId = rulesById(defs);
  let first = true;
  write(escapeJsonText(`{\n  "version": 1,\n  "tool": ${indent({ name: 'pii-scan', version: VERSION }, 1)},\n  "findings": [`));
  return {
    finding(f) {
      // The usual finding is written from its own fields, without the object jsonFinding makes.
      const text = usual(f) ? written(f, shownValue(f, byId, opts), f.preMasked === true || !opts.showValues, locationText(shownLocation(f, opts))) : findingText(jsonFinding(f, byId, opts));
      write(`${first ? '\n' : ',\n'}    ${text}`);
      first = false;
    },
    end(outcome, summary) {
      write(escapeJsonText(`${first ? '' : '\n  '}],\n  "summary": ${indent(summary, 1)},\n  "diagnostics": ${indent(outcome.diagnostics, 1)}\n}\n`));
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

const described = (location: FindingLocation) => ({ ...location, description: describeLocation(location) });
const located = (location: FindingLocation | undefined) => (location ? { location: described(location) } : {});

const q = JSON.stringify;
/** Paths, rule fields and explanations repeat from finding to finding: each is quoted (and escaped) once. */
const quoted = remembered((s) => escapeJsonText(JSON.stringify(s)));
/** A string as JSON, escaped: outside strings a finding's JSON holds nothing escapeJsonText changes. */
const safe = (s: string): string => escapeJsonText(q(s));
const finite = (...ns: number[]): boolean => ns.every(Number.isFinite);

/** The fields a finding's JSON shares with the finding itself. */
type Fields = Pick<ReturnType<typeof jsonFinding>, 'path' | 'ruleId' | 'entity' | 'severity' | 'confidence' | 'line' | 'column' | 'endLine' | 'endColumn' | 'offset' | 'length' | 'why' | 'contextHash'>;

/** Whether `o` takes the written-out way (findingText): a fingerprint, finite numbers, no alternatives. */
const usual = (o: Fields & { alternatives?: unknown }): boolean =>
  typeof o.contextHash === 'string' && finite(o.confidence, o.line, o.column, o.endLine, o.endColumn, o.offset, o.length) && o.alternatives === undefined;

/**
 * `escapeJsonText(indent(o, 2))` for a finding, written out field by field: cheaper than V8's
 * stringify with a gap, which a report of many findings feels, and escaped string by string. A location (a small nested object, last) is appended
 * the general way; any field a read-back report left unusual takes the general way for all.
 */
export function findingText(o: ReturnType<typeof jsonFinding>): string {
  if (!usual(o) || 'alternatives' in o) return escapeJsonText(indent(o, 2));
  return written(o, o.value, o.masked, 'location' in o ? `,\n      "location": ${escapeJsonText(indent(o.location, 3))}` : '');
}

const locationText = (location: FindingLocation | undefined): string => (location ? `,\n      "location": ${escapeJsonText(indent(described(location), 3))}` : '');

/** A usual finding's JSON, its strings escaped. */
function written(o: Fields, value: string, masked: boolean, location: string): string {
  return `{
      "path": ${quoted(o.path)},
      "ruleId": ${quoted(o.ruleId)},
      "entity": ${quoted(o.entity)},
      "severity": ${quoted(o.severity)},
      "confidence": ${o.confidence},
      "line": ${o.line},
      "column": ${o.column},
      "endLine": ${o.endLine},
      "endColumn": ${o.endColumn},
      "offset": ${o.offset},
      "length": ${o.length},
      "value": ${safe(value)},
      "masked": ${masked},
      "why": ${quoted(o.why)},
      "contextHash": ${safe(o.contextHash)}${location}
    }`;
}
