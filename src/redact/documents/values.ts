/**
 * Placing found values in text that a document stores differently from what the scanner read
 * (an XML part, a MIME part, a zip entry): every occurrence of a found value is rewritten, not
 * only the one at the finding's position, since the same value may be stored twice (a shared
 * string and a cached copy, a plain and an HTML alternative). An occurrence inside a longer word
 * or number is not the value and is left alone. Overlapping occurrences merge as planSpans merges
 * findings. Values are looked for as readers read the text: invisible format characters (bidi
 * marks, zero-width spaces) left out and a non-breaking hyphen read as a hyphen, as a chat
 * export writes a sender's number; the rewrite covers what is stored, those characters included.
 */
import type { Finding } from '../../model/finding.js';
import { planSpans } from '../plan.js';
import type { DocumentRedactOptions } from './types.js';

export interface TextEdit {
  /** UTF-16 positions in the text, end exclusive. */
  start: number;
  end: number;
  replacement: string;
}

const WORD = /[\p{L}\p{N}]/u;
const INVISIBLE = /\p{Cf}/u;
const HYPHENS = /[\u2010\u2011]/;
const NEEDS_VIEW = /[\p{Cf}\u2010\u2011]/u;

/**
 * Where each found value occurs in `text`, and what it becomes. `joins`: positions where two
 * separately stored pieces of text meet (runs of a paragraph, a deletion beside an insertion):
 * what touches a value across a join does not make it part of a longer word.
 */
export function valueEdits(text: string, findings: readonly Finding[], options: Pick<DocumentRedactOptions, 'replacementFor' | 'render'>, joins?: ReadonlySet<number>): TextEdit[] {
  const view = NEEDS_VIEW.test(text) ? readerView(text, joins) : { text, at: undefined, joins };
  const occurrences: Finding[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (f.value === '' || seen.has(`${f.ruleId}\u0000${f.value}`)) continue;
    seen.add(`${f.ruleId}\u0000${f.value}`);
    for (let i = view.text.indexOf(f.value); i >= 0; i = view.text.indexOf(f.value, i + 1)) {
      if (!standsAlone(view.text, i, f.value, view.joins)) continue;
      const start = view.at ? view.at[i]! : i;
      const end = view.at ? view.at[i + f.value.length - 1]! + 1 : i + f.value.length;
      occurrences.push({ ...f, offset: start, length: end - start });
    }
  }
  return planSpans(occurrences, options.replacementFor).map((s) => ({ start: s.start, end: s.end, replacement: options.render(text.slice(s.start, s.end), s) }));
}

/** The text as readers read it, with each of its characters' position in `text`. */
function readerView(text: string, joins: ReadonlySet<number> | undefined): { text: string; at: number[]; joins: Set<number> | undefined } {
  let out = '';
  const at: number[] = [];
  const viewJoins = joins ? new Set<number>() : undefined;
  for (let i = 0; i < text.length; i++) {
    if (joins?.has(i)) viewJoins!.add(out.length);
    const c = text[i]!;
    if (INVISIBLE.test(c)) continue;
    out += HYPHENS.test(c) ? '-' : c;
    at.push(i);
  }
  if (joins?.has(text.length)) viewJoins!.add(out.length);
  return { text: out, at, joins: viewJoins };
}

/** The value at `at` is not the middle of a longer word or number. */
function standsAlone(text: string, at: number, value: string, joins: ReadonlySet<number> | undefined): boolean {
  const before = joins?.has(at) ? undefined : text[at - 1];
  const after = joins?.has(at + value.length) ? undefined : text[at + value.length];
  if (before !== undefined && WORD.test(before) && WORD.test(value[0]!)) return false;
  if (after !== undefined && WORD.test(after) && WORD.test(value[value.length - 1]!)) return false;
  return true;
}

/** `text` with `edits` (sorted, not overlapping) applied. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.replacement;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Every found value in `text` rewritten. */
export function redactValues(text: string, findings: readonly Finding[], options: Pick<DocumentRedactOptions, 'replacementFor' | 'render'>): string {
  return applyEdits(text, valueEdits(text, findings, options));
}
