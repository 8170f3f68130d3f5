import { describe, expect, it } from '@jest/globals';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/cli/shared-options.js';
import { evaluateCorpus, formatScores } from '../helpers/evaluate.js';
import { shippedRules } from '../helpers/rules.js';

/**
 * STREET_ADDRESS on its own labelled corpus (fixtures/address): realistic messages with one address a
 * line, and look-alikes (chapters, pages, handshakes, code). Floors sit just under the measured values.
 */
const { scores, misses } = await evaluateCorpus('fixtures/address', await shippedRules(), DEFAULT_MIN_CONFIDENCE);
const s = scores.get('STREET_ADDRESS')!;
const report = `${formatScores(scores)}\n${misses.filter((m) => m.entity === 'STREET_ADDRESS').map((m) => `${m.kind} ${m.file}: ${m.excerpt}`).join('\n')}`;

describe('STREET_ADDRESS corpus', () => {
  it('finds the addresses', () => {
    if (s.recall < 0.9) console.log(report);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('raises no alarm on look-alikes', () => {
    if (s.precision < 0.95) console.log(report);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
  });
});
