/** National-format phone numbers: read in each region of --region, refused as the dates and invoice numbers they resemble. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { compileRules, type RuleSet } from '../../src/engine/ruleset.js';
import { scanText } from '../../src/engine/folding-scanner.js';
import { regionSettings } from '../../src/model/finding.js';
import { parseJson, runCli, tempDirs, writeTree } from '../cli/helpers.js';

let rules: RuleSet;
beforeAll(async () => {
  rules = compileRules((await loadRuleDefs([BUILTIN_RULES_DIR])).filter((d) => d.id === 'phone-number'));
});

const phones = (text: string, region: string) =>
  scanText(rules, text, regionSettings(region))
    .filter((f) => f.confidence >= 0.5)
    .map((f) => f.value);

describe('national phone numbers', () => {
  it.each([
    ['Tel. 09-7625400', '09-7625400', 'IL'],
    ['phone 020 7946 0958', '020 7946 0958', 'GB'],
    ['Telefon: 030 1234567', '030 1234567', 'DE'],
    ['mobile 090-1234-5678', '090-1234-5678', 'JP'],
    ['mobile 13812345678', '13812345678', 'CN'],
    ['call 425 8829090', '425 8829090', 'US'],
  ])('finds %j in region %s', (text, value, region) => {
    expect(phones(text, region as string)).toEqual([value]);
  });

  it('reads a national number in any region of a list, and in none outside it', () => {
    expect(phones('tel 2245 8000', 'US,MX,GT')).toEqual(['2245 8000']);
    expect(phones('tel 2245 8000', 'US')).toEqual([]);
    expect(phones('phone 020 7946 0958', 'US,GB')).toEqual(['020 7946 0958']);
  });

  it.each([
    ['call back on 2023-10-05', 'DE'],
    ['number 12.03.2024', 'DE'],
    ['Invoice 4827361 attached', 'IL'],
    ['09-7625400 units shipped', 'IL'],
    ['tel 020 7946 0958', 'US'],
  ])('does not report %j in region %s', (text, region) => {
    expect(phones(text, region as string)).toEqual([]);
  });
});

describe('--region lists', () => {
  const dirs = tempDirs();
  afterAll(() => dirs.cleanup());

  it('--region US,IL reads numbers of both; an unknown code in the list exits 2', async () => {
    const cwd = writeTree(dirs.make(), { 'a.txt': 'Tel. 09-7625400\ncall me at (213) 621-0002\n' });
    const both = await runCli(['--no-config', '--fail-on', 'low', '-f', 'json', '--region', 'us,IL', 'a.txt'], { cwd });
    expect(both.code).toBe(1);
    expect(parseJson(both.stdout).findings.map((f) => f.line)).toEqual([1, 2]);
    const bad = await runCli(['--no-config', '--region', 'US,XX', 'a.txt'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown region 'XX'/);
  });

  it('defaultRegion in the config takes a list, each code checked', async () => {
    const cwd = writeTree(dirs.make(), { '.pii-scan.yaml': 'defaultRegion: US,IL\n', 'a.txt': 'Tel. 09-7625400\n' });
    expect((await runCli(['--fail-on', 'low', 'a.txt'], { cwd })).code).toBe(1);
    const bad = writeTree(dirs.make(), { '.pii-scan.yaml': 'defaultRegion: US,ZZ\n', 'a.txt': 'x\n' });
    const r = await runCli(['a.txt'], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown region 'ZZ'/);
  });
});

describe('national numbers need a phone word', () => {
  it('a number that reads as a national number elsewhere in the text is no candidate', () => {
    expect(phones('Order 020 7946 0958 shipped', 'GB')).toEqual([]);
    expect(phones('Ref 09-7625400', 'IL')).toEqual([]);
    expect(phones('Mobile: 020 7946 0958', 'GB')).toEqual(['020 7946 0958']);
  });
});
