/**
 * A fingerprint of where a finding sits: the text around it on its line (at most CONTEXT_CHARS
 * either side, which the scanner always has buffered), with the value itself and every digit left
 * out, whitespace collapsed, hashed with SHA-256. Reports use it to tell two equal values apart
 * by their surroundings, so a fingerprint survives lines moving and values being added elsewhere.
 */
import * as crypto from 'node:crypto';
import { remembered } from '../text/remembered.js';
import { isSpace } from '../text/space.js';

export const CONTEXT_CHARS = 60;

export function hashContext(text: string, start: number, end: number): string {
  // Only CONTEXT_CHARS either side are read (a search for the line's ends would run through a long line).
  let from = Math.max(0, start - CONTEXT_CHARS);
  for (let i = start - 1; i >= from; i--) {
    if (text.charCodeAt(i) === 0x0a) {
      from = i + 1;
      break;
    }
  }
  let to = Math.min(text.length, end + CONTEXT_CHARS);
  for (let i = end; i < to; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      to = i;
      break;
    }
  }
  return contextDigest(`${clean(text, from, start)}\u0000${clean(text, end, to)}`);
}

/** One-shot hashing where Node has it (20.12+): no Hash object per finding. */
const sha256Hex: (s: string) => string =
  typeof crypto.hash === 'function' ? (s) => crypto.hash('sha256', s, 'hex') : (s) => crypto.createHash('sha256').update(s).digest('hex');

/** With digits left out, records of one form share their surroundings: each is hashed once. */
const contextDigest = remembered((s) => sha256Hex(s).slice(0, 16));

/**
 * `text[from, to)` with digits dropped, whitespace runs made one space, ends trimmed (as `\s`,
 * `\d` and trim() define them), in one pass that copies runs of kept characters whole rather
 * than one at a time.
 */
function clean(text: string, from: number, to: number): string {
  let out = '';
  let gap = false;
  let run = -1; // start of the run of kept characters being read, or -1
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const space = isSpace(c);
    if (space || (c >= 0x30 && c <= 0x39)) {
      if (run !== -1) out += text.slice(run, i);
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
  return run === -1 ? out : out + text.slice(run, to);
}
