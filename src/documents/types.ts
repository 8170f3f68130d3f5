/**
 * The one interface every document extractor implements: a document's bytes in, an async stream
 * of text segments out, each with the place a person would look for it.
 */

import type { DocLocation, Segment } from '../model/location.js';

/** The location types moved to model/; named here too, so readers keep one import. */
export type { DocxPart, StoredPart, HiddenHtml, PdfPart, UnseenPart, DocLocation, SmsField, FindingLocation, Segment, TextOrigin, DocumentKind } from '../model/location.js';

export interface Limits {
  /** Bytes inflated from every archive in one top-level document, together. */
  maxTotalBytes: number;
  /** Containers inside containers (a zip in a zip in an email …). */
  maxDepth: number;
  /** Entries in all archives of one top-level document, together. */
  maxEntries: number;
  /** Declared uncompressed / compressed size of one entry (entries under 1 MB are not checked). */
  maxRatio: number;
  /** Wall-clock time for one top-level document. */
  maxMillis: number;
  /** A document file larger than this is not read into memory. */
  maxDocumentBytes: number;
  /** How text in pictures is read (OcrMode); `auto` when unset. */
  ocr?: OcrMode;
}

/**
 * `auto`: pictures on their own, in documents and attachments, and PDF pages with little or no text;
 * `always`: also the pictures on PDF pages that have text; `never`: each picture a note, not scanned.
 */
export const OCR_MODES = ['auto', 'always', 'never'] as const;
export type OcrMode = (typeof OCR_MODES)[number];

export const DEFAULT_LIMITS: Limits = {
  maxTotalBytes: 200 * 1024 * 1024,
  maxDepth: 5,
  maxEntries: 10_000,
  maxRatio: 200,
  maxMillis: 60_000,
  maxDocumentBytes: 200 * 1024 * 1024,
};

/** A document that cannot be read: corrupt, encrypted, or over a limit. Reported per file, as an error. */
export class DocumentError extends Error {}

/** Shared by one top-level document and everything nested in it. */
export interface ExtractContext {
  limits: Limits;
  /** Left of the totals in `limits`. */
  budget: { bytes: number; entries: number };
  deadline: number;
  /** Containers this document sits in, outermost first. */
  chain: DocLocation[];
  depth: number;
  /** Things skipped inside (a binary zip entry); reported as notes. */
  notes: string[];
  /**
   * PDFs (and emails: any asynchronous format) found inside containers, read after the container:
   * containers are extracted synchronously and pdfjs and postal-mime are asynchronous. Shared by
   * every nested context.
   */
  pdfs: { bytes: Uint8Array; ctx: ExtractContext }[];
}

export function newContext(limits: Limits = DEFAULT_LIMITS): ExtractContext {
  return {
    limits,
    budget: { bytes: limits.maxTotalBytes, entries: limits.maxEntries },
    deadline: Date.now() + limits.maxMillis,
    chain: [],
    depth: 0,
    notes: [],
    pdfs: [],
  };
}

export function checkTime(ctx: ExtractContext): void {
  if (Date.now() > ctx.deadline) throw new DocumentError(`took longer than ${Math.round(ctx.limits.maxMillis / 1000)} s; stopped`);
}

/** A segment at `location` inside whatever contains this document. */
export function segment(ctx: ExtractContext, text: string, location: DocLocation, context?: string): Segment {
  return { text, location: ctx.chain.length > 0 ? { ...location, chain: ctx.chain } : location, ...(context ? { context } : {}) };
}

/** A promise (pdf.js, an image decoder, OCR), or a DocumentError once the document's time is up. */
export function withDeadline<T>(p: Promise<T>, ctx: ExtractContext): Promise<T> {
  const left = ctx.deadline - Date.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DocumentError(`took longer than ${Math.round(ctx.limits.maxMillis / 1000)} s; stopped`)), Math.max(0, left));
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
