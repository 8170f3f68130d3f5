/** What every reporter is: the interface, what it is told, and how it shows a finding's value and place. */
import type { FindingLocation } from '../model/location.js';
import type { PathBase } from './artifact-path.js';
import type { FileFinding, ScanOutcome } from '../model/scan.js';
import type { RuleDef } from '../model/rule.js';
import { describeLocation } from '../documents/location.js';
import { maskValue } from '../masking/mask.js';
import type { Summary } from './summary.js';

export interface ReportOptions {
  showValues: boolean;
  color: boolean;
  /** Where the reported paths start and the root CI formats name files from (report/artifact-path.ts); absent: as they are. */
  paths?: PathBase;
}

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
