/**
 * An SMS backup scanned as it streams in (see documents/sms-backup.ts): each message's text is
 * scanned as soon as its element is parsed, findings go out at once, and the PDFs its parts hold
 * (read asynchronously) are taken off the queue between chunks, so neither the file nor its
 * attachments pile up in memory.
 */
import type { Segment } from '../model/location.js';
import type { RuleSet } from '../engine/ruleset.js';
import type { ScanSettings } from '../model/finding.js';
import type { TextDecoderStream } from '../text/decoder.js';
import { nested, readQueuedDocument } from './extract.js';
import { findingLocation, scanSegment, type LocatedFinding } from './scan-document.js';
import { SmsBackupReader } from './sms-backup.js';
import { DocumentError, newContext, type Limits } from './types.js';

export interface SmsBackupFeed {
  feed(chunk: Uint8Array, final: boolean): void;
  /** Read the PDFs queued so far. */
  drain(): Promise<void>;
  /** After the final chunk: the last PDFs, then the end of the backup (DocumentError if a part failed). */
  finish(): Promise<void>;
  notes: string[];
}

export function smsBackupFeed(decoder: TextDecoderStream, rules: RuleSet, settings: ScanSettings, emit: (f: LocatedFinding) => void, limits?: Limits): SmsBackupFeed {
  // No deadline for the whole backup (it streams for as long as it is); each part has its own.
  const ctx = { ...newContext(limits), deadline: Number.POSITIVE_INFINITY };
  const reader = new SmsBackupReader(ctx, nested);
  const scan = (seg: Segment) => {
    scanSegment(seg, rules, settings, (f) => emit({ ...f, location: findingLocation(seg, f) }));
  };
  const drain = async () => {
    for (const pdf of ctx.pdfs.splice(0)) {
      try {
        for await (const seg of readQueuedDocument(pdf)) scan(seg);
      } catch (e) {
        const where = pdf.ctx.chain[pdf.ctx.chain.length - 1];
        if (!(e instanceof DocumentError) || !where) throw e;
        reader.failed(where, e);
      }
    }
  };
  return {
    feed(chunk, final) {
      for (const seg of reader.push(decoder.decode(chunk, final).text)) scan(seg);
    },
    drain,
    async finish() {
      await drain();
      for (const seg of reader.end()) scan(seg);
    },
    notes: ctx.notes,
  };
}
