import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';
import { digitsOnly } from './common.js';

function validate({ value }: ValidatorInput): ValidatorResult {
  const d = digitsOnly(value);
  if (d === null || d.length !== 9 || d === '000000000') return false;
  const p = (d.charCodeAt(0) - 48) * 10 + (d.charCodeAt(1) - 48);
  // 00 government, 01–12 banks, 21–32 thrifts, 61–72 electronic, 80 traveller's cheques
  if (!(p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 3) {
    sum += 3 * (d.charCodeAt(i) - 48) + 7 * (d.charCodeAt(i + 1) - 48) + (d.charCodeAt(i + 2) - 48);
  }
  return sum % 10 === 0;
}

export const abaChecksum: Validator = {
  name: 'aba-checksum',
  description: 'ABA routing transit number: 9 digits, 3-7-1 checksum, Federal Reserve prefix 00–12, 21–32, 61–72 or 80',
  validate,
};
