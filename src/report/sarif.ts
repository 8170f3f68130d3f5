/**
 * SARIF 2.1.0 for code-scanning tools. Results carry masked messages and a partial
 * fingerprint built from the rule, the path, the masked value and a hash of the words around it
 * (never the raw value), so an alert stays the same alert when lines move or similar values are
 * added elsewhere in the file.
 */
import { createHash } from 'node:crypto';
import type { RuleDef } from '../engine/rule.js';
import type { Severity } from '../engine/types.js';
import type { FileFinding } from '../run/run-scan.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { indent, rulesById, shownLocation, shownValue, type Reporter, type ReportOptions, type Write } from './format.js';
import { maskValue } from './mask.js';
import { describeLocation } from '../documents/location.js';
import type { FindingLocation } from '../documents/types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning reads `security-severity` (0–10) to rank alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * Streams one run: the tool with every loaded rule (so `ruleIndex` is known before the first
 * result), the results as they come, and the invocation with its notifications at the end.
 */
export function sarifReporter(write: Write, opts: ReportOptions, defs: readonly RuleDef[]): Reporter {
  const byId = rulesById(defs);
  const ruleIndex = new Map(defs.map((d, i) => [d.id, i]));
  const tool = { driver: { name: TOOL_NAME, version: VERSION, semanticVersion: VERSION, rules: defs.map(sarifRule) } };
  // Occurrences of the same masked value in the same surroundings in one file, numbered for the fingerprint; findings arrive
  // file by file, so the counts are reset when the path changes.
  let occurrences = new Map<string, number>();
  let path: string | undefined;
  let first = true;
  write(`{\n  "$schema": ${JSON.stringify(SCHEMA)},\n  "version": "2.1.0",\n  "runs": [\n    {\n      "tool": ${indent(tool, 3)},\n      "results": [`);
  return {
    finding(f) {
      if (f.path !== path) [occurrences, path] = [new Map(), f.path];
      // A merged report's values are masked already (masking twice would hide the kept last four).
      const masked = f.preMasked ? f.value : maskValue(f.value, byId.get(f.ruleId)?.mask ?? 'full');
      // The fingerprint uses the masked location always, so --show-values and merge give the same one.
      const inside = f.location ? `\u0000${describeLocation(f.location)}` : '';
      const shown = shownLocation(f, opts);
      const key = `${f.ruleId}\u0000${f.path}${inside}\u0000${masked}\u0000${f.contextHash}`;
      const n = (occurrences.get(key) ?? 0) + 1;
      occurrences.set(key, n);
      const result = {
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId)!,
        level: LEVEL[f.severity],
        message: { text: `${f.entity} ${shownValue(f, byId, opts)} (confidence ${f.confidence.toFixed(2)}): ${f.why}` },
        locations: [location(f, shown)],
        partialFingerprints: { 'piiScanFinding/v1': fingerprint(`${key}\u0000${n}`) },
        properties: { entity: f.entity, severity: f.severity, confidence: f.confidence, ...(shown ? { location: shown } : {}) },
      };
      write(`${first ? '\n' : ',\n'}        ${indent(result, 4)}`);
      first = false;
    },
    end(outcome) {
      const invocations = [
        {
          executionSuccessful: !outcome.diagnostics.some((d) => d.level === 'error'),
          toolExecutionNotifications: outcome.diagnostics.map((d) => ({
            level: d.level === 'error' ? 'error' : d.notScanned ? 'warning' : 'note',
            message: { text: `${d.path}: ${d.message}` },
            // Content not read: the scan cannot vouch for it (what --fail-on-skipped counts).
            ...(d.notScanned ? { descriptor: { id: 'not-scanned' }, properties: { notScanned: true } } : {}),
          })),
        },
      ];
      write(`${first ? '' : '\n      '}],\n      "invocations": ${indent(invocations, 3)}\n    }\n  ]\n}\n`);
    },
  };
}

function sarifRule(def: RuleDef) {
  const text = def.description || def.name;
  return {
    id: def.id,
    name: def.entity,
    shortDescription: { text: def.name },
    fullDescription: { text },
    help: { text: `${text}\nRedact the value, or allow-list it in .pii-scan.yaml if it is not sensitive.` },
    defaultConfiguration: { level: LEVEL[def.severity] },
    properties: { tags: ['security', 'pii', def.entity], 'security-severity': SECURITY_SEVERITY[def.severity] },
  };
}

function location(f: FileFinding, shown: FindingLocation | undefined) {
  if (shown) {
    // Inside a document, lines are lines of one extracted piece of text, not of the file: the place is a logical one.
    return {
      physicalLocation: { artifactLocation: { uri: f.path === '-' ? 'stdin' : pathToUri(f.path) } },
      logicalLocations: [{ fullyQualifiedName: describeLocation(shown), kind: shown.kind === 'zip' || shown.kind === 'eml' ? 'module' : 'member' }],
    };
  }
  return {
    physicalLocation: {
      artifactLocation: { uri: f.path === '-' ? 'stdin' : pathToUri(f.path) },
      region: {
        startLine: f.line,
        startColumn: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        byteOffset: f.offset,
        byteLength: f.length,
      },
    },
  };
}

/** encodeURI leaves `#` and `?`, which would start a fragment or query; a file name may hold both. */
function pathToUri(path: string): string {
  return encodeURI(path).replace(/[#?]/g, (c) => encodeURIComponent(c));
}

function fingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
