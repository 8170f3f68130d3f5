/** `pii-scan rules list --validators`, and a new entity type written as one rule file with generic validators. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { VALIDATORS } from '../../src/engine/validators/index.js';
import { runCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

describe('rules list --validators', () => {
  it('text: each registered validator with its description, its options under it', async () => {
    const r = await runCli(['rules', 'list', '--validators'], { cwd: dirs.make() });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^VALIDATOR\s+DESCRIPTION$/);
    for (const v of VALIDATORS.values()) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${v.name}\\s+${v.description.slice(0, 20).replace(/[()`.*+?[\]\\]/g, '\\$&')}`)));
    const at = lines.findIndex((l) => l.startsWith('checksum '));
    expect(lines[at + 1]).toMatch(/^\s+algorithm: text \(required; one of luhn, mod97, aba, vin\): which check digit$/);
  });

  it('json: name, description and the options schema', async () => {
    const r = await runCli(['rules', 'list', '--validators', '--format', 'json'], { cwd: dirs.make() });
    const rows = JSON.parse(r.stdout) as { name: string; description: string; options: Record<string, { type: string }> }[];
    expect(rows.map((x) => x.name)).toEqual([...VALIDATORS.keys()]);
    expect(rows.find((x) => x.name === 'phone')!.options).toEqual({ region: expect.objectContaining({ type: 'string' }) });
  });
});

describe('a new entity type from one rule file', () => {
  // A made-up loyalty card: 16 digits with a Luhn check digit, 9999… reserved for test cards.
  const MEMBER_RULE = [
    'id: acme-member',
    'entity: ACME_MEMBER_ID',
    'severity: medium',
    'patterns:',
    "  - regex: '(?<!\\d)7\\d{3} \\d{4} \\d{4} \\d{4}(?!\\d)'",
    '    score: 0.8',
    'validators:',
    '  - { name: checksum, algorithm: luhn }',
    "  - { name: reject, regex: '7999\\d{12}', compact: true }",
    'examples:',
    '  match:',
    "    - { text: 'member 7412 5563 8790 1232', value: '7412 5563 8790 1232' }",
    '  nomatch:',
    "    - 'member 7412 5563 8790 1233'",
    "    - 'test card 7999 1234 5678 9013'",
    '',
  ].join('\n');

  it('loads, passes its examples and is found in a scan', async () => {
    const cwd = writeTree(dirs.make(), { 'rules/acme-member.yaml': MEMBER_RULE, 'notes.txt': 'new member 7412 5563 8790 1232 joined; 7412 5563 8790 1233 is a typo\n' });
    const tested = await runCli(['rules', 'test', 'rules', '--no-config'], { cwd });
    expect(tested.stdout).toBe('1 rules, 3 examples: 3 passed, 0 failed\n');
    const r = await runCli(['scan', 'notes.txt', '--rules', 'rules', '--no-config', '--format', 'json', '--show-values'], { cwd });
    const found = (JSON.parse(r.stdout) as { findings: { entity: string; value: string; why: string }[] }).findings.filter((f) => f.entity === 'ACME_MEMBER_ID');
    expect(found).toEqual([expect.objectContaining({ value: '7412 5563 8790 1232', why: expect.stringContaining('checksum check passed') })]);
  });
});
