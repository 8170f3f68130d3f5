/**
 * A fingerprint of where a finding sits: the text around it on its line (at most CONTEXT_CHARS
 * either side, which the scanner always has buffered), with the value itself and every digit left
 * out, whitespace collapsed, hashed with SHA-256. Reports use it to tell two equal values apart
 * by their surroundings, so a fingerprint survives lines moving and values being added elsewhere.
 */
import * as crypto from 'node:crypto';
import { detach } from '../text/detach.js';
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
  // Records of one form share their surroundings once digits are left out: each is hashed once,
  // and found again by a number worked out from the text, without writing its key out.
  const h = cleanedHash(text, from, start, cleanedHash(text, end, to, SEED) ^ 0x9e3779b9);
  const known = digests.get(h);
  if (known !== undefined && sameCleaned(known.key, text, from, start, end, to)) return known.digest;
  const key = `${clean(text, from, start)}\u0000${clean(text, end, to)}`;
  const digest = sha256Hex(key).slice(0, 16);
  if (digests.size >= REMEMBERED) digests.clear();
  digests.set(h, { key: detach(key), digest });
  return digest;
}

/** One-shot hashing where Node has it (20.12+): no Hash object per finding. */
const sha256Hex: (s: string) => string =
  typeof crypto.hash === 'function' ? (s) => crypto.hash('sha256', s, 'hex') : (s) => crypto.createHash('sha256').update(s).digest('hex');

/** Digests of recent keys by cleanedHash; each keeps its key, as two keys can share a number. */
const digests = new Map<number, { key: string; digest: string }>();
const REMEMBERED = 4096;
const SEED = 0x811c9dc5;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * A 32-bit hash (FNV-1a) of `clean(text, from, to)`, continuing from `h`, read off the text: the
 * characters clean keeps, and a space for each whitespace run between two of them.
 */
function cleanedHash(text: string, from: number, to: number, h: number): number {
  let gap = false;
  let kept = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      gap = true;
      continue;
    }
    if (isDigit(c)) continue;
    if (gap && kept) h = Math.imul(h ^ 0x20, 0x01000193);
    gap = false;
    kept = true;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h;
}

/** Whether `key` is `${clean(text, a, b)}\u0000${clean(text, c, d)}`, compared without writing the latter out. */
function sameCleaned(key: string, text: string, a: number, b: number, c: number, d: number): boolean {
  const k = matchCleaned(key, 0, text, a, b);
  if (k < 0 || key.charCodeAt(k) !== 0) return false;
  return matchCleaned(key, k + 1, text, c, d) === key.length;
}

/** Where `key` goes on after matching `clean(text, from, to)` from index `k`, or -1 where it differs. */
function matchCleaned(key: string, k: number, text: string, from: number, to: number): number {
  let gap = false;
  let kept = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      gap = true;
      continue;
    }
    if (isDigit(c)) continue;
    if (gap && kept && key.charCodeAt(k++) !== 0x20) return -1;
    gap = false;
    kept = true;
    if (key.charCodeAt(k++) !== c) return -1;
  }
  return k;
}

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
    if (space || isDigit(c)) {
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
