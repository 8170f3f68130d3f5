/** `pii-scan rules list` and `pii-scan rules test [PATH]`. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const SHIPPED = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.yaml')).length;

const EMP_RULE = [
  'id: employee-id',
  'entity: EMPLOYEE_ID',
  'severity: medium',
  'name: Employee badge number',
  'patterns:',
  "  - regex: 'EMP-\\d{6}'",
  '    score: 0.9',
  'examples:',
  '  match:',
  "    - 'badge EMP-123456'",
  "    - { text: 'badge EMP-12345 (old format)', value: 'EMP-12345' }",
  '  nomatch:',
  "    - 'EMP-999999 is reserved'",
  "    - 'no badge here'",
  '',
].join('\n');

interface ListedRule {
  id: string;
  entity: string;
  severity: string;
  name: string;
  source: string;
}

describe('rules list', () => {
  it('text: a header and one row per shipped rule, sorted, with severity and source file:line', async () => {
    const r = await runCli(['rules', 'list'], { cwd: dirs.make() });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+ENTITY\s+SEVERITY\s+SOURCE$/);
    expect(lines).toHaveLength(SHIPPED + 1);
    const ssn = lines.find((l) => l.startsWith('us-ssn '));
    expect(ssn).toMatch(/^us-ssn\s+US_SSN\s+critical\s+\S*rules\/us-ssn\.yaml:1$/);
    const ids = lines.slice(1).map((l) => l.split(/\s+/)[0]!);
    expect(ids).toEqual([...ids].sort());
    // Columns line up.
    const col = lines[0]!.indexOf('SEVERITY');
    for (const l of lines.slice(1)) expect(l.slice(col)).toMatch(/^(info|low|medium|high|critical)\s/);
  });

  it('json: id, entity, severity, name and source for every rule', async () => {
    const r = await runCli(['rules', 'list', '--format', 'json'], { cwd: dirs.make() });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as ListedRule[];
    expect(rows).toHaveLength(SHIPPED);
    expect(rows.find((x) => x.id === 'credit-card')).toEqual({
      id: 'credit-card',
      entity: 'CREDIT_CARD',
      severity: 'critical',
      name: 'Payment card number',
      source: `${join(ROOT, 'rules', 'credit-card.yaml')}:1`,
    });
  });

  it('includes --rules and config rules, applies disable and severity, and shows paths relative to the working folder', async () => {
    const cwd = writeTree(dirs.make(), {
      '.pii-scan.yaml': 'disable: [US_SSN, vin]\nseverity:\n  phone-number: high\n',
      'extra/emp.yaml': EMP_RULE,
    });
    const r = await runCli(['rules', 'list', '-f', 'json', '--rules', 'extra'], { cwd });
    const rows = JSON.parse(r.stdout) as ListedRule[];
    expect(rows).toHaveLength(SHIPPED - 2 + 1);
    expect(rows.map((x) => x.id)).not.toContain('us-ssn');
    expect(rows.map((x) => x.id)).not.toContain('vin');
    expect(rows.find((x) => x.id === 'phone-number')!.severity).toBe('high');
    expect(rows.find((x) => x.id === 'employee-id')).toMatchObject({ entity: 'EMPLOYEE_ID', name: 'Employee badge number' });
    const text = await runCli(['rules', 'list', '--rules', 'extra'], { cwd });
    expect(text.stdout).toMatch(/\nemployee-id\s+EMPLOYEE_ID\s+medium\s+extra\/emp\.yaml:1\n/);
  });

  it('a bad config stops rules list with exit 2', async () => {
    const cwd = writeTree(dirs.make(), { '.pii-scan.yaml': 'disable: [no-such-rule]\n' });
    const r = await runCli(['rules', 'list'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${join(cwd, '.pii-scan.yaml')}:1: disable: no rule or entity named 'no-such-rule'`);
  });

  it('rejects an unknown --format', async () => {
    const r = await runCli(['rules', 'list', '-f', 'sarif'], { cwd: dirs.make() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/'sarif' is invalid/);
  });
});

describe('rules test', () => {
  it('passes on the shipped rules', async () => {
    const r = await runCli(['rules', 'test'], { cwd: dirs.make() });
    expect(r.stdout).not.toContain('FAIL');
    expect(r.stdout).toMatch(new RegExp(`^${SHIPPED} rules, (\\d+) examples: \\1 passed, 0 failed\\n$`));
    expect(r.code).toBe(0);
  });

  it('a user rule file with failing examples: exit 1 and a FAIL line per failure', async () => {
    const cwd = writeTree(dirs.make(), { 'emp.yaml': EMP_RULE });
    const r = await runCli(['rules', 'test', 'emp.yaml'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      'FAIL employee-id (emp.yaml:1) match[1] "badge EMP-12345 (old format)": expected a finding, got none',
      expect.stringMatching(/^FAIL employee-id \(emp\.yaml:1\) nomatch\[0\] "EMP-999999 is reserved": expected no finding, found 'EMP-999999'/),
      '1 rules, 4 examples: 2 passed, 2 failed',
      '',
    ]);
  });

  it('rules test PATH tests only that file', async () => {
    const cwd = writeTree(dirs.make(), {
      'good.yaml': EMP_RULE.replace("    - { text: 'badge EMP-12345 (old format)', value: 'EMP-12345' }\n", '').replace("    - 'EMP-999999 is reserved'\n", ''),
    });
    const r = await runCli(['rules', 'test', 'good.yaml'], { cwd });
    expect(r.stdout).toBe('1 rules, 2 examples: 2 passed, 0 failed\n');
    expect(r.code).toBe(0);
  });

  it('rules test PATH with a folder tests every rule file in it', async () => {
    const cwd = writeTree(dirs.make(), { 'team/a/emp.yaml': EMP_RULE, 'team/b/ssn-copy.yml': EMP_RULE.replace(/employee-id/g, 'employee-id-2') });
    const r = await runCli(['rules', 'test', 'team'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL employee-id (team/a/emp.yaml:1)');
    expect(r.stdout).toContain('FAIL employee-id-2 (team/b/ssn-copy.yml:1)');
    expect(r.stdout).toMatch(/2 rules, 8 examples: 4 passed, 4 failed\n$/);
  });

  it('a failing rule given with --rules fails the whole run', async () => {
    const cwd = writeTree(dirs.make(), { 'emp.yaml': EMP_RULE });
    const r = await runCli(['rules', 'test', '--rules', 'emp.yaml'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('FAIL employee-id (emp.yaml:1)'))).toHaveLength(2);
    expect(r.stdout).toMatch(new RegExp(`\\n${SHIPPED + 1} rules, \\d+ examples: \\d+ passed, [1-9]\\d* failed\\n$`));
  });

  it('rules test with a broken rule file: exit 2 and the location, no results', async () => {
    const cwd = writeTree(dirs.make(), { 'bad.yaml': EMP_RULE.replace('severity: medium', 'severity: severe') });
    const r = await runCli(['rules', 'test', 'bad.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${join(cwd, 'bad.yaml')}:3: severity: 'severe' is not one of`);
  });

  it('rules test with a missing PATH: exit 2', async () => {
    const cwd = dirs.make();
    const r = await runCli(['rules', 'test', 'nope.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.yaml');
  });
});
