/** A document's segments through the normal scanner: each segment on its own, each finding with its location. */
import { ByteScanner } from '../engine/byte-scanner.js';
import type { RuleSet } from '../engine/ruleset.js';
import type { Finding, ScanSettings } from '../engine/types.js';
import { Utf8Decoder } from '../text/decoder.js';
import { extractDocument } from './extract.js';
import { DocumentError, newContext, type DocumentKind, type FindingLocation, type Limits } from './types.js';

export type LocatedFinding = Finding & { location?: FindingLocation };

export interface DocumentScan {
  kind: DocumentKind;
  segments: number;
  /** UTF-8 bytes of text scanned. */
  textBytes: number;
  notes: string[];
}

export async function scanDocument(
  bytes: Uint8Array,
  rules: RuleSet,
  settings: ScanSettings,
  emit: (f: LocatedFinding) => void,
  limits?: Limits,
): Promise<DocumentScan> {
  const ctx = newContext(limits);
  const gen = extractDocument(bytes, ctx);
  let segments = 0;
  let textBytes = 0;
  for (;;) {
    const r = await gen.next();
    if (r.done) {
      if (r.value === undefined) throw new DocumentError('not a supported document');
      return { kind: r.value, segments, textBytes, notes: ctx.notes };
    }
    const text = Buffer.from(r.value.text, 'utf8');
    segments++;
    textBytes += text.length;
    const scanner = new ByteScanner(rules, new Utf8Decoder(), settings);
    for (const f of scanner.feed(text, true)) emit({ ...f, location: r.value.location });
  }
}
