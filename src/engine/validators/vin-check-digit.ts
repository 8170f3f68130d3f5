import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';
import { isRepeatedOrSequential } from './common.js';

/** 49 CFR 565 transliteration, indexed by upper-case character code; -1 = not allowed (I, O, Q, others). */
const VALUES: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let d = 0; d <= 9; d++) t[48 + d] = d;
  const letters = 'A1B2C3D4E5F6G7H8J1K2L3M4N5P7R9S2T3U4V5W6X7Y8Z9';
  for (let i = 0; i < letters.length; i += 2) {
    t[letters.charCodeAt(i)] = letters.charCodeAt(i + 1) - 48;
  }
  return t;
})();

const WEIGHTS: readonly number[] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** Transliterated value of one VIN character (lower case accepted), -1 when not allowed. */
export function vinCharValue(code: number): number {
  const upper = code >= 97 && code <= 122 ? code - 32 : code;
  return upper < 128 ? (VALUES[upper] ?? -1) : -1;
}

/**
 * Shape of a VIN: 0 = not 17 allowed characters; otherwise a bit set of
 * 1 (shape ok), 2 (check digit ok). Counts letters and digits into `counts`
 * when given.
 */
export function vinCheck(value: string, counts?: { letters: number; digits: number }): number {
  if (value.length !== 17) return 0;
  let sum = 0;
  let letters = 0;
  let digits = 0;
  for (let i = 0; i < 17; i++) {
    const c = value.charCodeAt(i);
    const v = vinCharValue(c);
    if (v < 0) return 0;
    if (c >= 48 && c <= 57) digits++;
    else letters++;
    sum += v * (WEIGHTS[i] ?? 0);
  }
  if (counts) {
    counts.letters = letters;
    counts.digits = digits;
  }
  const r = sum % 11;
  const check = value.charCodeAt(8);
  const ok = r === 10 ? check === 88 || check === 120 : check === 48 + r;
  return ok ? 3 : 1;
}

function validate({ value }: ValidatorInput): ValidatorResult {
  if (vinCheck(value) !== 3) return false;
  // 11111111111111111 passes the check digit; so do runs like it.
  if (isRepeatedOrSequential(value)) return false;
  return true;
}

export const vinCheckDigit: Validator = {
  name: 'vin-check-digit',
  description: 'Vehicle identification number: 17 characters without I/O/Q and a valid North American check digit (position 9)',
  validate,
};
