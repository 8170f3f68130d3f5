import { describe, expect, it } from '@jest/globals';
import { ProfileFinder, recordOf } from '../../src/filters/profile.js';
import type { Finding, Severity } from '../../src/model/finding.js';
import type { DocLocation } from '../../src/documents/types.js';

type Located = Finding & { location?: DocLocation };

const finding = (entity: string, severity: Severity, line: number, value: string, location?: DocLocation): Located => ({
  ruleId: entity.toLowerCase(),
  entity,
  severity,
  confidence: 0.8,
  value,
  why: '',
  index: 0,
  line,
  column: 1,
  endLine: line,
  endColumn: 1 + value.length,
  offset: 0,
  length: value.length,
  contextHash: 'h',
  ...(location ? { location } : {}),
});

function run(findings: Located[]): Located[] {
  const out: Located[] = [];
  const p = new ProfileFinder<Located>((f) => out.push(f));
  for (const f of findings) p.offer(f);
  p.end();
  return out.filter((f) => f.entity === 'PROFILE');
}

describe('profiles', () => {
  it('a name and an SSN in one CSV row make a critical profile listing its parts', () => {
    const row = (column: number): DocLocation => ({ kind: 'csv', row: 2, column, cell: 'x' });
    const [p, ...rest] = run([finding('PERSON', 'low', 2, 'Maria Garcia', row(1)), finding('US_SSN', 'critical', 2, '536-22-4391', row(2))]);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ entity: 'PROFILE', ruleId: 'profile', severity: 'critical', value: 'Maria Garcia' });
    expect(p!.why).toContain('US_SSN at 2:1');
    expect(p!.why).not.toContain('536');
  });

  it('a name alone, or a name and an address in different rows, is no profile', () => {
    expect(run([finding('PERSON', 'low', 1, 'Maria Garcia')])).toEqual([]);
    const csv = (row: number): DocLocation => ({ kind: 'csv', row, column: 1, cell: 'x' });
    expect(run([finding('PERSON', 'low', 2, 'Maria Garcia', csv(2)), finding('STREET_ADDRESS', 'medium', 3, '12 Oak St', csv(3))])).toEqual([]);
  });

  it('in text, a paragraph is a record: a part far below the name is not its', () => {
    expect(run([finding('PERSON', 'low', 1, 'Maria Garcia'), finding('DATE_OF_BIRTH', 'medium', 2, '1980-01-02')])).toHaveLength(1);
    expect(run([finding('PERSON', 'low', 1, 'Maria Garcia'), finding('DATE_OF_BIRTH', 'medium', 20, '1980-01-02')])).toEqual([]);
  });

  it('keys of one JSON object are one record; each name in it is a profile once', () => {
    const at = (path: string): DocLocation => ({ kind: 'json', path });
    const out = run([
      finding('PERSON', 'low', 1, 'Maria Garcia', at('$.people[0].name')),
      finding('PERSON', 'low', 1, 'GARCIA, MARIA', at('$.people[0].alias')),
      finding('LICENSE_PLATE', 'medium', 1, '7ABC123', at('$.people[0].plate')),
      finding('PERSON', 'low', 1, 'John Smith', at('$.people[1].name')),
    ]);
    expect(out.map((f) => f.severity)).toEqual(['medium']);
    expect(recordOf(at('$.people[0].name'))).toBe(recordOf(at('$.people[0].plate')));
  });

  it('passes every finding on and can be switched off', () => {
    const out: Located[] = [];
    const p = new ProfileFinder<Located>((f) => out.push(f), false);
    p.offer(finding('PERSON', 'low', 1, 'Maria Garcia'));
    p.offer(finding('US_SSN', 'critical', 1, '536-22-4391'));
    p.end();
    expect(out.map((f) => f.entity)).toEqual(['PERSON', 'US_SSN']);
  });
});
