/** The official SARIF 2.1.0 schema (shipped in @microsoft/jest-sarif), compiled once for the tests. */
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli/helpers.js';

const schema = JSON.parse(
  readFileSync(join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as Record<string, unknown>;
// The stored schema declares draft-04 (`id`, `$schema`); Ajv 8 reads it as draft-07 once those are renamed.
delete schema['$schema'];
schema['$id'] = schema['id'];
delete schema['id'];

export const validateSarif = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(schema);
