/** Redaction and SARIF with people: names are rewritten like any value; a PROFILE is reported, and redacted through its parts. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDirs, writeTree } from '../cli/helpers.js';

const dirs = tempDirs();
let cwd: string;
const TEXT = 'Name: Fatoumata Diallo\nAddress: 1423 N Elm St Apt 3B, Springfield, IL 62704\n';
beforeAll(() => {
  cwd = writeTree(dirs.make(), { 'record.txt': TEXT });
});
afterAll(() => dirs.cleanup());

describe('people in redaction and SARIF', () => {
  it('placeholders name the part (PERSON), not the profile, and a rescan is clean', async () => {
    const r = await runCli(['redact', '--style', 'placeholder', '--in-place', 'record.txt'], { cwd });
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, 'record.txt'), 'utf8')).toBe('Name: [PERSON]\nAddress: [STREET_ADDRESS]\n');
    const again = await runCli(['scan', 'record.txt'], { cwd });
    expect(again.code).toBe(0);
  });

  it('SARIF lists the profile rule and points its result at it, with the name masked', async () => {
    writeTree(cwd, { 'record2.txt': TEXT });
    const r = await runCli(['scan', '-f', 'sarif', 'record2.txt'], { cwd });
    const run = (JSON.parse(r.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; ruleIndex: number; level: string }> }> }).runs[0]!;
    const profile = run.results.find((x) => x.ruleId === 'profile')!;
    expect(run.tool.driver.rules[profile.ruleIndex]!.id).toBe('profile');
    expect(profile.level).toBe('warning');
    expect(r.stdout).not.toContain('Diallo');
  });
});
