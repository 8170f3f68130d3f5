/**
 * SARIF that code scanning can resolve: files relative to %SRCROOT% (the repository root) whatever
 * folder the scan ran in, the root given as a file URI, regions for document findings, and a log
 * that the SARIF multitool validates without errors or warnings (when it is installed).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, runCli, tempDirs, writeTree } from '../cli/helpers.js';
import { commitAll, makeRepo, SSN_A, SSN_B, type Repo } from '../git/helpers.js';
import { validateSarif } from './sarif-schema.js';

interface Location {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: { startLine: number; startColumn?: number; byteOffset?: number; byteLength?: number };
  };
  logicalLocations?: Array<{ fullyQualifiedName: string }>;
}
interface SarifLog {
  runs: Array<{
    tool: { driver: { informationUri?: string; rules: Array<{ id: string; name?: string }> } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: Array<{ ruleId: string; message: { text: string }; locations: Location[] }>;
  }>;
}

const dirs = tempDirs();
let r: Repo;
let outside: string;

beforeAll(() => {
  const home = dirs.make('pii-scan-home-');
  r = makeRepo(join(home, 'repo'), home);
  r.write({ 'sub/a.txt': `SSN: ${SSN_A}\n`, 'people.csv': `name,ssn\nBob,${SSN_B}\n`, 'sub/deeper/c.txt': 'nothing\n' });
  mkdirSync(join(r.dir, 'docs'));
  copyFileSync(join(ROOT, 'fixtures/documents/brief.docx'), join(r.dir, 'docs/brief.docx'));
  commitAll(r, 'init');
  outside = writeTree(dirs.make('pii-scan-outside-'), { 'x.txt': `SSN: ${SSN_A}\n` });
});
afterAll(() => dirs.cleanup());

async function sarif(argv: string[], cwd: string): Promise<SarifLog> {
  const res = await runCli(['scan', '-f', 'sarif', ...argv], { cwd, env: r.env });
  const log = JSON.parse(res.stdout) as SarifLog;
  const ok = validateSarif(log);
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  return log;
}

// The name column of people.csv adds PERSON and PROFILE results; paths are what is tested here.
const artifacts = (log: SarifLog) => log.runs[0]!.results.filter((x) => x.ruleId !== 'person' && x.ruleId !== 'profile').map((x) => x.locations[0]!.physicalLocation.artifactLocation);
const rootUri = () => pathToFileURL(r.dir).href + '/';

describe('sarif paths resolve from the repository root', () => {
  it('names files relative to %SRCROOT% from a subfolder, never ../x or an absolute path', async () => {
    const log = await sarif(['../people.csv', 'a.txt'], join(r.dir, 'sub'));
    expect(artifacts(log)).toEqual([
      { uri: 'people.csv', uriBaseId: '%SRCROOT%' },
      { uri: 'sub/a.txt', uriBaseId: '%SRCROOT%' },
    ]);
    expect(log.runs[0]!.originalUriBaseIds).toEqual({ '%SRCROOT%': expect.objectContaining({ uri: rootUri() }) });
  });

  it('names staged files relative to the repository root, from any folder', async () => {
    r.write({ 'sub/a.txt': `SSN: ${SSN_A}\nnew: ${SSN_B}\n` });
    r.git('add', 'sub/a.txt');
    try {
      for (const cwd of [r.dir, join(r.dir, 'sub', 'deeper')]) {
        const log = await sarif(['--staged'], cwd);
        expect(artifacts(log)).toEqual([{ uri: 'sub/a.txt', uriBaseId: '%SRCROOT%' }]);
      }
    } finally {
      r.git('reset', '-q', 'HEAD', 'sub/a.txt');
      r.git('checkout', '--', 'sub/a.txt');
    }
  });

  it('names a file outside the root by its file URI', async () => {
    const log = await sarif([join(outside, 'x.txt')], r.dir);
    expect(artifacts(log)).toEqual([{ uri: pathToFileURL(join(outside, 'x.txt')).href }]);
  });

  it('gives document findings a region and says where inside in a logical location and the message', async () => {
    const log = await sarif(['docs/brief.docx', 'people.csv'], r.dir);
    const results = log.runs[0]!.results;
    const docx = results.find((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'docs/brief.docx')!;
    const where = docx.locations[0]!.logicalLocations![0]!.fullyQualifiedName;
    expect(docx.locations[0]!.physicalLocation.region).toEqual({ startLine: 1, startColumn: expect.any(Number), endLine: 1, endColumn: expect.any(Number) });
    expect(docx.message.text.startsWith(`[${where}] `)).toBe(true);
    // A CSV's lines are the file's own: the row, with byte offsets.
    const csv = results.find((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'people.csv' && x.ruleId === 'us-ssn')!;
    expect(csv.locations[0]!.physicalLocation.region).toEqual(expect.objectContaining({ startLine: 2, byteOffset: 13, byteLength: 11 }));
    expect(csv.message.text).toMatch(/^\[cell B2 \(ssn\)\] US_SSN \*\*\*-\*\*-2298 /);
  });

  it('says where to read about the tool, and names rules only where the name is not the id again', async () => {
    const log = await sarif(['people.csv'], r.dir);
    const driver = log.runs[0]!.tool.driver;
    expect(() => new URL(driver.informationUri!)).not.toThrow();
    expect(driver.rules.find((x) => x.id === 'us-ssn')!.name).toBe('US_SSN');
    expect(driver.rules.find((x) => x.id === 'vin')!.name).toBeUndefined();
  });
});

/** The multitool's native binary, from its per-platform package (or SARIF_MULTITOOL). */
function multitool(): string | undefined {
  const given = process.env['SARIF_MULTITOOL'];
  if (given) return given;
  const bin = join(ROOT, 'node_modules', '@microsoft', `sarif-multitool-${process.platform}`, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
  return existsSync(bin) ? bin : undefined;
}

const tool = multitool();

(tool ? describe : describe.skip)('sarif multitool', () => {
  it('validates documents, CSV, a subfolder scan and standard input with no error or warning', async () => {
    const work = dirs.make('pii-scan-multitool-');
    const logs = [
      await runCli(['scan', '-f', 'sarif', '-o', join(work, 'sub.sarif'), '../people.csv', 'a.txt'], { cwd: join(r.dir, 'sub'), env: r.env }),
      await runCli(['scan', '-f', 'sarif', '-o', join(work, 'docs.sarif'), 'docs', 'people.csv', join(outside, 'x.txt')], { cwd: r.dir, env: r.env }),
      await runCli(['scan', '-f', 'sarif', '-o', join(work, 'stdin.sarif'), '-'], { cwd: r.dir, env: r.env, stdin: `SSN: ${SSN_A}\n` }),
    ];
    for (const l of logs) expect(l.code).toBe(1);
    for (const name of ['sub', 'docs', 'stdin']) {
      const out = join(work, `${name}.validation.sarif`);
      const res = spawnSync(tool!, ['validate', '--level', 'Error;Warning', '-o', out, join(work, `${name}.sarif`)], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
      expect({ name, status: res.status, error: res.error?.message }).toEqual({ name, status: 0, error: undefined });
      const results = (JSON.parse(readFileSync(out, 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string; level: string; message: { text: string } }> }> }).runs[0]!.results;
      expect({ name, problems: results.map((x) => `${x.level} ${x.ruleId}`) }).toEqual({ name, problems: [] });
    }
  }, 300_000);
});
