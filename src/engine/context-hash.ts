/**
 * A fingerprint of where a finding sits: the text around it on its line (at most CONTEXT_CHARS
 * either side, which the scanner always has buffered), with the value itself and every digit left
 * out, whitespace collapsed, hashed with SHA-256. Reports use it to tell two equal values apart
 * by their surroundings, so a fingerprint survives lines moving and values being added elsewhere.
 */
import * as crypto from 'node:crypto';

export const CONTEXT_CHARS = 60;

export function hashContext(text: string, start: number, end: number): string {
  // Only CONTEXT_CHARS either side are read (a search for the line's ends would run through a long line).
  let before = text.slice(Math.max(0, start - CONTEXT_CHARS), start);
  before = before.slice(before.lastIndexOf('\n') + 1);
  let after = text.slice(end, end + CONTEXT_CHARS);
  const lineEnd = after.indexOf('\n');
  if (lineEnd !== -1) after = after.slice(0, lineEnd);
  return sha256Hex(`${clean(before)}\u0000${clean(after)}`).slice(0, 16);
}

/** One-shot hashing where Node has it (20.12+): no Hash object per finding. */
const sha256Hex: (s: string) => string =
  typeof crypto.hash === 'function' ? (s) => crypto.hash('sha256', s, 'hex') : (s) => crypto.createHash('sha256').update(s).digest('hex');

/**
 * Digits dropped, whitespace runs made one space, ends trimmed (as `\s`, `\d` and trim() define
 * them), in one pass that copies runs of kept characters whole rather than one at a time.
 */
function clean(s: string): string {
  let out = '';
  let gap = false;
  let run = -1; // start of the run of kept characters being read, or -1
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c > 0x7f && WHITE.test(s[i]!));
    if (space || (c >= 0x30 && c <= 0x39)) {
      if (run !== -1) out += s.slice(run, i);
      run = -1;
      gap ||= space;
      continue;
    }
    if (run === -1) {
      if (gap && out.length > 0) out += ' ';
      gap = false;
      run = i;
    }
  }
  return run === -1 ? out : out + s.slice(run);
}

const WHITE = /\s/;
