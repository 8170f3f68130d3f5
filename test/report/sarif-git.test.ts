/** SARIF from git-chosen and baselined scans: schema-valid, stable fingerprints, no raw values. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { runCli, tempDirs } from '../cli/helpers.js';
import { validateSarif } from './sarif-schema.js';
import { commitAll, makeRepo, rawForms, SSN_A, SSN_B, type Repo } from '../git/helpers.js';

interface SarifLog {
  runs: Array<{
    results: Array<{
      ruleId: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
      partialFingerprints: Record<string, string>;
    }>;
  }>;
}

const validate = validateSarif;

const dirs = tempDirs();
let r: Repo;
const PHONE = '(213) 621-0002';

beforeAll(() => {
  const home = dirs.make('pii-scan-home-');
  r = makeRepo(join(home, 'repo'), home);
  r.write({ 'exports/a.txt': `header\nSSN: ${SSN_A}\n` });
  commitAll(r, 'init');
  r.git('checkout', '-q', '-b', 'feature');
  r.write({ 'exports/a.txt': `header\nnew line\nSSN: ${SSN_A}\ncall me at ${PHONE}\n`, 'exports/b.txt': `SSN: ${SSN_B}\n` });
  commitAll(r, 'more');
  r.write({ 'exports/b.txt': `moved down\n\nSSN: ${SSN_B}\n` });
  r.git('add', 'exports/b.txt');
});
afterAll(() => dirs.cleanup());

async function sarif(argv: string[]): Promise<{ code: number; log: SarifLog; text: string }> {
  const res = await runCli(['scan', '-f', 'sarif', ...argv], { cwd: r.dir, env: r.env });
  const ok = validate(JSON.parse(res.stdout));
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  return { code: res.code, log: JSON.parse(res.stdout) as SarifLog, text: res.stdout + res.stderr };
}

const summary = (log: SarifLog) =>
  log.runs[0]!.results.map((x) => `${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine} ${x.ruleId}`);
const prints = (log: SarifLog) => log.runs[0]!.results.map((x) => x.partialFingerprints['piiScanFinding/v1']!);

describe('sarif with git and baselines', () => {
  it('--staged, --since and --baseline runs validate against SARIF 2.1.0', async () => {
    const staged = await sarif(['--staged', '--all-lines']);
    expect(summary(staged.log)).toEqual(['exports/b.txt:3 us-ssn']);
    const since = await sarif(['--since', 'main']);
    expect(summary(since.log)).toEqual(['exports/a.txt:3 us-ssn', 'exports/a.txt:4 phone-number', 'exports/b.txt:3 us-ssn']);
    expect((await runCli(['baseline', 'create', 'exports'], { cwd: r.dir, env: r.env })).code).toBe(0);
    const baselined = await sarif(['--baseline', '.pii-scan-baseline.json', 'exports']);
    expect(baselined.code).toBe(0);
    expect(baselined.log.runs[0]!.results).toEqual([]);
  });

  it('fingerprints do not depend on how the file was chosen or where the value sits', async () => {
    const staged = prints((await sarif(['--staged', '--all-lines'])).log);
    const plain = prints((await sarif(['exports/b.txt'])).log);
    expect(staged).toEqual(plain);
    r.write({ 'exports/b.txt': `SSN: ${SSN_B}\n` });
    expect(prints((await sarif(['exports/b.txt'])).log)).toEqual(plain);
    r.write({ 'exports/b.txt': `moved down\n\nSSN: ${SSN_B}\n` });
  });

  it('no raw value, bare digits, or plain hash of a value appears in any of these reports', async () => {
    const reports = [await sarif(['--staged', '--all-lines']), await sarif(['--since', 'main']), await sarif(['exports'])];
    for (const { text } of reports) {
      for (const v of rawForms([SSN_A, SSN_B, PHONE])) {
        expect({ v, leaked: text.includes(v) }).toEqual({ v, leaked: false });
        expect({ v, hashed: text.includes(createHash('sha256').update(v).digest('hex')) }).toEqual({ v, hashed: false });
      }
    }
  });
});
