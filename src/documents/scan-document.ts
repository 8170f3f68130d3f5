/** A document's segments through the normal scanner: each segment on its own, each finding with its location. */
import { scanText } from '../engine/folding-scanner.js';
import { foldOcrLookAlikes } from '../text/ocr-fold.js';
import { remembered } from '../text/remembered.js';
import type { RuleSet } from '../engine/ruleset.js';
import type { Finding, ScanSettings } from '../model/finding.js';
import { extractDocument, type TextFormat } from './extract.js';
import { DocumentError, newContext, type DocumentKind, type FindingLocation, type Limits, type Segment, type TextOrigin } from './types.js';

/** `location` has its labels masked (see masking/mask-labels.ts); `unmaskedLocation`, when it differs, is the document's own, for --show-values. */
export type LocatedFinding = Finding & { location?: FindingLocation; unmaskedLocation?: FindingLocation };

export interface DocumentScan {
  kind: DocumentKind;
  segments: number;
  /** UTF-8 bytes of text scanned. */
  textBytes: number;
  notes: string[];
}

/**
 * Scan `bytes` as a document: recognised by its first bytes (and `name`, the file's), or
 * (`format`) a text format named by the file (JSON, HTML). Returns undefined when a named text
 * format does not parse (the caller scans it as plain text); throws DocumentError for a corrupt,
 * encrypted or over-limit document.
 */
export async function scanDocument(
  bytes: Uint8Array,
  rules: RuleSet,
  settings: ScanSettings,
  emit: (f: LocatedFinding) => void,
  limits?: Limits,
  format?: TextFormat,
  name?: string,
): Promise<DocumentScan | undefined> {
  const ctx = newContext(limits);
  const gen = extractDocument(bytes, ctx, format, name);
  let segments = 0;
  let textBytes = 0;
  for (;;) {
    const r = await gen.next();
    if (r.done) {
      if (r.value === undefined) {
        if (format) return undefined;
        throw new DocumentError('not a supported document');
      }
      return { kind: r.value, segments, textBytes, notes: ctx.notes };
    }
    segments++;
    const { origin } = r.value;
    textBytes += scanSegment(r.value, rules, settings, (f) => emit({ ...(origin ? placeInFile(f, origin) : f), location: findingLocation(r.value, f) }));
  }
}

/**
 * One segment through a fresh scanner; returns the UTF-8 bytes scanned. With a context label the
 * text scanned is `<label>: <text>` (the label on one line), and positions are moved back onto the text.
 * Text read by OCR is scanned a second time with its look-alikes folded (412-55-719O as
 * 412-55-7190): what only that copy finds is reported as it was read, with the same positions.
 */
export function scanSegment(seg: Pick<Segment, 'text' | 'context' | 'ocr'>, rules: RuleSet, settings: ScanSettings, emit: (f: Finding) => void): number {
  const { prefix, prefixBytes } = seg.context ? labelPrefix(seg.context) : NO_PREFIX;
  const text = prefix + seg.text;
  const report = (f: Finding) => {
    if (prefix === '') {
      emit(f);
      return;
    }
    if (f.index < prefix.length) return; // in the label: not a value of this cell
    emit({
      ...f,
      index: f.index - prefix.length,
      offset: f.offset - prefixBytes,
      column: f.line === 1 ? f.column - prefix.length : f.column,
      endColumn: f.endLine === 1 ? f.endColumn - prefix.length : f.endColumn,
    });
  };
  // Already text: scanned as the UTF-8 it would be written as, without encoding and decoding it.
  const found = [...scanText(rules, text, settings)];
  found.forEach(report);
  if (seg.ocr) {
    const folded = prefix + foldOcrLookAlikes(seg.text);
    if (folded !== text) for (const f of scanText(rules, folded, settings)) if (!found.some((o) => sameSpan(o, f))) report(asRead(f, text));
  }
  return Buffer.byteLength(text, 'utf8');
}

/** The same entity over overlapping text: found already. */
const sameSpan = (a: Finding, b: Finding) => a.entity === b.entity && a.index < b.index + b.value.length && b.index < a.index + a.value.length;

/** A finding in the folded copy of `text`, with the value as OCR read it and its UTF-8 place in `text`. */
function asRead(f: Finding, text: string): Finding {
  const value = text.slice(f.index, f.index + f.value.length);
  return { ...f, value, why: `${f.why}; read by OCR with look-alike characters taken as digits`, offset: Buffer.byteLength(text.slice(0, f.index), 'utf8'), length: Buffer.byteLength(value, 'utf8') };
}

/** Where a finding in `seg` is: the segment's location; in a line OCR read, at the box around the finding's own words. */
export function findingLocation(seg: Pick<Segment, 'location' | 'ocr'>, f: Finding): FindingLocation {
  return seg.ocr ? atWords(seg.location, seg.ocr.words, f) : seg.location;
}

/** The line's location with the box of the words under `f` (the line's box when none is placed). */
function atWords(location: FindingLocation, words: NonNullable<Segment['ocr']>['words'], f: Finding): FindingLocation {
  const end = f.index + f.value.length;
  const covered = words.filter((w) => w.start < end && f.index < w.end);
  if (covered.length === 0 || location.kind !== 'image') return location;
  const x = Math.min(...covered.map((w) => w.box.x));
  const y = Math.min(...covered.map((w) => w.box.y));
  const x1 = Math.max(...covered.map((w) => w.box.x + w.box.w));
  const y1 = Math.max(...covered.map((w) => w.box.y + w.box.h));
  return { ...location, box: { x, y, w: x1 - x, h: y1 - y } };
}

/** A finding in a segment that is a slice of the file starting at `origin`, placed in the file. */
function placeInFile(f: Finding, origin: TextOrigin): Finding {
  return {
    ...f,
    index: origin.index + f.index,
    offset: origin.offset + f.offset,
    line: origin.line + f.line - 1,
    column: f.line === 1 ? origin.column + f.column - 1 : f.column,
    endLine: origin.line + f.endLine - 1,
    endColumn: f.endLine === 1 ? origin.column + f.endColumn - 1 : f.endColumn,
  };
}

const NO_PREFIX = { prefix: '', prefixBytes: 0 };

/** The label on one line, then `: `; and its UTF-8 length. */
const labelPrefix = remembered((label) => {
  const prefix = `${label.replace(/[\r\n]+/g, ' ')}: `;
  return { prefix, prefixBytes: Buffer.byteLength(prefix, 'utf8') };
});
