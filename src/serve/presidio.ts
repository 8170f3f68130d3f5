/**
 * The Presidio analyzer's and anonymizer's REST contracts over pii-scan's rules: `POST /analyze`
 * answers offsets and scores only (never a value), as Presidio does; `POST /anonymize` rewrites the
 * spans it is given. Offsets are UTF-16 code units into `text` (JavaScript string indexes).
 */
import { scanSegment } from '../documents/scan-document.js';
import { allowSet, reportFilter } from '../filters/filters.js';
import type { Finding } from '../model/finding.js';
import type { LoadedScan } from '../run/scan-bytes.js';
import { ApiError } from './limits.js';

/** pii-scan's rules carry English context words: another language would be checked with less than it asks for. */
const LANGUAGES = new Set(['en']);

export interface AnalyzerResult {
  entity_type: string;
  start: number;
  end: number;
  score: number;
  analysis_explanation: { recognizer: string; textual_explanation: string; score: number } | null;
  recognition_metadata: { recognizer_name: string };
}

export function analyze(loaded: LoadedScan, body: Record<string, unknown>): AnalyzerResult[] {
  const text = body['text'];
  if (typeof text !== 'string') throw badRequest('text: a string is required');
  const language = body['language'];
  if (typeof language !== 'string') throw badRequest('language: a string is required (en)');
  if (!LANGUAGES.has(language.toLowerCase())) throw new ApiError(400, 'unsupported-language', `language: only ${[...LANGUAGES].join(', ')} is supported`);
  const threshold = optionalScore(body['score_threshold']) ?? loaded.minConfidence;
  const wanted = entityFilter(loaded, body['entities']);
  const allowed = allowList(body);
  const counts = { belowThreshold: 0, allowListed: 0, suppressed: 0 };
  const reported = reportFilter(threshold, allowSet(loaded.config.allow), counts);
  const found: Finding[] = [];
  // The text as given, through the scanner directly: offsets are into this string, whatever it looks like.
  scanSegment({ text }, loaded.ruleSet, loaded.settings, (f) => {
    if (reported(f) && (!wanted || wanted.has(f.entity)) && !allowed.has(f.value)) found.push(f);
  });
  const explain = body['return_decision_process'] === true;
  return found
    .sort((a, b) => a.index - b.index || b.value.length - a.value.length)
    .map((f) => ({
      entity_type: f.entity,
      start: f.index,
      end: f.index + f.value.length,
      score: f.confidence,
      analysis_explanation: explain ? { recognizer: f.ruleId, textual_explanation: f.why, score: f.confidence } : null,
      recognition_metadata: { recognizer_name: f.ruleId },
    }));
}

/** The entity types asked for; one pii-scan does not detect is refused, not silently found nowhere. */
function entityFilter(loaded: LoadedScan, entities: unknown): Set<string> | undefined {
  if (entities === undefined || entities === null) return undefined;
  if (!Array.isArray(entities) || !entities.every((e) => typeof e === 'string')) throw badRequest('entities: a list of entity type names is expected');
  const known = new Set(loaded.defs.map((d) => d.entity));
  const unknown = entities.filter((e) => !known.has(e)).length;
  if (unknown > 0) {
    throw new ApiError(400, 'unsupported-entity', `entities: ${unknown} of them ${unknown === 1 ? 'is' : 'are'} not detected by this server; it detects ${[...known].sort().join(', ')}`);
  }
  return new Set(entities as string[]);
}

/** Presidio's `allow_list`: values not to report, matched exactly (a regex from a request is not run). */
function allowList(body: Record<string, unknown>): Set<string> {
  const list = body['allow_list'];
  if (list === undefined || list === null) return new Set();
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) throw badRequest('allow_list: a list of strings is expected');
  const match = body['allow_list_match'] ?? 'exact';
  if (match !== 'exact') throw badRequest('allow_list_match: only exact is supported');
  return new Set(list as string[]);
}

function optionalScore(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw badRequest('score_threshold: a number from 0 to 1 is expected');
  return v;
}

const badRequest = (message: string) => new ApiError(400, 'bad-request', message);

// ---- anonymize

type Operator = { type: 'replace'; newValue?: string } | { type: 'mask'; char: string; count: number; fromEnd: boolean } | { type: 'redact' };

interface Span {
  start: number;
  end: number;
  entity: string;
  score: number;
}

export interface AnonymizeResult {
  text: string;
  items: Array<{ start: number; end: number; entity_type: string; text: string; operator: string }>;
}

