/**
 * A fingerprint of where a finding sits: the text around it on its line (at most CONTEXT_CHARS
 * either side, which the scanner always has buffered), with the value itself and every digit left
 * out, whitespace collapsed, hashed with SHA-256. Reports use it to tell two equal values apart
 * by their surroundings, so a fingerprint survives lines moving and values being added elsewhere.
 */
import { createHash } from 'node:crypto';

export const CONTEXT_CHARS = 60;

export function hashContext(text: string, start: number, end: number): string {
  // Only CONTEXT_CHARS either side are read (a search for the line's ends would run through a long line).
  let before = text.slice(Math.max(0, start - CONTEXT_CHARS), start);
  before = before.slice(before.lastIndexOf('\n') + 1);
  let after = text.slice(end, end + CONTEXT_CHARS);
  const lineEnd = after.indexOf('\n');
  if (lineEnd !== -1) after = after.slice(0, lineEnd);
  return createHash('sha256').update(`${clean(before)}\u0000${clean(after)}`).digest('hex').slice(0, 16);
}

const clean = (s: string): string => s.replace(/\d/g, '').replace(/\s+/g, ' ').trim();
