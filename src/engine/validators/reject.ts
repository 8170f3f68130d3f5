import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';

/** Each rule's options compiled once: the options object is the rule's own for the whole scan. */
const compiled = new WeakMap<object, RegExp>();

function regexOf(options: Readonly<Record<string, unknown>>): RegExp {
  let re = compiled.get(options);
  if (re === undefined) {
    re = new RegExp(`^(?:${options['regex'] as string})$`, options['ignoreCase'] === true ? 'i' : '');
    compiled.set(options, re);
  }
  return re;
}

function validate({ value, options }: ValidatorInput): ValidatorResult {
  const text = options['compact'] === true ? value.replace(/[\s-]/g, '') : value;
  return !regexOf(options).test(text);
}

/** Values of a rule's shape that are something else (a product code, a sample), refused by a regex in the rule file. */
export const reject: Validator = {
  name: 'reject',
  description: 'Refuses a value the `regex` matches in full (with `compact`: after spaces and dashes are removed; `ignoreCase`)',
  schema: {
    regex: { type: 'regex', required: true, description: 'values it matches in full are not findings' },
    ignoreCase: { type: 'boolean', description: 'match letters in either case' },
    compact: { type: 'boolean', description: 'remove spaces and dashes from the value first' },
  },
  validate,
};
