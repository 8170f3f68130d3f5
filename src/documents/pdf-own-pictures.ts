/**
 * Pictures this process drew itself: a PDF page the redactor replaced by a picture of a page that
 * painted no pictures of its own carries its text as an invisible text layer, so the rescan reads
 * that text and need not OCR the picture. The record is kept in memory (a digest of the pixels),
 * never in the file, so no input can claim it. A page that was a scan is never recorded: its
 * picture is read by OCR again.
 */
import { createHash } from 'node:crypto';
import type { Pixels } from './image-decode.js';

/** Width×height → digests of the RGBA pixels. */
const own = new Map<string, Set<string>>();

const sizeOf = (p: Pixels) => `${p.width}x${p.height}`;
const digest = (p: Pixels) => createHash('sha256').update(p.data).digest('base64');

/** Records a picture the redactor drew (opaque RGBA, as the reader decodes it). */
export function recordOwnPicture(p: Pixels): void {
  let set = own.get(sizeOf(p));
  if (!set) own.set(sizeOf(p), (set = new Set()));
  set.add(digest(p));
}

/** Whether a picture on a page is one the redactor drew and recorded. */
export function isOwnPicture(p: Pixels): boolean {
  const set = own.get(sizeOf(p));
  return set !== undefined && set.has(digest(p));
}
