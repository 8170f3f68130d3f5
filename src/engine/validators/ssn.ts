import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';
import { digitGroups, isRepeatedOrSequential, SEP_DASH, SEP_DOT, SEP_NONE, SEP_SPACE, type DigitGroups } from './common.js';

/**
 * The nine digits of an SSN-shaped value (`AAA-GG-SSSS`, `AAA GG SSSS`,
 * `AAA.GG.SSSS` or `AAAGGSSSS`), or `null` when the shape or separators are wrong.
 * Shared with the ITIN validator.
 */
export function ssnShapedDigits(value: string): string | null {
  const g: DigitGroups | null = digitGroups(value);
  if (g === null || g.digits.length !== 9) return null;
  if (g.sep === SEP_NONE) return g.digits;
  if (g.sep !== SEP_DASH && g.sep !== SEP_SPACE && g.sep !== SEP_DOT) return null;
  const [a, b, c] = g.groups;
  if (g.groups.length !== 3 || a !== 3 || b !== 2 || c !== 4) return null;
  return g.digits;
}

function validate({ value }: ValidatorInput): ValidatorResult {
  const d = ssnShapedDigits(value);
  if (d === null) return false;
  // area 000, 666, 9xx
  const a0 = d.charCodeAt(0);
  if (a0 === 57) return false;
  if (d.startsWith('000') || d.startsWith('666')) return false;
  // group 00, serial 0000
  if (d.charCodeAt(3) === 48 && d.charCodeAt(4) === 48) return false;
  if (d.endsWith('0000')) return false;
  if (isRepeatedOrSequential(d)) return false;
  return true;
}

export const ssn: Validator = {
  name: 'ssn',
  description: 'US Social Security number: 9 digits (AAA-GG-SSSS), never-issued areas/groups/serials and runs rejected (published samples go in the rule\'s deny list)',
  validate,
};
