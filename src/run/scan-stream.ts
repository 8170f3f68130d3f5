/**
 * One source's bytes → findings: sniff, decode incrementally, scan. Findings are handed to `emit`
 * as the scanner commits them, so memory is bounded by the chunk size, not by the number found.
 */
import type { RuleSet } from '../engine/ruleset.js';
import { ByteScanner } from '../engine/byte-scanner.js';
import type { Finding, ScanSettings } from '../engine/types.js';
import { sniff, type EncodingLabel } from '../text/decoder.js';
import { sniffDocument } from '../documents/extract.js';
import { DEFAULT_LIMITS, DocumentError } from '../documents/types.js';

/** Enough bytes to decide text or binary, as git does. */
const SNIFF_BYTES = 8000;

export type StreamResult =
  | { status: 'scanned'; bytes: number; encoding: EncodingLabel }
  | { status: 'binary'; reason: string; bytes: number }
  /** A document (zip, Office, email): recognised before the binary check, its bytes gathered for its extractor. */
  | { status: 'document'; content: Buffer; bytes: number };

export interface StreamOptions {
  /** Recognise documents by their first bytes (off: everything is text or binary, as before). */
  documents?: boolean;
  /** A document larger than this is refused (DocumentError). */
  maxDocumentBytes?: number;
}

export async function scanStream(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  rules: RuleSet,
  settings: ScanSettings,
  emit: (f: Finding) => void,
  options: StreamOptions = {},
): Promise<StreamResult> {
  let bytes = 0;
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let feed: ((chunk: Uint8Array, final: boolean) => void) | undefined;
  let encoding: EncodingLabel = 'utf-8';
  let document: Uint8Array[] | undefined;
  const maxDocument = options.maxDocumentBytes ?? DEFAULT_LIMITS.maxDocumentBytes;

  const start = (): StreamResult | undefined => {
    const first = Buffer.concat(head);
    head = [];
    if (options.documents && sniffDocument(first) !== undefined) {
      document = [first];
      return undefined;
    }
    const kind = sniff(first);
    if (kind.kind === 'binary') return { status: 'binary', reason: kind.reason, bytes };
    const scanner = new ByteScanner(rules, kind.decoder, settings);
    encoding = kind.decoder.label;
    feed = (chunk, final) => {
      for (const f of scanner.feed(chunk, final)) emit(f);
    };
    feed(first, false);
    return undefined;
  };

  for await (const chunk of source) {
    bytes += chunk.byteLength;
    if (document) {
      if (bytes > maxDocument) throw new DocumentError(`document larger than ${maxDocument} bytes; not read`);
      document.push(chunk);
      continue;
    }
    if (feed) {
      feed(chunk, false);
      continue;
    }
    head.push(chunk);
    headBytes += chunk.byteLength;
    if (headBytes >= SNIFF_BYTES) {
      const binary = start();
      if (binary) return binary;
    }
  }
  if (!feed && !document) {
    const binary = start();
    if (binary) return binary;
  }
  if (document) return { status: 'document', content: Buffer.concat(document), bytes };
  feed!(new Uint8Array(0), true);
  return { status: 'scanned', bytes, encoding };
}
