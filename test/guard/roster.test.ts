/** The roster is validated completely, with file:line: field: problem; phones compare in E.164. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/yaml-source.js';
import { resolveRecipients } from '../../src/guard/lookup.js';
import { parseRoster } from '../../src/guard/roster.js';
import { ROOT } from '../cli/helpers.js';

function rosterError(text: string): ConfigError {
  try {
    parseRoster('team.yaml', text, 'US');
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a roster error');
}

describe('roster', () => {
  it('the shipped example parses', () => {
    const r = parseRoster('team.yaml', readFileSync(join(ROOT, 'fixtures/guard/team.yaml'), 'utf8'), 'US');
    expect(r.people.map((p) => p.name)).toContain('R. Lopez');
    expect(r.domains).toEqual(['agency.example.gov']);
    expect(r.groups.get('team-4')).toHaveLength(6);
  });

  it('the same phone in three formats is the same roster entry', () => {
    const r = parseRoster('team.yaml', "recipients:\n  - name: R. Lopez\n    phones: ['(202) 555-0143']\n", 'US');
    const got = resolveRecipients(['(202) 555-0143', '202.555.0143', '+12025550143'], r, 'phone', 'US');
    // Three inputs, one person: duplicates collapse to the first, which is known as R. Lopez.
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ known: true, name: 'R. Lopez', normalized: '+12025550143' });
    for (const typed of ['202.555.0143', '+12025550143', '1-202-555-0143']) {
      expect(resolveRecipients([typed], r, 'phone', 'US')[0]).toMatchObject({ known: true, name: 'R. Lopez' });
    }
  });

  it('an unquoted +number keeps its country code (YAML would read it as an integer)', () => {
    const r = parseRoster('team.yaml', 'recipients:\n  - name: UK desk\n    phones: [+442079460018]\n', 'US');
    expect(r.people[0]!.phones[0]!.normalized).toBe('+442079460018');
  });

  it('a number without +country code uses the region given', () => {
    const r = parseRoster('team.yaml', "recipients:\n  - name: UK desk\n    phones: ['020 7946 0018']\n", 'GB');
    expect(r.people[0]!.phones[0]!.normalized).toBe('+442079460018');
  });

  it.each([
    ['missing name', 'recipients:\n  - phones: ["202-555-0143"]\n', 'team.yaml:2: recipients[0].name: is required'],
    ['empty name', 'recipients:\n  - name:\n    phones: ["202-555-0143"]\n', 'team.yaml:2: recipients[0].name: is required'],
    [
      'bad phone',
      'recipients:\n  - name: A\n    phones: ["202-555-0143"]\n  - name: B\n    phones:\n      - "555-01"\n',
      "team.yaml:6: recipients[1].phones[0]: not a valid phone number (region US for numbers without +country code)",
    ],
    ['phone of the wrong length', 'recipients:\n  - name: A\n    phones: ["202-555-01433"]\n', "team.yaml:3: recipients[0].phones[0]: not a valid phone number"],
    ['bad email', 'recipients:\n  - name: A\n    emails:\n      - r.lopez@@agency\n', "team.yaml:4: recipients[0].emails[0]: not a valid email address"],
    [
      'unknown group member',
      'recipients:\n  - name: R. Lopez\n    phones: ["202-555-0143"]\ngroups:\n  field:\n    - R. Lopez\n    - D. Chen\n',
      "team.yaml:7: groups.field[1]: not a name in recipients",
    ],
    [
      'unknown field, with a suggestion',
      'recipients:\n  - name: A\n    phone: ["202-555-0143"]\n',
      "team.yaml:3: recipients[0].phone: unknown field (did you mean 'phones'?)",
    ],
    ['unknown top-level field', 'recipients:\n  - name: A\n    phones: ["202-555-0143"]\napproved: [x.gov]\n', 'team.yaml:4: approved: unknown field'],
    ['no contact', 'recipients:\n  - name: A\n', 'team.yaml:2: recipients[0]: a recipient needs at least one phone or email'],
    ['no recipients', 'domains: [agency.example.gov]\n', 'team.yaml:1: recipients: is required'],
    ['duplicate name', 'recipients:\n  - name: A\n    phones: ["202-555-0143"]\n  - name: A\n    phones: ["202-555-0144"]\n', "team.yaml:4: recipients[1].name: this name is listed twice"],
    [
      'one phone, two people',
      'recipients:\n  - name: A\n    phones: ["202-555-0143"]\n  - name: B\n    phones: ["(202) 555-0143"]\n',
      'team.yaml:5: recipients[1].phones[0]: +1 202 555 0143 is already listed for A',
    ],
    ['bad domain', 'recipients:\n  - name: A\n    phones: ["202-555-0143"]\ndomains: [agency]\n', "team.yaml:4: domains[0]: 'agency' is not a domain name"],
    ['bad YAML', 'recipients:\n  - name: [A\n', 'team.yaml:'],
  ])('%s', (_, text, message) => {
    expect(rosterError(text).message).toContain(message);
  });
});
