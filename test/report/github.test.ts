/** `--format github`: workflow-command annotations, escaped as the Actions toolkit does, masked. */
import type { FileFinding, ScanOutcome } from '../../src/model/scan.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { RuleDef } from '../../src/model/rule.js';
import { ANNOTATIONS_PER_LEVEL, escapeData, escapeProperty, githubReporter } from '../../src/report/github.js';
import { SummaryCounter } from '../../src/report/summary.js';
import { PLANTED, plantedFor, plantedText, runCli, tempDirs, writeTree } from '../cli/helpers.js';

const dirs = tempDirs();
let cwd: string;

beforeAll(() => {
  cwd = writeTree(dirs.make(), {
    'notes.txt': 'Case notes\nSSN: 536-22-4391\ncall me at (213) 621-0002\nVIN: 1HGCM82633A004352\n',
    'odd, dir:50%/a.txt': 'SSN: 671-03-2298\n',
    'leaky.txt': plantedText(),
    // Low findings first in the walk, critical ones after: more of each than GitHub shows from a step.
    'many/a.txt': Array.from({ length: 15 }, (_, i) => `call me at (213) 621-${String(i + 2).padStart(4, '0')}\n`).join(''),
    'many/b.txt': Array.from({ length: 12 }, (_, i) => `SSN: 536-22-${4391 + i}\n`).join(''),
  });
});
afterAll(() => dirs.cleanup());

