/**
 * Inline suppression: a `pii-scan:allow` comment on the same line as a finding, or on the line
 * before, suppresses it — `pii-scan:allow US_SSN,us-passport -- test fixture` only for those
 * entities or rule ids, with a reason. Suppressed findings are counted, never silently lost.
 *
 * The marker is a developer's note in source code, so a scan honours it only when told to
 * (ScannerOptions.inlineAllow): for files read as plain text. In documents, data cells, message
 * bodies and the send guard it is text like any other — whoever wrote the data could type it.
 */

export const SUPPRESS_MARKER = 'pii-scan:allow';
/** How far around a finding the marker is looked for; bounded so the streaming scan stays exact. */
export const SUPPRESS_WINDOW = 400;

export interface Suppression {
  /** Entities or rule ids named after the marker; empty means every finding. */
  only: string[];
  reason?: string;
}

/**
 * Where a marker for a finding spanning [start, end) may stand: from the start of the line before
 * (at most SUPPRESS_WINDOW back) to the end of the finding's line (at most SUPPRESS_WINDOW on).
 * Line breaks are looked for only inside those bounds: a search to the real line ends would read a
 * long line (minified JSON, a one-line export) whole for every finding in it.
 */
export function suppressionWindow(text: string, start: number, end: number): { from: number; to: number } {
  const lo = Math.max(0, start - SUPPRESS_WINDOW);
  const hi = Math.min(text.length, end + SUPPRESS_WINDOW);
  const before = text.slice(lo, start);
  const lineBreak = before.lastIndexOf('\n');
  const prevBreak = lineBreak > 0 ? before.lastIndexOf('\n', lineBreak - 1) : -1;
  const lineEnd = text.slice(end, hi).indexOf('\n');
  return { from: lo + prevBreak + 1, to: lineEnd === -1 ? hi : end + lineEnd };
}

/**
 * The suppression that applies to a finding spanning [start, end) of `text`, if any. `text` holds
 * at least SUPPRESS_WINDOW characters either side of the finding when the input has them.
 */
export function findSuppression(text: string, start: number, end: number, entity: string, ruleId: string): Suppression | undefined {
  // Nearly every finding has no marker anywhere near: one bounded search settles that.
  const near = text.slice(Math.max(0, start - SUPPRESS_WINDOW), Math.min(text.length, end + SUPPRESS_WINDOW + SUPPRESS_MARKER.length));
  if (!near.includes(SUPPRESS_MARKER)) return undefined;
  const { from, to } = suppressionWindow(text, start, end);
  // Search a slice: indexOf on the whole buffer would run to its end for every finding.
  const window = text.slice(from, to + SUPPRESS_MARKER.length - 1);
  const last = to - from;
  for (let at = window.indexOf(SUPPRESS_MARKER); at !== -1 && at < last; at = window.indexOf(SUPPRESS_MARKER, at + 1)) {
    const s = parseMarker(window.slice(at + SUPPRESS_MARKER.length, last));
    if (s && (s.only.length === 0 || s.only.includes(entity) || s.only.includes(ruleId))) return s;
  }
  return undefined;
}

/** What follows the marker on its line: `[ID[,ID…]] [-- reason]`, before any comment closer. */
function parseMarker(rest: string): Suppression | undefined {
  if (/^[\w-]/.test(rest)) return undefined; // pii-scan:allowed, pii-scan:allow-list: not the marker
  const line = rest.split(/\r?\n/, 1)[0]!.replace(/\s*(?:\*\/|-->|#\}|%>)\s*$/, '');
  const dash = line.search(/(?:^|\s)--(?:\s|$)/);
  const ids = dash === -1 ? line : line.slice(0, dash);
  const reason = dash === -1 ? undefined : line.slice(dash).replace(/^\s*--\s*/, '').trim();
  const tokens = ids.split(/[\s,]+/).filter(Boolean);
  // IDs are entity names (US_SSN) or rule ids (us-ssn); other words are a reason without `--`.
  const isId = (t: string) => /^[A-Z][A-Z0-9_]*$/.test(t) || /^[a-z0-9]+(?:[-.][a-z0-9]+)+$/.test(t);
  if (!tokens.every(isId)) return { only: [], reason: [ids.trim(), reason].filter(Boolean).join(' -- ') };
  return reason ? { only: tokens, reason } : { only: tokens };
}
