import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../../src/config/load.js';
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

/** The options a shipped rule gives one of its validators (the plate rule's technical words). */
export async function shippedOptions(ruleId: string, validator: string): Promise<Record<string, unknown>> {
  const def = (await loadRuleDefs([BUILTIN_RULES_DIR])).find((d) => d.id === ruleId);
  const ref = def?.validators.find((v) => v.name === validator);
  if (!ref) throw new Error(`no validator ${validator} in rule ${ruleId}`);
  return ref.options;
}
