/** The send guard and people: a name with an address to someone not on the roster is blocked; a name alone is not. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDirs, writeTree } from '../cli/helpers.js';

const dirs = tempDirs();
let cwd: string;
beforeAll(() => {
  cwd = writeTree(dirs.make(), {
    'profile.txt': 'Subject lives with her mother.\nName: Fatoumata Diallo\nAddress: 1423 N Elm St Apt 3B, Springfield, IL 62704\n',
    'name.txt': 'Lunch with Fatoumata Diallo moved to noon.\n',
  });
  copyFileSync(join(ROOT, 'fixtures/guard/team.yaml'), join(cwd, 'team.yaml'));
});
afterAll(() => dirs.cleanup());

const STRANGER = '+1 415 555 2671';
const check = (file: string) => runCli(['check-message', '--roster', 'team.yaml', '--channel', 'signal', '--to', STRANGER, '-f', 'json', file], { cwd });

describe('check-message with people', () => {
  it('a name and an address to an unknown recipient: block, with the PROFILE and its parts, masked', async () => {
    const r = await check('profile.txt');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { verdict: string; findings: Array<{ entity: string; value: string }> };
    expect(out.verdict).toBe('block');
    expect(out.findings.map((f) => f.entity).sort()).toEqual(['PERSON', 'PROFILE', 'STREET_ADDRESS']);
    expect(r.stdout).not.toContain('Diallo');
    expect(r.stdout).not.toContain('Elm');
  });

  it('a name alone is low: the message may go', async () => {
    const r = await check('name.txt');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { verdict: string; findings: Array<{ entity: string }> };
    expect(out.findings.map((f) => f.entity)).toEqual(['PERSON']);
  });
});
