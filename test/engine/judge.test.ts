import { describe, expect, it, beforeAll } from '@jest/globals';
import type { CompiledPattern, RuleSet } from '../../src/engine/ruleset.js';
import { BELOW, judgeCandidate, type CandidateWindow } from '../../src/engine/judge.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';

let rules: RuleSet;
beforeAll(async () => {
  rules = await shippedRules();
});

const pattern = (ruleId: string, name: string): CompiledPattern => {
  const p = rules.patterns.find((q) => q.rule.def.id === ruleId && q.def.name === name);
  if (!p) throw new Error(`no pattern ${ruleId}/${name}`);
  return p;
};

/** The window for `value`'s first occurrence in `text`, as if `text` started at absolute `base`. */
function windowOf(text: string, value: string, base = 0): CandidateWindow {
  const at = text.indexOf(value);
  if (at < 0) throw new Error(`${value} not in ${text}`);
  return { text, base, start: base + at, end: base + at + value.length };
}

describe('judging a candidate (no scanner)', () => {
  it('a date next to birth context is a finding, explained by the context word and the validator', () => {
    const j = judgeCandidate(pattern('date-of-birth', 'numeric date'), windowOf('Patient DOB: 04/12/1981, seen today', '04/12/1981'), SETTINGS, 0.5);
    expect(j).toEqual({ value: '04/12/1981', confidence: 0.7, why: "numeric date; date-of-birth check passed; context 'DOB' 2 chars before" });
  });

  it('a date with no birth context stays below a threshold, and is reported as such at threshold 0', () => {
    const w = windowOf('Meeting on 04/12/2025 at noon', '04/12/2025');
    expect(judgeCandidate(pattern('date-of-birth', 'numeric date'), w, SETTINGS, 0.5)).toBe(BELOW);
    expect(judgeCandidate(pattern('date-of-birth', 'numeric date'), w, SETTINGS, 0)).toEqual({
      value: '04/12/2025',
      confidence: 0.1,
      why: 'numeric date; date-of-birth check passed; no context words nearby',
    });
  });

  it('a lowering word is named in why', () => {
    const j = judgeCandidate(pattern('date-of-birth', 'numeric date'), windowOf('DOB 04/12/1981 expires', '04/12/1981'), SETTINGS, 0);
    expect(j?.why).toBe("numeric date; date-of-birth check passed; context 'DOB' 1 char before; lowered by 'expires'");
    expect(j?.confidence).toBe(0.4);
  });

  it('a value its validator rejects, or on the deny list, is no candidate at all (not counted as below)', () => {
    const ssn = rules.patterns.find((p) => p.rule.def.id === 'us-ssn')!;
    expect(judgeCandidate(ssn, windowOf('SSN 000-22-4391', '000-22-4391'), SETTINGS, 0)).toBeUndefined();
    expect(judgeCandidate(ssn, windowOf('SSN 123-45-6789', '123-45-6789'), SETTINGS, 0)).toBeUndefined();
    expect(judgeCandidate(ssn, windowOf('SSN 536-22-4391', '536-22-4391'), SETTINGS, 0)?.value).toBe('536-22-4391');
  });

  it('reads the window by absolute indices: a slice of a longer text judges as the whole', () => {
    const text = `${'x'.repeat(500)} DOB: 04/12/1981 ${'y'.repeat(500)}`;
    const whole = judgeCandidate(pattern('date-of-birth', 'numeric date'), windowOf(text, '04/12/1981'), SETTINGS, 0.5);
    const piece = text.slice(400, 600);
    expect(judgeCandidate(pattern('date-of-birth', 'numeric date'), windowOf(piece, '04/12/1981', 1_000_400), SETTINGS, 0.5)).toEqual(whole);
  });

  it('a context word with another match of the rule between belongs to that match (nearest)', () => {
    const text = 'DOB 01/02/1980 and 04/12/1981';
    const p = pattern('date-of-birth', 'numeric date');
    const w = windowOf(text, '04/12/1981');
    expect(judgeCandidate(p, w, SETTINGS, 0.5)?.confidence).toBe(0.7);
    const first = text.indexOf('01/02/1980');
    const neighbours = [{ valueStart: first, valueEnd: first + 10 }];
    expect(judgeCandidate(p, { ...w, neighbours }, SETTINGS, 0.5)).toBe(BELOW);
  });

  it('an empty span is no candidate', () => {
    expect(judgeCandidate(pattern('date-of-birth', 'numeric date'), { text: 'DOB', base: 0, start: 3, end: 3 }, SETTINGS, 0)).toBeUndefined();
  });
});