describe('github format', () => {
  it('prints one annotation per finding, errors then warnings then notices, then a summary', async () => {
    const r = await runCli(['-f', 'github', 'notes.txt'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      "::error file=notes.txt,line=2,col=6,endLine=2,endColumn=16,title=US_SSN (us-ssn)::US_SSN ***-**-4391 (confidence 1.00): dashed SSN; ssn check passed; context 'SSN' 2 chars before",
      "::warning file=notes.txt,line=4,col=6,endLine=4,endColumn=22,title=VIN (vin)::VIN *************4352 (confidence 0.90): VIN with check digit; vin-shape check passed; context 'VIN' 2 chars before",
      "::notice file=notes.txt,line=3,col=12,endLine=3,endColumn=25,title=PHONE_NUMBER (phone-number)::PHONE_NUMBER (***) ***-0002 (confidence 0.85): US-style number; valid US number; context 'call' 7 chars before",
      'pii-scan: 3 findings (1 critical, 1 medium, 1 low) in 1 input; 1 input scanned',
      '',
    ]);
  });

  it('escapes , : and % in properties (the file name here), and annotates standard input without a file', async () => {
    const r = await runCli(['-f', 'github', join('odd, dir:50%', 'a.txt')], { cwd });
    expect(r.stdout.split('\n')[0]).toBe(
      "::error file=odd%2C dir%3A50%25/a.txt,line=1,col=6,endLine=1,endColumn=16,title=US_SSN (us-ssn)::US_SSN ***-**-2298 (confidence 1.00): dashed SSN; ssn check passed; context 'SSN' 2 chars before",
    );
    const stdin = await runCli(['-f', 'github', '-'], { cwd, stdin: 'SSN: 671-03-2298\n' });
    expect(stdin.stdout.split('\n')[0]).toBe(
      "::error title=US_SSN (us-ssn)::US_SSN ***-**-2298 (confidence 1.00): dashed SSN; ssn check passed; context 'SSN' 2 chars before",
    );
  });

  it('escape functions follow the toolkit: data escapes % CR LF, properties also : and ,', () => {
    expect(escapeData('50%\r\nnext: a, b')).toBe('50%25%0D%0Anext: a, b');
    expect(escapeProperty('50%\r\nnext: a, b')).toBe('50%25%0D%0Anext%3A a%2C b');
  });

  it('a finding over several lines has no columns (GitHub refuses them), and the end line is inclusive', () => {
    let out = '';
    const def = { id: 'multi', entity: 'MULTI', severity: 'medium', mask: 'full' } as unknown as RuleDef;
    const reporter = githubReporter((s) => (out += s), { showValues: false, color: false }, [def]);
    const f: FileFinding = {
      path: 'a.txt', ruleId: 'multi', entity: 'MULTI', severity: 'medium', confidence: 0.9, value: 'ab\ncd\n',
      why: 'because', index: 0, line: 2, column: 3, endLine: 4, endColumn: 1, offset: 0, length: 6, contextHash: '',
    };
    reporter.finding(f);
    const outcome: ScanOutcome = {
      diagnostics: [],
      defs: [def],
      stats: { filesScanned: 1, bytesScanned: 6, belowThreshold: 0, allowListed: 0, suppressed: 0, baselined: 0, unchangedLines: 0 },
    };
    const counter = new SummaryCounter();
    counter.add(f);
    reporter.end(outcome, counter.summary(outcome));
    expect(out.split('\n')[0]).toBe('::warning file=a.txt,line=2,endLine=3,title=MULTI (multi)::MULTI ** ** (confidence 0.90): because');
  });

  it('prints the most severe first and at most ANNOTATIONS_PER_LEVEL of each level, then says how many more the SARIF holds', async () => {
    const r = await runCli(['-f', 'github', 'many'], { cwd });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    const levels = lines.filter((l) => l.startsWith('::')).map((l) => `${/^::(\w+)/.exec(l)![1]} ${/file=([^,]+)/.exec(l)![1]}`);
    expect(levels).toEqual([...Array(ANNOTATIONS_PER_LEVEL).fill('error many/b.txt'), ...Array(ANNOTATIONS_PER_LEVEL).fill('notice many/a.txt')]);
    // Within a level, in the order found: the first lines of each file.
    expect(lines[0]).toContain('line=1,');
    expect(lines[ANNOTATIONS_PER_LEVEL]).toContain('line=1,');
    expect(lines.at(-2)).toBe('pii-scan: 27 findings (12 critical, 15 low) in 2 inputs; 2 inputs scanned');
    expect(lines.at(-1)).toMatch(/^pii-scan: 7 more annotations not shown: GitHub shows 10 of each level from a step, .*the SARIF report \(-f sarif/);
  });

  it('counts notes on inputs not scanned among the warnings, ahead of medium findings', () => {
    let out = '';
    const def = { id: 'vin', entity: 'VIN', severity: 'medium', mask: 'full' } as unknown as RuleDef;
    const reporter = githubReporter((s) => (out += s), { showValues: false, color: false }, [def]);
    const counter = new SummaryCounter();
    for (let i = 1; i <= ANNOTATIONS_PER_LEVEL; i++) {
      const f: FileFinding = {
        path: 'a.txt', ruleId: 'vin', entity: 'VIN', severity: 'medium', confidence: 0.9, value: '1HGCM82633A004352',
        why: 'because', index: 0, line: i, column: 1, endLine: i, endColumn: 18, offset: 0, length: 17, contextHash: '',
      };
      counter.add(f);
      reporter.finding(f);
    }
    const outcome: ScanOutcome = {
      diagnostics: [{ path: 'scan.png', level: 'skipped', message: 'binary file (PNG image)', notScanned: true }],
      defs: [def],
      stats: { filesScanned: 1, bytesScanned: 6, belowThreshold: 0, allowListed: 0, suppressed: 0, baselined: 0, unchangedLines: 0 },
    };
    reporter.end(outcome, counter.summary(outcome));
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('::warning file=scan.png,title=pii-scan%3A not scanned::binary file (PNG image)');
    expect(lines.filter((l) => l.startsWith('::warning'))).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(lines.at(-1)).toMatch(/^pii-scan: 1 more annotation not shown/);
  });

  it('lists stale baseline entries in a notice', async () => {
    const dir = writeTree(dirs.make(), { 'a.txt': 'SSN: 536-22-4391\n' });
    await runCli(['baseline', 'create'], { cwd: dir });
    writeTree(dir, { 'a.txt': 'nothing now\n' });
    const r = await runCli(['-f', 'github', '--baseline', '.pii-scan-baseline.json', 'a.txt'], { cwd: dir });
    expect(r.stdout).toBe(
      '::notice title=pii-scan baseline::1 stale baseline entry in .pii-scan-baseline.json matched nothing: a.txt us-ssn. pii-scan baseline create rewrites the baseline.\n' +
        'pii-scan: no findings; 1 input scanned\n',
    );
  });

  it('never prints a raw value (as written or as bare letters and digits) unless --show-values', async () => {
    const r = await runCli(['-f', 'github', 'leaky.txt'], { cwd });
    expect(r.code).toBe(1);
    const entities = new Set(PLANTED.map((p) => p.entity));
    for (const e of entities) expect(r.stdout).toContain(`title=${e} (`);
    for (const p of PLANTED) {
      const compact = p.value.replace(/[^0-9A-Za-z]/g, '');
      expect({ value: p.value, leaked: r.stdout.includes(p.value) || r.stderr.includes(p.value) }).toEqual({ value: p.value, leaked: false });
      expect({ value: compact, leaked: r.stdout.includes(compact) }).toEqual({ value: compact, leaked: false });
    }
    const shown = await runCli(['-f', 'github', '--show-values', 'leaky.txt'], { cwd });
    expect(shown.stdout).toContain(plantedFor('US_SSN').value);
  });
});
