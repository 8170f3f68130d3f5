/** The JSON report is a contract other tools parse: field names, types and meanings. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson, runCli, tempDirs, writeTree } from '../cli/helpers.js';

const dirs = tempDirs();
let cwd: string;
beforeAll(() => {
  cwd = writeTree(dirs.make(), {
    'a.txt': 'Case notes\nSSN: 536-22-4391\nVisa 4929 1234 5678 9015 on file\n',
    'b.txt': 'nothing here\n',
  });
});
afterAll(() => dirs.cleanup());

describe('json format', () => {
  it('has the contract fields with the right values', async () => {
    const r = await runCli(['-f', 'json', 'a.txt', 'b.txt'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const report = parseJson(r.stdout);
    expect(report.version).toBe(1);
    expect(report.tool.name).toBe('pii-scan');
    expect(report.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.findings).toHaveLength(2);
    const [ssn, card] = report.findings;
    expect(Object.keys(ssn!).sort()).toEqual(
      ['path', 'ruleId', 'entity', 'severity', 'confidence', 'line', 'column', 'endLine', 'endColumn', 'offset', 'length', 'value', 'masked', 'why', 'contextHash'].sort(),
    );
    expect(ssn).toEqual({
      path: 'a.txt',
      ruleId: 'us-ssn',
      entity: 'US_SSN',
      severity: 'critical',
      confidence: 1,
      line: 2,
      column: 6,
      endLine: 2,
      endColumn: 17,
      offset: 16,
      length: 11,
      value: '***-**-4391',
      masked: true,
      why: "dashed SSN; ssn check passed; context 'SSN' 2 chars before",
      contextHash: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(card).toMatchObject({
      path: 'a.txt',
      ruleId: 'credit-card',
      entity: 'CREDIT_CARD',
      severity: 'critical',
      line: 3,
      column: 6,
      endLine: 3,
      endColumn: 25,
      offset: 33,
      length: 19,
      value: '**** **** **** 9015',
      masked: true,
    });
    expect(card!.confidence).toBeGreaterThan(0.5);
    expect(card!.confidence).toBeLessThanOrEqual(1);
    expect(card!.why).toMatch(/Luhn/);
  });

  it('offset and length point at the value in the file bytes', async () => {
    const r = await runCli(['-f', 'json', '--show-values', 'a.txt'], { cwd });
    const bytes = readFileSync(join(cwd, 'a.txt'));
    for (const f of parseJson(r.stdout).findings) {
      expect(bytes.subarray(f.offset, f.offset + f.length).toString('utf8')).toBe(f.value);
      expect(f.masked).toBe(false);
    }
  });

  it('has a summary with counts', async () => {
    const r = await runCli(['-f', 'json', 'a.txt', 'b.txt'], { cwd });
    expect(parseJson(r.stdout).summary).toEqual({
      findings: 2,
      bySeverity: { info: 0, low: 0, medium: 0, high: 0, critical: 2 },
      byEntity: { CREDIT_CARD: 1, US_SSN: 1 },
      filesScanned: 2,
      filesWithFindings: 1,
      bytesScanned: 74,
      skipped: 0,
      notScanned: 0,
      errors: 0,
      belowThreshold: 0,
      allowListed: 0,
      suppressed: 0,
    });
  });

  it('clean input gives an empty findings list, still valid JSON', async () => {
    const r = await runCli(['-f', 'json', 'b.txt'], { cwd });
    expect(r.code).toBe(0);
    const report = parseJson(r.stdout);
    expect(report.findings).toEqual([]);
    expect(report.summary.findings).toBe(0);
    expect(report.diagnostics).toEqual([]);
  });

  it('stdout is pure JSON even when there are diagnostics (they go to stderr and into the report)', async () => {
    const r = await runCli(['-f', 'json', 'a.txt', 'missing.txt'], { cwd });
    expect(r.code).toBe(2);
    const report = parseJson(r.stdout);
    expect(report.diagnostics).toEqual([{ path: 'missing.txt', level: 'error', message: 'no such file or folder' }]);
    expect(r.stderr).toContain('missing.txt');
  });

  it('--output FILE (relative to the working folder) gets exactly what stdout would show; stdout stays empty; same exit code', async () => {
    const dir = writeTree(dirs.make(), { 'a.txt': 'SSN: 536-22-4391\n', 'out/.keep': '' });
    const toFile = await runCli(['-f', 'json', '--output', 'out/report.json', 'a.txt'], { cwd: dir });
    const toStdout = await runCli(['-f', 'json', 'a.txt'], { cwd: dir });
    expect(toFile.stdout).toBe('');
    expect(toFile.code).toBe(1);
    expect(readFileSync(join(dir, 'out/report.json'), 'utf8')).toBe(toStdout.stdout);
  });

  it('--output into a missing folder: exit 2 with a clear message (not an internal error)', async () => {
    const dir = writeTree(dirs.make(), { 'a.txt': 'SSN: 536-22-4391\n' });
    const r = await runCli(['-f', 'json', '--output', 'no/such/dir/report.json', 'a.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write report to no\/such\/dir\/report\.json: no such file or folder/);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});