export function anonymize(body: Record<string, unknown>): AnonymizeResult {
  const text = body['text'];
  if (typeof text !== 'string') throw badRequest('text: a string is required');
  const results = body['analyzer_results'];
  if (!Array.isArray(results)) throw badRequest('analyzer_results: a list of {start, end, entity_type, score} is required');
  const spans = results.map((r, i) => span(r, i, text.length));
  const operators = operatorsOf(body['anonymizers']);
  const items: AnonymizeResult['items'] = [];
  let out = '';
  let at = 0;
  for (const s of resolveOverlaps(spans)) {
    const op = operators.get(s.entity) ?? operators.get('DEFAULT') ?? { type: 'replace' };
    const piece = apply(op, s, text.slice(s.start, s.end));
    out += text.slice(at, s.start);
    items.push({ start: out.length, end: out.length + piece.length, entity_type: s.entity, text: piece, operator: op.type });
    out += piece;
    at = s.end;
  }
  return { text: out + text.slice(at), items };
}

function span(r: unknown, i: number, length: number): Span {
  const o = (r ?? {}) as Record<string, unknown>;
  const { start, end, entity_type: entity, score } = o;
  if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) > length || (start as number) >= (end as number)) {
    throw badRequest(`analyzer_results[${i}]: start and end must be offsets into text with start < end`);
  }
  if (typeof entity !== 'string' || entity === '') throw badRequest(`analyzer_results[${i}]: entity_type: a string is required`);
  return { start: start as number, end: end as number, entity, score: typeof score === 'number' ? score : 0 };
}

/**
 * Spans in text order, none overlapping. Where two overlap, the higher score (then the longer
 * span) keeps the overlap and the other keeps what is left of it: every character any result
 * covers is anonymized.
 */
function resolveOverlaps(spans: Span[]): Span[] {
  const byRank = [...spans].sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Span[] = [];
  for (const s of byRank) {
    let pieces = [s];
    for (const k of kept) {
      pieces = pieces.flatMap((p) => {
        if (p.end <= k.start || p.start >= k.end) return [p];
        const left = p.start < k.start ? [{ ...p, end: k.start }] : [];
        const right = p.end > k.end ? [{ ...p, start: k.end }] : [];
        return [...left, ...right];
      });
    }
    kept.push(...pieces);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function operatorsOf(v: unknown): Map<string, Operator> {
  const map = new Map<string, Operator>();
  if (v === undefined || v === null) return map;
  if (typeof v !== 'object' || Array.isArray(v)) throw badRequest('anonymizers: an object of entity type (or DEFAULT) → {type, ...} is expected');
  for (const [entity, spec] of Object.entries(v as Record<string, unknown>)) {
    const o = (spec ?? {}) as Record<string, unknown>;
    const where = `anonymizers.${/^[A-Za-z0-9_]{1,64}$/.test(entity) ? entity : '(an entry)'}`;
    switch (o['type']) {
      case 'replace': {
        const nv = o['new_value'];
        if (nv !== undefined && typeof nv !== 'string') throw badRequest(`${where}.new_value: a string is expected`);
        map.set(entity, { type: 'replace', ...(nv !== undefined ? { newValue: nv } : {}) });
        break;
      }
      case 'mask': {
        const char = o['masking_char'] ?? '*';
        const count = o['chars_to_mask'];
        if (typeof char !== 'string' || [...char].length !== 1) throw badRequest(`${where}.masking_char: one character is expected`);
        if (!Number.isInteger(count) || (count as number) < 0) throw badRequest(`${where}.chars_to_mask: a whole number of 0 or more is expected`);
        map.set(entity, { type: 'mask', char, count: count as number, fromEnd: o['from_end'] === true });
        break;
      }
      case 'redact':
        map.set(entity, { type: 'redact' });
        break;
      default:
        throw new ApiError(400, 'unsupported-operator', `${where}.type: this server supports replace, mask and redact`);
    }
  }
  return map;
}

function apply(op: Operator, s: Span, value: string): string {
  switch (op.type) {
    case 'replace':
      return op.newValue ?? `<${s.entity}>`;
    case 'redact':
      return '';
    case 'mask': {
      // By characters, as Presidio counts them: a masked emoji is one mask character, never half a pair.
      const chars = [...value];
      const n = Math.min(op.count, chars.length);
      const from = op.fromEnd ? chars.length - n : 0;
      for (let i = from; i < from + n; i++) chars[i] = op.char;
      return chars.join('');
    }
  }
}
