/**
 * SARIF 2.1.0 for code-scanning tools. Results carry masked messages and a
 * partial fingerprint built from the rule, the path and the masked value (never the
 * raw value), so an alert stays the same alert when lines move.
 */
import { createHash } from 'node:crypto';
import type { RuleDef } from '../engine/rule.js';
import type { Severity } from '../engine/types.js';
import type { FileFinding, ScanReport } from '../run/run-scan.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { rulesById, shownValue, type ReportOptions } from './format.js';
import { maskValue } from './mask.js';

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

export function formatSarif(report: ScanReport, opts: ReportOptions): string {
  const defs = rulesById(report);
  const used = [...new Set(report.findings.map((f) => f.ruleId))];
  const ruleIndex = new Map(used.map((id, i) => [id, i]));
  const occurrences = new Map<string, number>();
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: VERSION,
            semanticVersion: VERSION,
            rules: used.map((id) => sarifRule(defs.get(id)!)),
          },
        },
        invocations: [
          {
            executionSuccessful: !report.diagnostics.some((d) => d.level === 'error'),
            toolExecutionNotifications: report.diagnostics.map((d) => ({
              level: d.level === 'error' ? 'error' : 'note',
              message: { text: `${d.path}: ${d.message}` },
            })),
          },
        ],
        results: report.findings.map((f) => {
          const def = defs.get(f.ruleId);
          const masked = maskValue(f.value, def?.mask ?? 'full');
          const key = `${f.ruleId}\u0000${f.path}\u0000${masked}`;
          const n = (occurrences.get(key) ?? 0) + 1;
          occurrences.set(key, n);
          return {
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId)!,
            level: LEVEL[f.severity],
            message: { text: `${f.entity} ${shownValue(f, defs, opts)} (confidence ${f.confidence.toFixed(2)}): ${f.why}` },
            locations: [location(f)],
            partialFingerprints: { 'piiScanFinding/v1': fingerprint(`${key}\u0000${n}`) },
            properties: { entity: f.entity, severity: f.severity, confidence: f.confidence },
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
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

function location(f: FileFinding) {
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
