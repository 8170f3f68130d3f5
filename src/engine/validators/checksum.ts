import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';
import { abaChecksum } from './aba-checksum.js';
import { ibanMod97 } from './iban-mod97.js';
import { luhn } from './luhn.js';
import { vinCheckDigit } from './vin-check-digit.js';

/** The check digits a rule can ask for by name; each is the validator of that name. */
const ALGORITHMS = {
  luhn,
  mod97: ibanMod97,
  aba: abaChecksum,
  vin: vinCheckDigit,
} as const satisfies Record<string, Validator>;

type Algorithm = keyof typeof ALGORITHMS;

function validate(input: ValidatorInput): ValidatorResult {
  // The rule's options were checked when it loaded: the algorithm is one of ALGORITHMS.
  return ALGORITHMS[input.options['algorithm'] as Algorithm].validate(input);
}

/** A check digit named in the rule file, so a new number with a known check needs no code. */
export const checksum: Validator = {
  name: 'checksum',
  description: 'A check digit over the value, chosen by `algorithm`: luhn (mod 10, card-style), mod97 (IBAN), aba (routing number 3-7-1), vin (VIN position 9)',
  schema: {
    algorithm: { type: 'string', required: true, oneOf: Object.keys(ALGORITHMS), description: 'which check digit' },
  },
  validate,
};
