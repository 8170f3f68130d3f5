import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';
import { isRepeatedOrSequential } from './common.js';
import { vinCheck } from './vin-check-digit.js';

const counts = { letters: 0, digits: 0 };

function validate({ value }: ValidatorInput): ValidatorResult {
  const r = vinCheck(value, counts);
  if (r === 0) return false;
  if (counts.letters < 2 || counts.digits < 2) return false;
  if (isRepeatedOrSequential(value)) return false;
  if (r === 3) return true;
  return { valid: true, adjust: -0.2, note: 'no North American check digit' };
}

export const vinShape: Validator = {
  name: 'vin-shape',
  description: 'VIN shape only (European VINs): 17 characters without I/O/Q, at least 2 letters and 2 digits; a failing check digit lowers the score',
  validate,
};
