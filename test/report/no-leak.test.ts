/**
 * A DLP report must not re-leak what it found: with default options no raw value
 * (as written, or as its bare letters and digits) appears anywhere on stdout or
 * stderr, in any format. --show-values is the explicit opt-in; document markings
 * (mask: none) are shown by design.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import { PLANTED, parseJson, plantedText, runCli, tempDirs, writeTree } from '../cli/helpers.js';

const dirs = tempDirs();
let cwd: string;
const MARKING = 'FOR OFFICIAL USE ONLY';

beforeAll(() => {
  cwd = writeTree(dirs.make(), { 'leaky.txt': `${plantedText()}This message is ${MARKING}.\n` });
});
afterAll(() => dirs.cleanup());

const ENTITIES = [...new Set(PLANTED.map((p) => p.entity))].sort();
const VALUES = PLANTED.map((p) => ({ entity: p.entity, raw: p.value, compact: p.value.replace(/[^0-9A-Za-z]/g, '') }));

function expectNoLeak(output: string): void {
  for (const v of VALUES) {
    expect({ entity: v.entity, leaked: output.includes(v.raw) }).toEqual({ entity: v.entity, leaked: false });
    expect({ entity: v.entity, leakedCompact: output.includes(v.compact) }).toEqual({ entity: v.entity, leakedCompact: false });
  }
}

describe('never re-leak', () => {
  it('plants a value of every shipped rule whose values are masked (derived rules report over those values)', async () => {
    const masked = (await loadRuleDefs([BUILTIN_RULES_DIR])).filter((d) => d.mask !== 'none' && !d.derived);
    expect(PLANTED.map((p) => p.ruleId).sort()).toEqual(masked.map((d) => d.id).sort());
  });

  it('the planted file really holds every entity (so the checks below are not vacuous)', async () => {
    const r = await runCli(['-f', 'json', '--show-values', 'leaky.txt'], { cwd });
    const findings = parseJson(r.stdout).findings;
    // A name in the same text as an SSN or an address is a profile too.
    expect([...new Set(findings.map((f) => f.entity))].sort()).toEqual([...ENTITIES, 'DOCUMENT_MARKING', 'PROFILE'].sort());
    for (const v of VALUES) {
      expect(findings.filter((f) => f.entity === v.entity).map((f) => f.value)).toContain(v.raw);
    }
  });

  it.each(['text', 'json', 'sarif'])('format %s: no raw value on stdout or stderr, from a file', async (format) => {
    const r = await runCli(['-f', format, 'leaky.txt'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(500);
    expectNoLeak(r.stdout);
    expectNoLeak(r.stderr);
    // Every entity is still reported, just masked.
    for (const e of ENTITIES) expect(r.stdout).toContain(e);
  });

  it.each(['text', 'json', 'sarif'])('format %s: no raw value from standard input, even on a terminal with colour', async (format) => {
    const r = await runCli(['-f', format, '-'], { cwd, stdin: readFileSync(join(cwd, 'leaky.txt')), stdoutIsTTY: true });
    expect(r.code).toBe(1);
    expectNoLeak(r.stdout);
    expectNoLeak(r.stderr);
  });

  it.each(['text', 'json', 'sarif'])('format %s with --output: the file holds no raw value either', async (format) => {
    const out = `report-${format}.out`;
    const r = await runCli(['-f', format, '-o', out, 'leaky.txt'], { cwd });
    expect(r.code).toBe(1);
    expectNoLeak(r.stdout + r.stderr);
    expectNoLeak(readFileSync(join(cwd, out), 'utf8'));
  });

  it.each(['text', 'json', 'sarif'])('format %s with --show-values prints every raw value', async (format) => {
    const r = await runCli(['-f', format, '--show-values', 'leaky.txt'], { cwd });
    for (const v of VALUES) expect({ entity: v.entity, shown: r.stdout.includes(v.raw) }).toEqual({ entity: v.entity, shown: true });
  });

  it('document markings are shown as written (mask: none), by design', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      const r = await runCli(['-f', format, 'leaky.txt'], { cwd });
      expect(r.stdout).toContain(MARKING);
    }
  });

  it('a rule that failed its checks or was allow-listed leaves no trace of its value', async () => {
    const dir = writeTree(dirs.make(), {
      '.pii-scan.yaml': "allow: ['536-22-4391']\n",
      'a.txt': 'SSN: 536-22-4391\nOrder 671032298 shipped\n',
    });
    for (const format of ['text', 'json', 'sarif']) {
      const r = await runCli(['-f', format, 'a.txt'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/536-?22-?4391|671-?03-?2298/);
    }
  });
});
