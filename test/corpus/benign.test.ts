/**
 * Ordinary technical text with no PII: GNU manuals and Linux man pages, committed under
 * fixtures/benign/ (scripts/fixtures/benign.sh; licences in its README). Any high or critical
 * finding there at the default threshold is a false alarm.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/cli/shared-options.js';
import { ROOT } from '../cli/helpers.js';
import { scanBytes, shippedRules } from '../helpers/rules.js';

const rules = await shippedRules();
const CORPUS = join(ROOT, 'fixtures', 'benign');
const files = readdirSync(CORPUS, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.txt'))
  .map((e) => join(e.parentPath, e.name))
  .sort();

describe('benign text (fixtures/benign)', () => {
  it('is a few megabytes of text', () => {
    expect(files.reduce((n, f) => n + statSync(f).size, 0)).toBeGreaterThan(2_000_000);
  });

  it('raises no high or critical finding', () => {
    const alarms: string[] = [];
    for (const f of files) {
      for (const x of scanBytes(rules, readFileSync(f))) {
        if (x.confidence >= DEFAULT_MIN_CONFIDENCE && (x.severity === 'high' || x.severity === 'critical')) {
          alarms.push(`${f.slice(CORPUS.length + 1)}:${x.line}:${x.column} ${x.entity} (${x.why})`);
        }
      }
    }
    expect(alarms).toEqual([]);
  });
});
