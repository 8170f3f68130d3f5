import type { Validator, ValidatorInput, ValidatorResult } from '../types.js';
import { isRepeatedOrSequential } from './common.js';

/**
 * A licence-plate shape: 2–8 letters and digits after separators are removed,
 * with at least one letter and one digit (all-letter vanity plates need a rule of
 * their own with strong context), and not a run like ABC123 or 1111111.
 */
function validate({ value }: ValidatorInput): ValidatorResult {
  const s = value.replace(/[\s-]/g, '');
  if (s.length < 2 || s.length > 8 || !/^[A-Za-z0-9]+$/.test(s)) return false;
  if (!/\d/.test(s) || !/[A-Za-z]/.test(s)) return false;
  if (isRepeatedOrSequential(s)) return false;
  // Things that look like plates in technical text: units and encodings (1080P, 5G, X86, UTF8, SHA256).
  if (/^(?:\d+[KMGTP]?(?:B|HZ|P|GB|MB|KB|MM|CM|KM)|(?:UTF|SHA|MD|X|ARM|IPV|HTTP|TLS|MP|H)\d{1,4}[A-Z]?)$/i.test(s)) return false;
  return true;
}

export const plate: Validator = {
  name: 'plate',
  description: 'A plausible plate: 2–8 letters and digits with at least one of each, not a sequence or a technical token',
  validate,
};
