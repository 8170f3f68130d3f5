import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { getValidator, VALIDATORS } from '../../../src/engine/validators/index.js';
import type { Validator } from '../../../src/model/finding.js';

const DIR = new URL('../../../src/engine/validators/', import.meta.url);

/** Every Validator some file of the folder exports: the registry must hold each, once. */
async function exported(): Promise<Validator[]> {
  const found: Validator[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
    const mod = (await import(new URL(file, DIR).pathname)) as Record<string, unknown>;
    for (const v of Object.values(mod)) {
      if (v && typeof v === 'object' && 'validate' in v && 'name' in v && 'description' in v) found.push(v as Validator);
    }
  }
  return found;
}

describe('validator registry', () => {
  it('registers every validator of the folder under its own name', async () => {
    const all = await exported();
    expect([...VALIDATORS.keys()].sort()).toEqual(all.map((v) => v.name).sort());
    for (const v of all) expect(getValidator(v.name)).toBe(v);
  });

  it('returns undefined for unknown names', () => {
    expect(getValidator('nope')).toBeUndefined();
    expect(getValidator('')).toBeUndefined();
  });

  it('tolerates case and surrounding space in names', () => {
    expect(getValidator(' SSN ')?.name).toBe('ssn');
  });
});
