/** A document's segments through the normal scanner: each segment on its own, each finding with its location. */
import { scanText } from '../engine/folding-scanner.js';
import { remembered } from '../text/remembered.js';
import type { RuleSet } from '../engine/ruleset.js';
import type { Finding, ScanSettings } from '../engine/types.js';
import { extractDocument, type TextFormat } from './extract.js';
import { DocumentError, newContext, type DocumentKind, type FindingLocation, type Limits, type Segment, type TextOrigin } from './types.js';

/** `location` has its labels masked (see report/mask-labels.ts); `unmaskedLocation`, when it differs, is the document's own, for --show-values. */
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
    const { origin, location } = r.value;
    textBytes += scanSegment(r.value, rules, settings, (f) => emit({ ...(origin ? placeInFile(f, origin) : f), location }));
  }
}

/**
 * One segment through a fresh scanner; returns the UTF-8 bytes scanned. With a context label the
 * text scanned is `<label>: <text>` (the label on one line), and positions are moved back onto the text.
 */
export function scanSegment(seg: Pick<Segment, 'text' | 'context'>, rules: RuleSet, settings: ScanSettings, emit: (f: Finding) => void): number {
  const { prefix, prefixBytes } = seg.context ? labelPrefix(seg.context) : NO_PREFIX;
  const text = prefix + seg.text;
  // Already text: scanned as the UTF-8 it would be written as, without encoding and decoding it.
  for (const f of scanText(rules, text, settings)) {
    if (prefix === '') {
      emit(f);
      continue;
    }
    if (f.index < prefix.length) continue; // in the label: not a value of this cell
    emit({
      ...f,
      index: f.index - prefix.length,
      offset: f.offset - prefixBytes,
      column: f.line === 1 ? f.column - prefix.length : f.column,
      endColumn: f.endLine === 1 ? f.endColumn - prefix.length : f.endColumn,
    });
  }
  return Buffer.byteLength(text, 'utf8');
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
