/**
 * Profiles: a name is low on its own, but a name in the same record as an address, an SSN, a date
 * of birth, a plate or an A-number says who lives where, or who is who. Each such record gives one
 * PROFILE finding per name, at the highest severity of its parts, in addition to the parts. Pure:
 * findings in (in input order), findings out.
 */
import { SEVERITIES, severityRank, type Finding, type Severity } from '../model/finding.js';
import type { DocLocation } from '../documents/types.js';

export const PROFILE_RULE_ID = 'profile';
export const PROFILE_ENTITY = 'PROFILE';
const NAME_ENTITY = 'PERSON';
/** What makes a name a profile. */
export const PROFILE_PARTS: ReadonlySet<string> = new Set(['STREET_ADDRESS', 'US_SSN', 'DATE_OF_BIRTH', 'LICENSE_PLATE', 'A_NUMBER']);
/** In text without records (a file, a page, a draft), findings this many lines apart or closer are one paragraph's. */
const PARAGRAPH_LINES = 3;

interface Located extends Finding {
  location?: DocLocation;
}

/**
 * The record a finding belongs to: a CSV row, a JSON object, a message, a spreadsheet row; within
 * one, lines still split text into paragraphs (a body's, a page's). Undefined for plain text.
 */
export function recordOf(location: DocLocation | undefined): string | undefined {
  if (!location) return undefined;
  // Inside an attachment or a zip entry, rows and objects are that part's own.
  const chain = 'chain' in location ? JSON.stringify((location as { chain?: unknown }).chain ?? '') : '';
  return chain + recordIn(location);
}

function recordIn(location: DocLocation): string {
  switch (location.kind) {
    case 'csv':
      return `csv ${location.row}`;
    case 'json':
      // The object holding the key: $.people[3].name → $.people[3].
      return `json ${location.path.replace(/(?:\.[^.[\]]*|\[[^\]]*\])$/, '')}`;
    case 'sms':
    case 'chat':
      return `${location.kind} ${location.message}`;
    case 'xlsx':
      if ('cell' in location && !('part' in location)) return `xlsx ${location.sheet} ${location.cell.replace(/^[A-Z]+/, '')}`;
      return JSON.stringify(location);
    default:
      return JSON.stringify(location);
  }
}

interface Record {
  key: string | undefined;
  lastLine: number;
  names: Located[];
  parts: Located[];
}

/**
 * Gathers the findings of one input record by record and adds a PROFILE after each record that
 * holds a name and a part. Every finding is passed on as it comes; profiles follow their record.
 */
export class ProfileFinder<F extends Located> {
  private record: Record | undefined;

  constructor(
    private readonly emit: (f: F) => void,
    /** Whether the rule set has the PROFILE rule (a user's own rules may leave it out). */
    private readonly enabled = true,
  ) {}

  offer(f: F): void {
    if (!this.enabled) return this.emit(f);
    const key = recordOf(f.location);
    const r = this.record;
    // A finding of another record (or of a paragraph further down) ends the current one: its profile
    // comes before that finding, so profiles stay next to their records in any output.
    if (r && !(r.key === key && (!linesSplit(f.location) || f.line - r.lastLine <= PARAGRAPH_LINES))) this.close();
    this.emit(f);
    const isName = f.entity === NAME_ENTITY;
    if (!isName && !PROFILE_PARTS.has(f.entity)) return;
    const record = (this.record ??= { key, lastLine: f.endLine, names: [], parts: [] });
    record.lastLine = Math.max(record.lastLine, f.endLine);
    (isName ? record.names : record.parts).push(f);
  }

  /** The end of the input: the last record is complete. */
  end(): void {
    this.close();
  }

  private close(): void {
    const r = this.record;
    this.record = undefined;
    if (!r || r.names.length === 0 || r.parts.length === 0) return;
    const seen = new Set<string>();
    for (const name of r.names) {
      // One person written twice ("Maria Garcia", "GARCIA, MARIA") is one profile.
      const who = name.value.toUpperCase().split(/[^\p{L}]+/u).filter(Boolean).sort().join(' ');
      if (seen.has(who)) continue;
      seen.add(who);
      this.emit(profileOf(name, r.parts) as F);
    }
  }
}

/** Rows, objects and messages are records whatever lines they span; text is split into paragraphs. */
function linesSplit(location: DocLocation | undefined): boolean {
  if (!location) return true;
  return !['csv', 'json', 'sms', 'chat', 'xlsx'].includes(location.kind);
}

function profileOf(name: Located, parts: readonly Located[]): Located {
  let severity: Severity = name.severity;
  for (const p of parts) if (severityRank(p.severity) > severityRank(severity)) severity = p.severity;
  const best = Math.max(...parts.map((p) => p.confidence));
  const listed = [...new Set(parts.map((p) => `${p.entity} at ${p.line}:${p.column}`))];
  return {
    ...name,
    ruleId: PROFILE_RULE_ID,
    entity: PROFILE_ENTITY,
    severity: SEVERITIES[severityRank(severity)]!,
    // As sure as its less sure half: a profile is a name and a part.
    confidence: Math.min(name.confidence, best),
    why: `a name (PERSON at ${name.line}:${name.column}) in one record with ${listed.join(', ')}`,
  };
}
