/**
 * One source's bytes → findings: sniff, decode incrementally, scan. Findings are handed to `emit`
 * as the scanner commits them, so memory is bounded by the chunk size, not by the number found.
 */
import type { RuleSet } from '../engine/ruleset.js';
import { ByteScanner } from '../engine/byte-scanner.js';
import type { ScanSettings } from '../model/finding.js';
import { sniff, type EncodingLabel } from '../text/decoder.js';
import { sniffDocument, sniffStreamed } from '../documents/extract.js';
import { DEFAULT_LIMITS, DocumentError, type Limits } from '../documents/types.js';
import { csvFeed } from '../documents/csv-stream.js';
import type { LocatedFinding } from '../documents/scan-document.js';
import { smsBackupFeed, type SmsBackupFeed } from '../documents/sms-backup-stream.js';

/** Enough bytes to decide text or binary, as git does. */
const SNIFF_BYTES = 8000;

export type StreamResult =
  | { status: 'scanned'; bytes: number; encoding: EncodingLabel; belowThreshold: number; document?: 'sms-backup'; notes?: string[] }
  | { status: 'binary'; reason: string; bytes: number }
  /** A document (zip, Office, email): recognised before the binary check, its bytes gathered for its extractor. */
  | { status: 'document'; content: Buffer; bytes: number; format?: 'json' | 'html' | 'chat' };

export interface StreamOptions {
  /** Recognise documents by their first bytes (off: everything is text or binary, as before). */
  documents?: boolean;
  /** The input's name, for formats that use it (a draft named .eml); see sniffDocument. */
  name?: string;
  /** A document larger than this is refused (DocumentError). */
  maxDocumentBytes?: number;
  /**
   * What the file's name says it is, when its bytes are text: CSV/TSV are scanned cell by cell as
   * they stream in; JSON and HTML are gathered (up to maxDocumentBytes, else scanned as plain text).
   */
  format?: 'csv' | 'tsv' | 'json' | 'html' | undefined;
  /**
   * Read phone message exports as threads, each finding located by its message (the registry's
   * `streamed` formats): an SMS backup streamed message by message; a chat export (WhatsApp)
   * gathered like JSON.
   */
  exports?: boolean;
  /** Limits for what an SMS backup's messages hold (attachments). */
  limits?: Limits;
  /** Plain text only: findings below this confidence are counted in the result, not emitted. */
  minConfidence?: number;
  /**
   * Honour `pii-scan:allow` comments in plain text (ScannerOptions.inlineAllow). Never for a
   * `format`: a file read, or meant to be read, as CSV/JSON/HTML is data.
   */
  inlineAllow?: boolean;
}

/** A chunk kept past the next one: the source may read the next into the same memory (file-chunks.ts). */
const copy = (chunk: Uint8Array): Uint8Array => Uint8Array.prototype.slice.call(chunk);

export async function scanStream(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  rules: RuleSet,
  settings: ScanSettings,
  emit: (f: LocatedFinding) => void,
  options: StreamOptions = {},
): Promise<StreamResult> {
  let bytes = 0;
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let feed: ((chunk: Uint8Array, final: boolean) => void) | undefined;
  let encoding: EncodingLabel = 'utf-8';
  let document: Uint8Array[] | undefined;
  let textFormat: 'json' | 'html' | 'chat' | undefined;
  let sms: SmsBackupFeed | undefined;
  let plain: ((chunk: Uint8Array, final: boolean) => void) | undefined;
  let below = (): number => 0;
  const maxDocument = options.maxDocumentBytes ?? DEFAULT_LIMITS.maxDocumentBytes;

  const start = (): StreamResult | undefined => {
    const first = Buffer.concat(head);
    head = [];
    if (options.documents && sniffDocument(first, options.name) !== undefined) {
      document = [first];
      return undefined;
    }
    const kind = sniff(first);
    if (kind.kind === 'binary') return { status: 'binary', reason: kind.reason, bytes };
    encoding = kind.decoder.label;
    const exported = options.exports ? sniffStreamed(first, options.name ?? '') : undefined;
    const chat = exported === 'whatsapp';
    // A chat is data (message bodies), not a developer's source file: the marker is never honoured in it.
    const plainText = options.format === undefined && exported === undefined;
    const scanner = new ByteScanner(rules, kind.decoder, settings, options.minConfidence, options.inlineAllow === true && plainText);
    below = () => scanner.belowThreshold;
    plain = (chunk, final) => {
      for (const f of scanner.feed(chunk, final)) emit(f);
    };
    if (options.format === 'json' || options.format === 'html' || chat) {
      textFormat = chat ? 'chat' : options.format === 'json' ? 'json' : 'html';
      document = [first];
      return undefined;
    }
    if (exported === 'sms-backup') {
      sms = smsBackupFeed(kind.decoder, rules, settings, emit, options.limits);
      feed = sms.feed;
      feed(first, false);
      return undefined;
    }
    feed = options.format === 'csv' || options.format === 'tsv' ? csvFeed(kind.decoder, options.format, rules, settings, emit) : plain;
    feed(first, false);
    return undefined;
  };

  for await (const chunk of source) {
    bytes += chunk.byteLength;
    if (document && textFormat && plain && bytes > maxDocument) {
      // Too large a JSON or HTML file to gather: scanned as the text it is.
      for (const c of document) plain(c, false);
      document = undefined;
      textFormat = undefined;
      feed = plain;
    }
    if (document) {
      if (bytes > maxDocument) throw new DocumentError(`document larger than ${maxDocument} bytes; not read`);
      document.push(copy(chunk));
      continue;
    }
    if (feed) {
      feed(chunk, false);
      await sms?.drain();
      continue;
    }
    head.push(copy(chunk));
    headBytes += chunk.byteLength;
    if (headBytes >= SNIFF_BYTES) {
      const binary = start();
      if (binary) return binary;
      await sms?.drain();
    }
  }
  if (!feed && !document) {
    const binary = start();
    if (binary) return binary;
  }
  if (document) return { status: 'document', content: Buffer.concat(document), bytes, ...(textFormat ? { format: textFormat } : {}) };
  feed!(new Uint8Array(0), true);
  if (sms) {
    await sms.finish();
    return { status: 'scanned', bytes, encoding, belowThreshold: 0, document: 'sms-backup', notes: sms.notes };
  }
  return { status: 'scanned', bytes, encoding, belowThreshold: below() };
}
