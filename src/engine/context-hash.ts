/**
 * A fingerprint of where a finding sits: the text around it on its line (at most CONTEXT_CHARS
 * either side, which the scanner always has buffered), with the value itself and every digit left
 * out, whitespace collapsed, hashed with SHA-256. Reports use it to tell two equal values apart
 * by their surroundings, so a fingerprint survives lines moving and values being added elsewhere.
 */
import { createHash } from 'node:crypto';

export const CONTEXT_CHARS = 60;

export function hashContext(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  const clean = (s: string) => s.replace(/\d/g, '').replace(/\s+/g, ' ').trim();
  const before = clean(text.slice(Math.max(lineStart, start - CONTEXT_CHARS), start));
  const after = clean(text.slice(end, Math.min(lineEnd, end + CONTEXT_CHARS)));
  return createHash('sha256').update(`${before}\u0000${after}`).digest('hex').slice(0, 16);
}
