import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';
import { isRepeatedOrSequential } from './common.js';
import { ssnShapedDigits } from './ssn.js';

function validate({ value }: ValidatorInput): ValidatorResult {
  const d = ssnShapedDigits(value);
  if (d === null || d.charCodeAt(0) !== 57) return false;
  const g = (d.charCodeAt(3) - 48) * 10 + (d.charCodeAt(4) - 48);
  const inRange = (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
  if (!inRange) return false;
  // 999-99-9999, 987-65-4321 and the like are placeholders, not taxpayers.
  if (isRepeatedOrSequential(d)) return false;
  return true;
}

export const itin: Validator = {
  name: 'itin',
  description: 'US Individual Taxpayer Identification Number: 9XX-GG-SSSS with GG in 50–65, 70–88, 90–92, 94–99',
  validate,
};
