/** What `redact` did (or, with --dry-run, would do): per file and in total. Values are masked. */
import type { Diagnostic } from '../model/scan.js';
import type { RuleDef } from '../model/rule.js';
import type { Finding } from '../model/finding.js';
import type { Pseudonymizer, Replacement } from './styles.js';
import { replacementText } from './styles.js';
import { escapeControls, escapeJsonText } from '../report/escape.js';
import { maskValue } from '../masking/mask.js';
import { compareText } from '../text/compare.js';
import { describeLocation } from '../documents/location.js';
import type { FindingLocation } from '../documents/types.js';
import type { LocatedFinding } from '../documents/scan-document.js';

export interface RedactedFile {
  path: string;
  findings: Finding[];
  changed: boolean;
  /** Where the redacted copy went (--out-dir). */
  output?: string;
  /** What the copy looks like beyond its values (a page became a picture), masked. */
  notes?: string[];
}

export interface SummaryOptions {
  dryRun: boolean;
  defs: readonly RuleDef[];
  styleFor: (f: Finding) => Replacement;
  pseudonym: Pseudonymizer | undefined;
}

/** A finding's place in a document (its labels already masked), when it is in one. */
function located(f: Finding): FindingLocation | undefined {
  const loc = (f as LocatedFinding).location;
  return loc && loc.kind !== 'text' ? loc : undefined;
}

/** `line:column`, or in a document the place a person would look (`sheet Targets, cell C7`). */
function place(f: Finding): string {
  const loc = located(f);
  return loc ? `${f.line}:${f.column} (${describeLocation(loc)})` : `${f.line}:${f.column}`;
}

function byEntity(findings: readonly Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.entity] = (out[f.entity] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => compareText(a, b)));
}

export function formatRedactSummary(format: 'text' | 'json', files: readonly RedactedFile[], diagnostics: readonly Diagnostic[], opts: SummaryOptions): string {
  const masks = new Map(opts.defs.map((d) => [d.id, d.mask]));
  const shown = (f: Finding) => maskValue(f.value, masks.get(f.ruleId) ?? 'full');
  const change = (f: Finding) => {
    const r = replacementText(f.value, opts.styleFor(f), opts.pseudonym);
    return r === '' ? '(removed)' : r.replace(/\s+/g, ' ');
  };
  const all = files.flatMap((f) => f.findings);
  const changed = files.filter((f) => f.changed);
  const totals = { files: files.length, changed: changed.length, redactions: all.length, byEntity: byEntity(all) };
  if (format === 'json') {
    const out = {
      version: 1,
      dryRun: opts.dryRun,
      files: files.map((f) => ({
        path: f.path,
        ...(f.output ? { output: f.output } : {}),
        changed: f.changed,
        redactions: f.findings.length,
        byEntity: byEntity(f.findings),
        ...(f.notes ? { notes: f.notes } : {}),
        ...(opts.dryRun
          ? {
              changes: f.findings.map((x) => ({
                line: x.line,
                column: x.column,
                ...(located(x) ? { location: describeLocation(located(x)!) } : {}),
                entity: x.entity,
                ruleId: x.ruleId,
                value: shown(x),
                replacement: change(x),
              })),
            }
          : {}),
      })),
      summary: totals,
      diagnostics,
    };
    return `${escapeJsonText(JSON.stringify(out, null, 2))}\n`;
  }
  const lines: string[] = [];
  for (const f of files) {
    if (opts.dryRun) {
      // The masked value only when it says more than the replacement (a mask would be shown twice).
      for (const x of f.findings) lines.push(`${f.path}:${place(x)}  ${x.entity}  ${shown(x) === change(x) ? '' : `${shown(x)} `}→ ${change(x)}`);
    } else if (f.changed && f.path !== '-') {
      const counts = Object.entries(byEntity(f.findings)).map(([e, n]) => `${e} ${n}`).join(', ');
      lines.push(`${f.path}: ${f.findings.length} redacted (${counts})${f.output ? ` → ${f.output}` : ''}`);
    }
  }
  const entities = Object.entries(totals.byEntity).map(([e, n]) => `${e} ${n}`).join(', ');
  const verb = opts.dryRun ? 'would redact' : 'redacted';
  lines.push(
    `${verb} ${totals.redactions} ${totals.redactions === 1 ? 'value' : 'values'} in ${totals.changed} of ${totals.files} ${totals.files === 1 ? 'file' : 'files'}` +
      (entities ? ` (${entities})` : ''),
  );
  return `${lines.map(escapeControls).join('\n')}\n`;
}
