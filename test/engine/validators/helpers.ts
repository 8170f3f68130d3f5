import { getValidator } from '../../../src/engine/validators/index.js';
import type { ValidatorResult } from '../../../src/model/finding.js';

export interface Outcome {
  valid: boolean;
  adjust: number | undefined;
  note: string | undefined;
}

/** Run the named validator and normalise its result. */
export function check(
  name: string,
  value: string,
  options: Record<string, unknown> = {},
  defaultRegion = 'US',
): Outcome {
  const v = getValidator(name);
  if (v === undefined) throw new Error(`no validator named ${name}`);
  const r: ValidatorResult = v.validate({ value, options, settings: { defaultRegion } });
  if (typeof r === 'boolean') return { valid: r, adjust: undefined, note: undefined };
  return { valid: r.valid, adjust: r.adjust, note: r.note };
}

export function isValid(name: string, value: string, options: Record<string, unknown> = {}, region = 'US'): boolean {
  return check(name, value, options, region).valid;
}
