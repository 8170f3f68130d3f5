/** SARIF 2.1.0 for code scanning: schema-valid, rules with help, located results, stable fingerprints. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDirs, writeTree } from '../cli/helpers.js';
import { validateSarif } from './sarif-schema.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number; byteOffset: number; byteLength: number };
    };
  }>;
  partialFingerprints: Record<string, string>;
  properties: { entity: string; severity: string; confidence: number };
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string };
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: SarifRule[] } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }>;
    results: SarifResult[];
  }>;
}

const validate = validateSarif;

function expectValidSarif(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const dirs = tempDirs();
let cwd: string;
const NOTES = [
  'Case notes',
  'SSN: 536-22-4391',
  'call me at (213) 621-0002',
  'SSN: 671-03-2298',
  'VIN: 1HGCM82633A004352',
  'second copy: SSN: 536-22-4391',
  '',
].join('\n');

beforeAll(() => {
  cwd = writeTree(dirs.make(), { 'notes.txt': NOTES, 'clean.txt': 'nothing\n' });
});
afterAll(() => dirs.cleanup());

async function sarif(argv: string[], dir = cwd, stdin?: string): Promise<{ code: number; log: SarifLog; stderr: string }> {
  const r = await runCli(['-f', 'sarif', ...argv], { cwd: dir, ...(stdin !== undefined ? { stdin } : {}) });
  return { code: r.code, log: JSON.parse(r.stdout) as SarifLog, stderr: r.stderr };
}

describe('sarif format', () => {
  it('validates against the SARIF 2.1.0 schema', async () => {
    const { code, log } = await sarif(['notes.txt']);
    expect(code).toBe(1);
    expect(log.version).toBe('2.1.0');
    expectValidSarif(log);
  });

  it('validates with no findings, and with diagnostics', async () => {
    expectValidSarif((await sarif(['clean.txt'])).log);
    const withError = await sarif(['clean.txt', 'missing.txt']);
    expectValidSarif(withError.log);
    expect(withError.code).toBe(2);
    expect(withError.log.runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
    expect(withError.log.runs[0]!.invocations[0]!.toolExecutionNotifications).toEqual([
      { level: 'error', message: { text: 'missing.txt: no such file or folder' } },
    ]);
  });

  it('lists every loaded rule once in tool.driver.rules (so results can stream), with help text and severity', async () => {
    const { log } = await sarif(['notes.txt']);
    const { driver } = log.runs[0]!.tool;
    expect(driver.name).toBe('pii-scan');
    const ids = driver.rules.map((r) => r.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    for (const r of log.runs[0]!.results) expect(driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const ssn = driver.rules.find((r) => r.id === 'us-ssn')!;
    expect(ssn.name).toBe('US_SSN');
    expect(ssn.shortDescription.text).toBe('US Social Security number');
    expect(ssn.fullDescription.text).toMatch(/Social Security number/);
    expect(ssn.help.text).toMatch(/Social Security number[\s\S]*Redact the value, or allow-list it in \.pii-scan\.yaml/);
    expect(ssn.defaultConfiguration.level).toBe('error');
    expect(ssn.properties['security-severity']).toBe('9.5');
    expect(ssn.properties.tags).toEqual(expect.arrayContaining(['security', 'pii', 'US_SSN']));
    expect(driver.rules.find((r) => r.id === 'phone-number')!.defaultConfiguration.level).toBe('note');
    expect(driver.rules.find((r) => r.id === 'vin')!.defaultConfiguration.level).toBe('warning');
  });

  it('results carry rule, level, masked message and exact locations', async () => {
    const { log } = await sarif(['notes.txt']);
    const { results, tool } = log.runs[0]!;
    expect(results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.region.startLine])).toEqual([
      ['us-ssn', 'error', 2],
      ['phone-number', 'note', 3],
      ['us-ssn', 'error', 4],
      ['vin', 'warning', 5],
      ['us-ssn', 'error', 6],
    ]);
    for (const r of results) expect(tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const first = results[0]!;
    expect(first.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'notes.txt', uriBaseId: '%SRCROOT%' },
          region: { startLine: 2, startColumn: 6, endLine: 2, endColumn: 17, byteOffset: 16, byteLength: 11 },
        },
      },
    ]);
    expect(first.message.text).toBe("US_SSN ***-**-4391 (confidence 1.00): dashed SSN; ssn check passed; context 'SSN' 2 chars before");
    expect(first.properties).toEqual({ entity: 'US_SSN', severity: 'critical', confidence: 1 });
  });

  it('every result has a partial fingerprint, all distinct (even for the same value twice in a file)', async () => {
    const { log } = await sarif(['notes.txt']);
    const prints = log.runs[0]!.results.map((r) => r.partialFingerprints['piiScanFinding/v1']);
    for (const p of prints) expect(p).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('fingerprints are stable across runs, with --show-values, and when lines are inserted above', async () => {
    const dir = writeTree(dirs.make(), { 'notes.txt': NOTES });
    const prints = (log: SarifLog) => log.runs[0]!.results.map((r) => r.partialFingerprints['piiScanFinding/v1']);
    const before = prints((await sarif(['notes.txt'], dir)).log);
    expect(prints((await sarif(['notes.txt'], dir)).log)).toEqual(before);
    expect(prints((await sarif(['--show-values', 'notes.txt'], dir)).log)).toEqual(before);

    writeFileSync(join(dir, 'notes.txt'), `New first line\n\nanother line\n${NOTES}`);
    const moved = (await sarif(['notes.txt'], dir)).log;
    expect(moved.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.region.startLine)).toEqual([5, 6, 7, 8, 9]);
    expect(prints(moved)).toEqual(before);
  });

  it('inserting a similar value above (a value masked whole) does not shift the others', async () => {
    const rows = 'Ramirez DOB 04/12/1981 seen at the lot\nOkafor DOB 07/30/1988 no vehicle\n';
    const dir = writeTree(dirs.make(), { 'roster.txt': rows });
    const prints = async () => (await sarif(['roster.txt'], dir)).log.runs[0]!.results.map((r) => r.partialFingerprints['piiScanFinding/v1']);
    const before = await prints();
    expect(before).toHaveLength(2);
    writeFileSync(join(dir, 'roster.txt'), `Tellez DOB 09/23/1984 armed\n${rows}`);
    const after = await prints();
    expect(after).toHaveLength(3);
    expect(after.slice(1)).toEqual(before);
  });

  it('a fingerprint changes with the file and with the finding', async () => {
    const dir = writeTree(dirs.make(), { 'a.txt': 'SSN: 536-22-4391\n', 'b.txt': 'SSN: 536-22-4391\n', 'c.txt': 'SSN: 671-03-2298\n' });
    const { log } = await sarif(['a.txt', 'b.txt', 'c.txt'], dir);
    const prints = log.runs[0]!.results.map((r) => r.partialFingerprints['piiScanFinding/v1']);
    expect(prints).toHaveLength(3);
    expect(new Set(prints).size).toBe(3);
  });

  it('standard input is reported with a uri that is not a file path', async () => {
    const { log } = await sarif(['-'], cwd, 'SSN: 536-22-4391\n');
    expectValidSarif(log);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('stdin');
  });

  it('paths with spaces, # and ? are percent-encoded so the uri names the file', async () => {
    const dir = writeTree(dirs.make(), { 'my notes/case #12?.txt': 'SSN: 536-22-4391\n' });
    const { log } = await sarif(['.'], dir);
    expectValidSarif(log);
    const uri = log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;
    expect(uri).toBe('my%20notes/case%20%2312%3F.txt');
    expect(decodeURIComponent(new URL(uri, 'file:///repo/').pathname)).toBe('/repo/my notes/case #12?.txt');
  });

  it('--output writes valid SARIF to a file', async () => {
    const dir = writeTree(dirs.make(), { 'a.txt': 'SSN: 536-22-4391\n' });
    const r = await runCli(['-f', 'sarif', '-o', 'results.sarif', 'a.txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const log = JSON.parse(readFileSync(join(dir, 'results.sarif'), 'utf8')) as SarifLog;
    expectValidSarif(log);
    expect(log.runs[0]!.results).toHaveLength(1);
  });
});
