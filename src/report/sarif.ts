/**
 * SARIF 2.1.0 for code-scanning tools. Results carry masked messages, files relative to the
 * repository root (%SRCROOT%), and a partial fingerprint that holds no raw value (fingerprint.ts).
 */
import { findingMessage, indent, type Reporter, type ReportOptions, rulesById, shownLocation, type Write } from './reporter.js';
import type { FindingLocation } from '../model/location.js';
import type { FileFinding } from '../model/scan.js';
import type { RuleDef } from '../model/rule.js';
import type { Severity } from '../model/finding.js';
import { INFORMATION_URI, TOOL_NAME, VERSION } from '../runtime/version.js';
import { absolutePath, fileUri, folderUri, relativeUri, rootRelative, type PathBase } from './artifact-path.js';
import { findingFingerprints } from './fingerprint.js';
import { describeLocation } from '../documents/location.js';

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

const SRCROOT = '%SRCROOT%';

/**
 * Streams one run: the tool with every loaded rule (so `ruleIndex` is known before the first
 * result), the results as they come, and the invocation with its notifications at the end.
 */
export function sarifReporter(write: Write, opts: ReportOptions, defs: readonly RuleDef[]): Reporter {
  const byId = rulesById(defs);
  const ruleIndex = new Map(defs.map((d, i) => [d.id, i]));
  const tool = { driver: { name: TOOL_NAME, version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules: defs.map(sarifRule) } };
  // Files are named relative to %SRCROOT%, the repository root, as code scanning resolves them (absolute paths are SARIF1004).
  const bases = opts.paths ? { [SRCROOT]: { uri: folderUri(opts.paths.root), description: { text: 'The root of the repository (or folder) scanned.' } } } : undefined;
  const fingerprint = findingFingerprints(byId, opts.paths);
  let first = true;
  write(
    `{\n  "$schema": ${JSON.stringify(SCHEMA)},\n  "version": "2.1.0",\n  "runs": [\n    {\n      "tool": ${indent(tool, 3)},\n` +
      (bases ? `      "originalUriBaseIds": ${indent(bases, 3)},\n` : '') +
      '      "results": [',
  );
  return {
    finding(f) {
      const shown = shownLocation(f, opts);
      const result = {
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId)!,
        level: LEVEL[f.severity],
        // Inside a document the message says where too: a viewer that shows no logical location still tells.
        message: { text: findingMessage(f, byId, opts) },
        locations: [location(f, shown, opts.paths)],
        partialFingerprints: { 'piiScanFinding/v1': fingerprint(f) },
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
    // A name that only repeats the id (vin, VIN) is left out, as SARIF asks (SARIF1001).
    ...(def.entity.toLowerCase() !== def.id.toLowerCase() ? { name: def.entity } : {}),
    shortDescription: { text: def.name },
    fullDescription: { text },
    help: { text: `${text}\nRedact the value, or allow-list it in .pii-scan.yaml if it is not sensitive.` },
    defaultConfiguration: { level: LEVEL[def.severity] },
    properties: { tags: ['security', 'pii', def.entity], 'security-severity': SECURITY_SEVERITY[def.severity] },
  };
}

/** A file relative to %SRCROOT%; one outside the root by its file URI; standard input by name. */
function artifactLocation(path: string, paths: PathBase | undefined): { uri: string; uriBaseId?: string } {
  if (path === '-') return { uri: 'stdin' };
  const rel = rootRelative(path, paths);
  return rel !== undefined ? { uri: relativeUri(rel), uriBaseId: SRCROOT } : { uri: fileUri(absolutePath(path, paths)) };
}

function location(f: FileFinding, shown: FindingLocation | undefined, paths: PathBase | undefined) {
  // Inside a document, lines are lines of one extracted piece of text (a CSV's are the file's own):
  // the region says where in that text, the logical location which piece, and byte offsets only where they are the file's.
  const inFile = shown === undefined || (shown.kind === 'csv' && !shown.chain?.length);
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(f.path, paths),
      region: {
        startLine: f.line,
        startColumn: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        ...(inFile ? { byteOffset: f.offset, byteLength: f.length } : {}),
      },
    },
    ...(shown ? { logicalLocations: [{ fullyQualifiedName: describeLocation(shown), kind: shown.kind === 'zip' || shown.kind === 'eml' ? 'module' : 'member' }] } : {}),
  };
}
