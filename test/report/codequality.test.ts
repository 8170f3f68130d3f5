/**
 * `--format codequality`: GitLab Code Quality issues (artifacts:reports:codequality), shaped as
 * GitLab documents them, masked, relative to the repository root, with SARIF's fingerprints.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PLANTED, plantedText, ROOT, runCli, tempDirs } from '../cli/helpers.js';
import { commitAll, makeRepo, SSN_A, SSN_B, type Repo } from '../git/helpers.js';

/**
 * GitLab's documented fields (Code Quality report format): description, check_name, fingerprint,
 * severity (info, minor, major, critical, blocker) and location.path with location.lines.begin
 * (location.positions is the alternative GitLab accepts; this report always gives lines).
 */
const CODE_QUALITY_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      type: { const: 'issue' },
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      categories: { type: 'array', items: { type: 'string' } },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          // Relative to the repository root, without ./ (GitLab matches it against the diff).
          path: { type: 'string', minLength: 1, not: { pattern: '^(/|\\./|\\.\\./)' } },
          lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } } },
        },
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true }).compile(CODE_QUALITY_SCHEMA);

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end?: number } };
}

const dirs = tempDirs();
let r: Repo;

beforeAll(() => {
  const home = dirs.make('pii-scan-home-');
  r = makeRepo(join(home, 'repo'), home);
  r.write({
    'sub/a.txt': `Case notes\nSSN: ${SSN_A}\ncall me at (213) 621-0002\nVIN: 1HGCM82633A004352\n`,
    'people.csv': `name,ssn\nBob,${SSN_B}\n`,
    'leaky.txt': plantedText(),
    'scan.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
  });
  mkdirSync(join(r.dir, 'docs'));
  copyFileSync(join(ROOT, 'fixtures/documents/brief.docx'), join(r.dir, 'docs/brief.docx'));
  commitAll(r, 'init');
});
afterAll(() => dirs.cleanup());

async function codeQuality(argv: string[], cwd = r.dir): Promise<{ code: number; issues: Issue[]; stdout: string }> {
  const res = await runCli(['scan', '-f', 'codequality', '--no-fail-on-skipped', ...argv], { cwd, env: r.env });
  const issues = JSON.parse(res.stdout) as Issue[];
  const ok = validate(issues);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  return { code: res.code, issues, stdout: res.stdout };
}

describe('codequality format', () => {
  it('is a JSON array of GitLab issues: masked description, rule, severity, root-relative path and line', async () => {
    const { code, issues } = await codeQuality(['a.txt'], join(r.dir, 'sub'));
    expect(code).toBe(1);
    expect(issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin])).toEqual([
      ['pii-scan/us-ssn', 'blocker', 'sub/a.txt', 2],
      ['pii-scan/phone-number', 'minor', 'sub/a.txt', 3],
      ['pii-scan/vin', 'major', 'sub/a.txt', 4],
    ]);
    expect(issues[0]!.description).toBe("US_SSN ***-**-4391 (confidence 1.00): dashed SSN; ssn check passed; context 'SSN' 2 chars before");
  });

  it('is an empty array when nothing is found', async () => {
    const { code, issues } = await codeQuality(['people.csv', '--exclude', '*.csv']);
    expect({ code, issues }).toEqual({ code: 0, issues: [] });
  });

  it("uses SARIF's fingerprints: distinct, and the same from any folder", async () => {
    const a = await codeQuality(['sub/a.txt', 'people.csv']);
    const b = await codeQuality(['a.txt', '../people.csv'], join(r.dir, 'sub'));
    expect(b.issues.map((i) => i.fingerprint).sort()).toEqual(a.issues.map((i) => i.fingerprint).sort());
    expect(new Set(a.issues.map((i) => i.fingerprint)).size).toBe(a.issues.length);
    const sarif = JSON.parse((await runCli(['scan', '-f', 'sarif', 'sub/a.txt', 'people.csv'], { cwd: r.dir, env: r.env })).stdout) as {
      runs: Array<{ results: Array<{ partialFingerprints: Record<string, string> }> }>;
    };
    expect(a.issues.map((i) => i.fingerprint)).toEqual(sarif.runs[0]!.results.map((x) => x.partialFingerprints['piiScanFinding/v1']));
  });

  it('says where inside a document, and lists inputs not scanned as issues of their own', async () => {
    const { issues } = await codeQuality(['docs/brief.docx', 'scan.png']);
    const doc = issues.filter((i) => i.location.path === 'docs/brief.docx');
    expect(doc.length).toBeGreaterThan(0);
    for (const i of doc) expect(i.description).toMatch(/^\[[^\]]+\] [A-Z_]+ /);
    expect(issues.filter((i) => i.location.path === 'scan.png')).toEqual([
      expect.objectContaining({ check_name: 'pii-scan/not-scanned', severity: 'major', location: { path: 'scan.png', lines: { begin: 1 } } }),
    ]);
  });

  it('never holds a raw value unless --show-values', async () => {
    const { stdout } = await codeQuality(['leaky.txt']);
    for (const p of PLANTED) {
      const compact = p.value.replace(/[^0-9A-Za-z]/g, '');
      expect({ value: p.value, leaked: stdout.includes(p.value) || stdout.includes(compact) }).toEqual({ value: p.value, leaked: false });
    }
  });
});
