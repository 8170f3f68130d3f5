import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';
import { digitsOnly, luhnValid } from './common.js';

function validate({ value }: ValidatorInput): ValidatorResult {
  const d = digitsOnly(value);
  if (d === null || d.length < 2) return false;
  // An all-zero run passes mod 10 but identifies nothing.
  let nonZero = false;
  for (let i = 0; i < d.length; i++) {
    if (d.charCodeAt(i) !== 48) {
      nonZero = true;
      break;
    }
  }
  return nonZero && luhnValid(d);
}

export const luhn: Validator = {
  name: 'luhn',
  description: 'Luhn (mod 10) checksum over the digits; separators allowed, all zeros rejected',
  validate,
};
