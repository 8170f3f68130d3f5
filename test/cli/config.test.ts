/**
 * Rule files and .pii-scan.yaml: every problem stops the run with exit 2 before
 * anything is scanned, naming file:line and the field; a good config changes what is reported.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { parseJson, runCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const SSN_LINE = 'SSN: 536-22-4391\n';

/** A folder with one input holding an SSN and the given rule file as r.yaml. */
function withRule(rule: string): string {
  return writeTree(dirs.make(), { 'r.yaml': rule, 'input.txt': SSN_LINE });
}

const GOOD_HEAD = 'id: employee-id\nentity: EMPLOYEE_ID\nseverity: medium\n';

describe('rule file validation', () => {
  it.each([
    {
      what: 'bad YAML syntax',
      rule: `${GOOD_HEAD}patterns:\n  - regex: 'EMP-\\d{6}'\n   score: 0.9\n`,
      where: 'r.yaml:6:',
      message: /invalid YAML/,
    },
    {
      what: 'a regex that does not compile',
      rule: `${GOOD_HEAD}patterns:\n  - regex: 'EMP-(\\d{6}'\n`,
      where: 'r.yaml:5:',
      message: /patterns\[0\]\.regex: bad regex: .*Unterminated group/,
    },
    {
      what: 'an unknown validator',
      rule: `${GOOD_HEAD}patterns: ['EMP-\\d{6}']\nvalidators: [luhn, no-such-check]\n`,
      where: 'r.yaml:5:',
      message: /validators\[1\]: unknown validator 'no-such-check'; known validators: .*luhn/,
    },
    {
      what: 'a missing entity',
      rule: `id: employee-id\nseverity: medium\npatterns: ['EMP-\\d{6}']\n`,
      where: 'r.yaml:1:',
      message: /entity: is required/,
    },
    {
      what: 'a bad severity',
      rule: `id: employee-id\nentity: EMPLOYEE_ID\nseverity: urgent\npatterns: ['EMP-\\d{6}']\n`,
      where: 'r.yaml:3:',
      message: /severity: 'urgent' is not one of info, low, medium, high, critical/,
    },
    {
      what: 'an unbounded regex (\\d+)',
      rule: `${GOOD_HEAD}patterns:\n  - name: digits\n    regex: 'EMP-\\d+'\n`,
      where: 'r.yaml:6:',
      message: /patterns\[0\]\.regex: regex can match more than 512 characters; bound its quantifiers/,
    },
    {
      what: 'a regex that can match empty text',
      rule: `${GOOD_HEAD}patterns: ['\\d{0,4}']\n`,
      where: 'r.yaml:4:',
      message: /patterns\[0\]\.regex: regex can match empty text/,
    },
    {
      what: 'an unknown field, with a suggestion',
      rule: `${GOOD_HEAD}patern:\n  - 'EMP-\\d{6}'\n`,
      where: 'r.yaml:4:',
      message: /patern: unknown field \(did you mean 'patterns'\?\)/,
    },
    {
      what: 'an unknown field inside a pattern',
      rule: `${GOOD_HEAD}patterns:\n  - regex: 'EMP-\\d{6}'\n    scroe: 0.9\n`,
      where: 'r.yaml:6:',
      message: /patterns\[0\]\.scroe: unknown field \(did you mean 'score'\?\)/,
    },
    {
      what: 'a duplicate of a shipped rule id',
      rule: `id: us-ssn\nentity: US_SSN\nseverity: low\npatterns: ['EMP-\\d{6}']\n`,
      where: 'r.yaml:1:',
      message: /id: rule id 'us-ssn' is already defined at .*us-ssn\.yaml:1/,
    },
    {
      what: 'a duplicate id inside one file',
      rule: `rules:\n  - ${GOOD_HEAD.trimEnd().replace(/\n/g, '\n    ')}\n    patterns: ['EMP-\\d{6}']\n  - ${GOOD_HEAD.trimEnd().replace(/\n/g, '\n    ')}\n    patterns: ['EMP-\\d{7}']\n`,
      where: 'r.yaml:6:',
      message: /rule id 'employee-id' is already defined at .*r\.yaml:2/,
    },
  ])('$what: exit 2, file:line and field on stderr, nothing scanned', async ({ rule, where, message }) => {
    const cwd = withRule(rule);
    const r = await runCli(['--rules', 'r.yaml', 'input.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${join(cwd, where)}`);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('an error in any rule file of a folder stops the run (rules load whole or not at all)', async () => {
    const cwd = writeTree(dirs.make(), {
      'rules/a-good.yaml': `${GOOD_HEAD}patterns: ['EMP-\\d{6}']\n`,
      'rules/b-bad.yml': `id: other\nentity: OTHER\nseverity: high\npatterns: ['x+']\n`,
      'input.txt': 'badge EMP-123456\n',
    });
    const r = await runCli(['--rules', 'rules', 'input.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${join(cwd, 'rules/b-bad.yml')}:4: patterns[0].regex`);
  });

  it('--rules with a folder loads its rule files recursively', async () => {
    const cwd = writeTree(dirs.make(), {
      'rules/nested/emp.yaml': `${GOOD_HEAD}patterns:\n  - regex: 'EMP-\\d{6}'\n    score: 0.9\n`,
      'rules/notes.txt': 'not a rule file: ignored',
      'input.txt': 'badge EMP-123456\n',
    });
    const r = await runCli(['--rules', 'rules', '-f', 'json', 'input.txt'], { cwd });
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout).findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['employee-id', 1, 7]]);
  });

  it('a missing --rules path is an error', async () => {
    const cwd = writeTree(dirs.make(), { 'input.txt': SSN_LINE });
    const r = await runCli(['--rules', 'nope.yaml', 'input.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('nope.yaml');
    expect(r.stderr).toMatch(/not found/);
  });
});

/** A project: config at the root, an extra rule folder, inputs two folders down. */
function project(config: string): string {
  return writeTree(dirs.make(), {
    '.pii-scan.yaml': config,
    'team-rules/emp.yaml': `${GOOD_HEAD}patterns:\n  - regex: 'EMP-\\d{6}'\n    score: 0.95\n`,
    'docs/deep/a.txt': [
      'SSN: 536-22-4391', // allow-listed below
      'SSN: 671-03-2298',
      'call me at (213) 621-0002',
      'login from 73.162.44.201 at night',
      'badge EMP-123456',
      'VIN: 1HGCM82633A004352',
      '',
    ].join('\n'),
    'docs/deep/skip-me.txt': 'SSN: 671-03-2298\n',
  });
}

const FULL_CONFIG = [
  '# project settings',
  'rules: [team-rules]',
  'disable: [ip-address]',
  'severity:',
  '  PHONE_NUMBER: critical',
  '  vin: info',
  "allow: ['536 22 4391']",
  "exclude: ['docs/deep/skip-me.txt']",
  'minConfidence: 0.5',
  '',
].join('\n');

describe('.pii-scan.yaml', () => {
  it('is found from a subfolder upward and applies rules, disable, severity, allow and exclude', async () => {
    const root = project(FULL_CONFIG);
    const r = await runCli(['-f', 'json', '.'], { cwd: join(root, 'docs', 'deep') });
    expect(r.code).toBe(1);
    const report = parseJson(r.stdout);
    expect(report.findings.map((f) => [f.path, f.line, f.ruleId, f.severity])).toEqual([
      ['a.txt', 2, 'us-ssn', 'critical'],
      ['a.txt', 3, 'phone-number', 'critical'], // severity by entity
      ['a.txt', 5, 'employee-id', 'medium'], // rule from the config's rules folder
      ['a.txt', 6, 'vin', 'info'], // severity by rule id
    ]);
    expect(report.findings.some((f) => f.entity === 'IP_ADDRESS')).toBe(false);
    expect(report.summary['allowListed']).toBe(1);
    expect(report.diagnostics).toEqual([{ path: 'skip-me.txt', level: 'skipped', message: 'excluded by configuration' }]);
    expect(r.stderr).toContain('skipped: skip-me.txt: excluded by configuration');
  });

  it('minConfidence in the config hides findings below it; --min-confidence overrides it', async () => {
    // Rules without validators or context: confidence is exactly the pattern score.
    const cwd = writeTree(dirs.make(), {
      '.pii-scan.yaml': 'builtinRules: false\nrules: [scored.yaml]\nminConfidence: 0.9\n',
      'scored.yaml': [
        'rules:',
        "  - { id: sure, entity: SURE_ID, severity: high, patterns: [{ regex: 'SURE-\\d{4}', score: 0.95 }] }",
        "  - { id: maybe, entity: MAYBE_ID, severity: high, patterns: [{ regex: 'MAYBE-\\d{4}', score: 0.6 }] }",
        '',
      ].join('\n'),
      'a.txt': 'SURE-1234 MAYBE-1234\n',
    });
    const strict = await runCli(['-f', 'json', 'a.txt'], { cwd });
    expect(parseJson(strict.stdout).findings.map((f) => [f.ruleId, f.confidence])).toEqual([['sure', 0.95]]);
    expect(parseJson(strict.stdout).summary['belowThreshold']).toBe(1);
    const loose = await runCli(['-f', 'json', '--min-confidence', '0.5', 'a.txt'], { cwd });
    expect(parseJson(loose.stdout).findings.map((f) => [f.ruleId, f.confidence])).toEqual([
      ['sure', 0.95],
      ['maybe', 0.6],
    ]);
    const none = await runCli(['-f', 'json', '--min-confidence', '1', 'a.txt'], { cwd });
    expect(parseJson(none.stdout).findings).toEqual([]);
    expect(none.code).toBe(0);
  });

  it('--no-config ignores the config file', async () => {
    const root = project(FULL_CONFIG);
    const r = await runCli(['--no-config', '-f', 'json', '.'], { cwd: join(root, 'docs', 'deep') });
    const report = parseJson(r.stdout);
    expect(report.findings.map((f) => [f.path, f.line, f.entity, f.severity])).toEqual([
      ['a.txt', 1, 'US_SSN', 'critical'],
      ['a.txt', 2, 'US_SSN', 'critical'],
      ['a.txt', 3, 'PHONE_NUMBER', 'low'],
      ['a.txt', 4, 'IP_ADDRESS', 'low'],
      ['a.txt', 6, 'VIN', 'medium'],
      ['skip-me.txt', 1, 'US_SSN', 'critical'],
    ]);
    expect(report.diagnostics).toEqual([]);
  });

  it('--no-config also ignores a broken config', async () => {
    const root = project('disable: [no-such-rule]\n');
    const r = await runCli(['--no-config', 'docs/deep/a.txt'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
  });

  it('--config FILE uses that file (its rule paths relative to it) instead of searching', async () => {
    const root = project('disable: [US_SSN]\n');
    writeTree(root, {
      'elsewhere/strict.yaml': 'rules: [../team-rules]\ndisable: [PHONE_NUMBER, VIN, IP_ADDRESS]\n',
    });
    const cwd = join(root, 'docs', 'deep');
    const r = await runCli(['--config', '../../elsewhere/strict.yaml', '-f', 'json', 'a.txt'], { cwd });
    expect(parseJson(r.stdout).findings.map((f) => [f.line, f.ruleId])).toEqual([
      [1, 'us-ssn'],
      [2, 'us-ssn'],
      [5, 'employee-id'],
    ]);
  });

  it('--config with a missing file is an error', async () => {
    const cwd = writeTree(dirs.make(), { 'a.txt': SSN_LINE });
    const r = await runCli(['--config', 'missing.yaml', 'a.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(join(cwd, 'missing.yaml'));
    expect(r.stderr).toMatch(/cannot read config file/);
  });

  it.each([
    { what: 'disable naming no rule', config: '# c\ndisable: [no-such-rule]\n', where: ':2:', message: /disable: no rule or entity named 'no-such-rule'/ },
    { what: 'severity naming no rule', config: 'severity:\n  NOT_AN_ENTITY: high\n', where: ':1:', message: /severity: no rule or entity named 'NOT_AN_ENTITY'/ },
    { what: 'a bad severity value', config: 'severity:\n  us-ssn: huge\n', where: ':2:', message: /severity\.us-ssn: 'huge' is not one of/ },
    { what: 'an unknown field', config: 'minConfidense: 0.8\n', where: ':1:', message: /minConfidense: unknown field \(did you mean 'minConfidence'\?\)/ },
    { what: 'minConfidence out of range', config: 'failOn: high\nminConfidence: 3\n', where: ':2:', message: /minConfidence: expected a number from 0 to 1/ },
    { what: 'a bad failOn', config: 'failOn: sometimes\n', where: ':1:', message: /failOn: 'sometimes' is not one of/ },
    { what: 'invalid YAML', config: 'allow: [a, b\nexclude: []\n', where: ':', message: /invalid YAML/ },
    { what: 'a missing rules path', config: 'rules: [no-such-folder]\n', where: '', message: /no-such-folder.*rule path not found/ },
  ])('config with $what: exit 2, names the file and line, scans nothing', async ({ config, where, message }) => {
    const root = writeTree(dirs.make(), { '.pii-scan.yaml': config, 'sub/a.txt': SSN_LINE });
    const r = await runCli(['a.txt'], { cwd: join(root, 'sub') });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    if (where !== '') expect(r.stderr).toContain(`${join(root, '.pii-scan.yaml')}${where}`);
    expect(r.stderr).toMatch(message);
  });

  it('an empty config file is fine (defaults)', async () => {
    const root = writeTree(dirs.make(), { '.pii-scan.yaml': '# nothing yet\n', 'a.txt': SSN_LINE });
    const r = await runCli(['a.txt'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('US_SSN');
  });

  it('builtinRules: false runs only the project rules', async () => {
    const root = project('builtinRules: false\nrules: [team-rules]\n');
    const r = await runCli(['-f', 'json', 'docs/deep/a.txt'], { cwd: root });
    expect(parseJson(r.stdout).findings.map((f) => f.ruleId)).toEqual(['employee-id']);
  });

  it('an exclude pattern for a folder skips every file under it', async () => {
    const root = writeTree(dirs.make(), {
      '.pii-scan.yaml': "exclude: ['vendor/']\n",
      'vendor/lib/a.txt': SSN_LINE,
      'src/b.txt': SSN_LINE,
    });
    const r = await runCli(['-f', 'json', '.'], { cwd: root });
    const report = parseJson(r.stdout);
    expect(report.findings.map((f) => f.path)).toEqual(['src/b.txt']);
    expect(report.diagnostics.map((d) => d.path)).toEqual(['vendor/lib/a.txt']);
  });

  it('defaultRegion (also from .pii-scan.yml) reads numbers without a country code in that region; --region overrides it', async () => {
    const root = writeTree(dirs.make(), { '.pii-scan.yml': 'defaultRegion: GB\n', 'a.txt': 'call me at (213) 621-0002\n' });
    // A US number is not a valid GB number.
    // --fail-on low: a phone number is low severity, below the default.
    expect((await runCli(['--fail-on', 'low', 'a.txt'], { cwd: root })).code).toBe(0);
    const us = await runCli(['--fail-on', 'low', '--region', 'us', 'a.txt'], { cwd: root });
    expect(us.code).toBe(1);
    expect(us.stdout).toContain('PHONE_NUMBER');
    expect((await runCli(['--fail-on', 'low', '--no-config', '--region', 'GB', 'a.txt'], { cwd: root })).code).toBe(0);
  });
});
