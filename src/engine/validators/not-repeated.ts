import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';
import { isRepeatedOrSequential } from './common.js';

function validate({ value }: ValidatorInput): ValidatorResult {
  return !isRepeatedOrSequential(value);
}

export const notRepeated: Validator = {
  name: 'not-repeated',
  description: 'Rejects values whose letters and digits are one repeated character or a straight ascending/descending run',
  validate,
};
