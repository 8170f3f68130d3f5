/**
 * The build's saved files (the rules snapshot and the saved prefilter, src/config/build-stamp.ts)
 * are used only when whole, made by this code and from these rules: a truncated, damaged or stale
 * file is set aside with a note, and the rules are compiled from rules/ instead. Never a wrong
 * automaton or a wrong rule.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { digestOf, frameSaved, readSaved } from '../../src/config/build-stamp.js';
import { BUILTIN_RULES_DIR, loadBuiltinRules, loadRuleDefs, ruleFilesOf } from '../../src/config/load.js';
import { savedPrefilter } from '../../src/config/saved-prefilter.js';
import { compileRules } from '../../src/engine/ruleset.js';

const dirs: string[] = [];
const tempDir = (prefix = 'pii-saved-'): string => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const CODE = '0.1.0+code-of-this-test';
const truncated = (b: Buffer): Buffer => b.subarray(0, Math.floor(b.length * 0.6));
/** `b` with one bit of one byte of its body changed. */
const flipped = (b: Buffer): Buffer => {
  const c = Buffer.from(b);
  c[c.length - 1000]! ^= 0x10;
  return c;
};

describe('a saved file', () => {
  const body = Buffer.from('the body of a saved file');
  const file = frameSaved({ code: CODE, inputs: 'rules-1' }, body);

  it('gives its body back to the code that made it, from the inputs it was made from', () => {
    expect(readSaved(file, { code: CODE, inputs: 'rules-1' })).toEqual({ body });
    expect(readSaved(file, { code: CODE })).toEqual({ body });
  });

  it('is set aside when truncated, damaged, made by other code or from other inputs', () => {
    expect(readSaved(file.subarray(0, file.length - 3), { code: CODE })).toEqual({ problem: expect.stringMatching(/truncated/) });
    expect(readSaved(file.subarray(0, 10), { code: CODE })).toEqual({ problem: expect.stringMatching(/truncated/) });
    const damaged = Buffer.from(file);
    damaged[damaged.length - 2]! ^= 1;
    expect(readSaved(damaged, { code: CODE })).toEqual({ problem: expect.stringMatching(/damaged/) });
    expect(readSaved(file, { code: '0.1.0+other' })).toEqual({ problem: 'made by another build of pii-scan' });
    expect(readSaved(file, { code: CODE, inputs: 'rules-2' })).toEqual({ problem: 'made from other rule files' });
    expect(readSaved(Buffer.from('\x00\x01\x02\x03'), { code: CODE })).toEqual({ problem: expect.stringMatching(/not a file this build writes/) });
  });
});

describe('the saved prefilter', () => {
  const defs = loadRuleDefs([BUILTIN_RULES_DIR]);
  const record = (async () => {
    const source = compileRules(await defs, { prefilterAfter: 0 }).prefilter!;
    source.forScanner(1);
    const saved = source.snapshot()!;
    return frameSaved({ code: CODE, inputs: 'patterns' }, Buffer.from(saved.buffer, saved.byteOffset, saved.byteLength));
  })();
  const restoredWith = async (bytes: Buffer) => {
    const path = join(tempDir(), 'builtin-prefilter.bin');
    writeFileSync(path, bytes);
    const notes: string[] = [];
    const ruleSet = compileRules(await defs, { savedPrefilter: () => savedPrefilter((m) => notes.push(m), path, CODE) });
    return { restored: ruleSet.prefilter!.forScanner(1 << 20)!.restored, notes };
  };

  it('is restored when whole and made by this code', async () => {
    expect(await restoredWith(await record)).toEqual({ restored: true, notes: [] });
  });

  it.each([
    ['truncated', truncated, /truncated/],
    ['with a byte flipped', flipped, /damaged/],
    ['made by another build', (b: Buffer) => Buffer.from(b.toString('latin1').replace(CODE, '0.1.0+other-code-here'), 'latin1'), /another build/],
  ])('%s: built from the rules instead, with a note', async (_how, change, problem) => {
    const got = await restoredWith(change(await record));
    expect(got.restored).toBe(false);
    expect(got.notes).toEqual([expect.stringMatching(problem)]);
    expect(got.notes[0]).toMatch(/the prefilter is built from the rules instead/);
  });
});

describe('the rules snapshot', () => {
  /** A copy of rules/ and a snapshot of it made by CODE. */
  async function made(): Promise<{ dir: string; snapshot: string }> {
    const dir = join(tempDir(), 'rules');
    cpSync(BUILTIN_RULES_DIR, dir, { recursive: true });
    const files = ruleFilesOf(dir);
    const defs = (await loadRuleDefs([dir])).map((d) => ({ ...d, source: { ...d.source, file: basename(d.source.file) } }));
    const snapshot = join(dir, '..', 'builtin-rules.json');
    writeFileSync(snapshot, frameSaved({ code: CODE, inputs: digestOf(files) }, Buffer.from(JSON.stringify(defs))));
    return { dir, snapshot };
  }
  const load = async (snapshot: string, dir: string, code = CODE) => {
    const notes: string[] = [];
    const defs = await loadBuiltinRules((m) => notes.push(m), snapshot, dir, code);
    return { defs, notes };
  };

  it('is used while whole, made by this code, from these rule files', async () => {
    const { dir, snapshot } = await made();
    const got = await load(snapshot, dir);
    expect(got.notes).toEqual([]);
    expect(got.defs).toEqual(await loadRuleDefs([dir]));
  });

  it('a rule changed since: the rule files are parsed, with a note', async () => {
    const { dir, snapshot } = await made();
    const file = join(dir, readdirSync(dir).sort()[0]!);
    const text = readFileSync(file, 'utf8');
    const name = /^(\s*name:\s*)(.+)$/m.exec(text)!;
    writeFileSync(file, text.replace(name[0], `${name[1]}Renamed for the test`));
    const got = await load(snapshot, dir);
    expect(got.defs.map((d) => d.name)).toContain('Renamed for the test');
    expect(got.notes).toEqual([expect.stringMatching(/made from other rule files; the rules are read from .* instead/)]);
  });

  it.each([
    ['truncated', truncated, /truncated/],
    ['with a byte flipped', flipped, /damaged/],
  ])('%s: the rule files are parsed, with a note', async (_how, change, problem) => {
    const { dir, snapshot } = await made();
    writeFileSync(snapshot, change(readFileSync(snapshot)));
    const got = await load(snapshot, dir);
    expect(got.defs).toEqual(await loadRuleDefs([dir]));
    expect(got.notes).toEqual([expect.stringMatching(problem)]);
  });

  it('made by other code: parsed, with a note', async () => {
    const { dir, snapshot } = await made();
    expect((await load(snapshot, dir, '0.1.0+other')).notes).toEqual([expect.stringMatching(/another build/)]);
  });
});
