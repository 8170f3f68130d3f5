import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';

function validate({ value }: ValidatorInput): ValidatorResult {
  let sawA = false;
  let digits = 0;
  let nonZero = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 45 || c === 32 || c === 35 || c === 58) continue; // - space # :
    if (!sawA && digits === 0 && (c === 65 || c === 97)) {
      sawA = true; // the A prefix is optional: a labelled A-Number field may hold digits only
      continue;
    }
    if (c < 48 || c > 57) return false;
    if (c !== 48) nonZero = true;
    digits++;
  }
  return (digits === 8 || digits === 9) && nonZero;
}

export const aNumber: Validator = {
  name: 'a-number',
  description: 'USCIS alien registration number: 8 or 9 digits, optionally after A (separators -, space, #, : ignored), not all zeros',
  validate,
};
