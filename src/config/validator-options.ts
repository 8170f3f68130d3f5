/**
 * A validator's options in a rule file, checked against the schema it declares: an option it does
 * not know, a value of the wrong type or a required option missing is a ConfigError at the option's
 * line, naming the rule (`{ name: phone, regoin: GB }` in rule phone-number).
 */
import type { OptionSpec, Validator } from '../model/finding.js';
import { closest, type Fields } from './yaml-source.js';

export function checkValidatorOptions(ruleId: string, validator: Validator, v: Fields): Record<string, unknown> {
  const schema = validator.schema ?? {};
  const known = Object.keys(schema);
  const where = `rule '${ruleId}': validator '${validator.name}'`;
  for (const key of Object.keys(v.obj)) {
    if (key === 'name' || key in schema) continue;
    const hint = closest(key, known);
    throw v.src.error(v.at(key), `${where} has no option '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}; ${known.length > 0 ? `its options: ${known.join(', ')}` : 'it takes no options'}`);
  }
  const options: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) {
    const value = v.obj[key];
    if (value === undefined || value === null) {
      if (spec.required) throw v.src.error(v.path, `${where} needs option '${key}' (${spec.description})`);
      continue;
    }
    const problem = optionProblem(spec, value);
    if (problem !== undefined) throw v.src.error(v.at(key), `${where}: option '${key}' ${problem}`);
    options[key] = value;
  }
  return options;
}

/** What is wrong with `value` for `spec`, or undefined. */
function optionProblem(spec: OptionSpec, value: unknown): string | undefined {
  const full = spec.pattern === undefined ? undefined : new RegExp(`^(?:${spec.pattern})$`);
  const text = (s: unknown): string | undefined => {
    if (typeof s !== 'string') return 'expected text';
    if (full && !full.test(s)) return `'${s}' is not a valid value${spec.hint ? `: ${spec.hint}` : ''}`;
    if (spec.oneOf && !spec.oneOf.includes(s)) return `'${s}' is not one of ${spec.oneOf.join(', ')}`;
    return undefined;
  };
  switch (spec.type) {
    case 'string':
      return text(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'expected a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expected true or false';
    case 'string-list':
      if (!Array.isArray(value)) return 'expected a list';
      for (const item of value) {
        const p = text(item);
        if (p !== undefined) return `item ${JSON.stringify(item)}: ${p}`;
      }
      return undefined;
    case 'regex':
      if (typeof value !== 'string') return 'expected a regex';
      try {
        new RegExp(value);
      } catch (e) {
        return `bad regex: ${(e as Error).message.replace(/^Invalid regular expression: \/[^]*\/[a-z]*: /, '')}`;
      }
      return undefined;
  }
}
