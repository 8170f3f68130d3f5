/** The human report: one finding per block, masked values, a summary, colour only when wanted. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANSI, runCli, tempDirs, writeTree } from '../cli/helpers.js';

const dirs = tempDirs();
let cwd: string;
beforeAll(() => {
  cwd = writeTree(dirs.make(), {
    'notes.txt': 'Case notes\nSSN: 536-22-4391\ncall me at (213) 621-0002\n',
    'clean.txt': 'nothing to report\n',
  });
});
afterAll(() => dirs.cleanup());

describe('text format', () => {
  it('prints path:line:col, severity, entity, masked value, confidence, rule id, a why: line and a summary', async () => {
    const r = await runCli(['notes.txt'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      'notes.txt:2:6  critical US_SSN  ***-**-4391  confidence 1.00  [us-ssn]',
      "    why: dashed SSN; ssn check passed; context 'SSN' 2 chars before",
      expect.stringMatching(/^notes\.txt:3:12  low {6}PHONE_NUMBER  \(\*\*\*\) \*\*\*-0002  confidence (0\.[5-9]\d|1\.00)  \[phone-number\]$/),
      expect.stringMatching(/^ {4}why: US-style number; .*context 'call' 7 chars before/),
      '',
      '✖ 2 findings (1 critical, 1 low) in 1 input; 1 input scanned (54 B)',
      '  values are masked; --show-values prints them',
      '',
    ]);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('--show-values prints the raw values and drops the masking hint', async () => {
    const r = await runCli(['--show-values', 'notes.txt'], { cwd });
    expect(r.stdout).toContain('notes.txt:2:6  critical US_SSN  536-22-4391  confidence 1.00  [us-ssn]');
    expect(r.stdout).toContain('(213) 621-0002');
    expect(r.stdout).not.toContain('values are masked');
  });

  it('a clean run prints one summary line', async () => {
    const r = await runCli(['clean.txt'], { cwd });
    expect(r.stdout).toBe('✔ no findings; 1 input scanned (18 B)\n');
  });

  it('the summary lists what was not reported: below threshold, skipped, errors', async () => {
    writeTree(cwd, { 'bin.dat': Buffer.from([0, 1, 2]) });
    const r = await runCli(['--min-confidence', '0.9', 'notes.txt', 'bin.dat', 'missing.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('✖ 1 finding (1 critical) in 1 input; 1 input scanned (54 B)');
    expect(r.stdout).toContain('  not reported: 1 below the confidence threshold, 1 error\n  not scanned: 1 input or document part');
    // Diagnostics go to stderr so stdout stays a report.
    // Diagnostics come in argument order, as inputs are met.
    expect(r.stderr).toBe('pii-scan: skipped: bin.dat: binary file (NUL bytes)\npii-scan: error: missing.txt: no such file or folder\n');
  });

  it('--show-values keeps one line per finding when a value spans lines', async () => {
    writeTree(cwd, { 'worksheet.txt': 'Subject narrative for the warrant.\nFIELD OPERATIONS\nWORKSHEET\n' });
    const r = await runCli(['--show-values', 'worksheet.txt'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^worksheet\.txt:2:1  high {5}DOCUMENT_MARKING  FIELD OPERATIONS WORKSHEET  confidence [\d.]+  \[document-marking\]\n {4}why: /);
    // JSON keeps the exact value.
    const json = await runCli(['-f', 'json', '--show-values', 'worksheet.txt'], { cwd });
    expect((JSON.parse(json.stdout) as { findings: Array<{ value: string }> }).findings[0]!.value).toBe('FIELD OPERATIONS\nWORKSHEET');
  });

  it('document markings are shown as written (mask: none)', async () => {
    writeTree(cwd, { 'memo.txt': 'This message is FOR OFFICIAL USE ONLY.\n' });
    const r = await runCli(['memo.txt'], { cwd });
    expect(r.stdout).toContain('memo.txt:1:17  high     DOCUMENT_MARKING  FOR OFFICIAL USE ONLY  confidence');
  });

  it('the why: line has no dangling separator for a rule without validators or context', async () => {
    writeTree(cwd, {
      'r.yaml': "id: employee-id\nentity: EMPLOYEE_ID\nseverity: medium\npatterns:\n  - { name: badge number, regex: 'EMP-\\d{6}', score: 0.9 }\n",
      'badge.txt': 'badge EMP-123456\n',
    });
    const r = await runCli(['--rules', 'r.yaml', 'badge.txt'], { cwd });
    expect(r.stdout).toContain('    why: badge number\n');
  });
});

describe('colour', () => {
  const colored = async (env: Record<string, string>, stdoutIsTTY: boolean): Promise<boolean> =>
    ANSI.test((await runCli(['notes.txt'], { cwd, env, stdoutIsTTY })).stdout);

  it('no ANSI codes when stdout is not a terminal', async () => {
    expect(await colored({}, false)).toBe(false);
  });

  it('colour on a terminal', async () => {
    const r = await runCli(['notes.txt'], { cwd, stdoutIsTTY: true });
    expect(r.stdout).toMatch(ANSI);
    // Same words, only styled.
    // eslint-disable-next-line no-control-regex
    expect(r.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toBe((await runCli(['notes.txt'], { cwd })).stdout);
  });

  it('NO_COLOR (any non-empty value) turns colour off on a terminal', async () => {
    expect(await colored({ NO_COLOR: '1' }, true)).toBe(false);
    expect(await colored({ NO_COLOR: 'yes' }, true)).toBe(false);
    expect(await colored({ NO_COLOR: '' }, true)).toBe(true);
  });

  it('FORCE_COLOR=1 turns colour on when stdout is not a terminal', async () => {
    expect(await colored({ FORCE_COLOR: '1' }, false)).toBe(true);
  });

  it('FORCE_COLOR=0 (or false) turns colour off, as in Node and chalk', async () => {
    expect(await colored({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(await colored({ FORCE_COLOR: 'false' }, true)).toBe(false);
  });

  it('no colour in a file written with --output, even when forced', async () => {
    const r = await runCli(['notes.txt', '--output', 'report.txt'], { cwd, env: { FORCE_COLOR: '1' }, stdoutIsTTY: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const written = readFileSync(join(cwd, 'report.txt'), 'utf8');
    expect(written).toContain('notes.txt:2:6  critical US_SSN  ***-**-4391');
    expect(written).not.toMatch(ANSI);
  });
});
