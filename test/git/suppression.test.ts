/** Inline `pii-scan:allow` end to end through the CLI: which findings it covers, and that it is counted. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { parseJson, runCli, tempDirs, writeTree } from '../cli/helpers.js';
import { commitAll, makeRepo, SSN_A, SSN_B, SSN_C } from './helpers.js';

const dirs = tempDirs();
let cwd: string;

const FIXTURE = [
  `SSN ${SSN_A}  # pii-scan:allow -- synthetic, same line`, // 1 suppressed
  '// pii-scan:allow US_SSN,us-ssn -- fixture for the parser tests', // 2
  `SSN ${SSN_B}`, // 3 suppressed by the line before
  `SSN ${SSN_C} <!-- pii-scan:allow PHONE_NUMBER -->`, // 4 reported: names another entity
  '# pii-scan:allow',
  '',
  `SSN ${SSN_B} again`, // 7 reported: the marker is two lines up
  `call (213) 621-0002 pii-scan:allowed`, // 8 reported: not the marker
  '',
].join('\n');

beforeAll(() => {
  cwd = writeTree(dirs.make(), { 'fixture.txt': FIXTURE });
});
afterAll(() => dirs.cleanup());

describe('inline suppression through the CLI', () => {
  it('covers the same line and the line before, only for the ids it names, and is counted', async () => {
    const r = await runCli(['-f', 'json', 'fixture.txt'], { cwd });
    expect(r.code).toBe(1);
    const report = parseJson(r.stdout);
    expect(report.findings.map((f) => `${f.line} ${f.entity}`)).toEqual(['4 US_SSN', '7 US_SSN', '8 PHONE_NUMBER']);
    expect(report.summary['suppressed']).toBe(2);
  });

  it('the text and github summaries say how many were suppressed', async () => {
    const text = await runCli(['fixture.txt'], { cwd });
    expect(text.stdout).toContain('  not reported: 2 suppressed inline (pii-scan:allow)\n');
    const gh = await runCli(['-f', 'github', 'fixture.txt'], { cwd });
    expect(gh.stdout).toContain('pii-scan: not reported: 2 suppressed inline (pii-scan:allow)\n');
  });

  it('applies to staged content too', async () => {
    const home = dirs.make('pii-scan-home-');
    const repo = makeRepo(join(home, 'repo'), home);
    repo.write({ 'README.md': 'x\n' });
    commitAll(repo, 'init');
    repo.write({ 'f.txt': `# pii-scan:allow US_SSN -- test data\nSSN ${SSN_A}\n` });
    repo.git('add', 'f.txt');
    const r = await runCli(['scan', '--staged', '-f', 'json'], { cwd: repo.dir, env: repo.env });
    expect(r.code).toBe(0);
    expect(parseJson(r.stdout).summary['suppressed']).toBe(1);
  });
});
