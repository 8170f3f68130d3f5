/**
 * The build's snapshot of the shipped rules (scripts/snapshot-rules.mjs) as an installed copy
 * meets it: npm gives the files of a package modification times of its own, so the snapshot must
 * be recognised by the rule files' content. Runs dist/ (npm test builds first) from a copy.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readSaved } from '../../src/config/build-stamp.js';
import { BUILTIN_RULES_DIR, loadRuleDefs } from '../../src/config/load.js';
import type { RuleDef } from '../../src/model/rule.js';
import { ROOT } from '../cli/helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** dist/ and rules/ copied as an install would have them: every rule file with a time of its own. */
function installedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pii-installed-'));
  dirs.push(dir);
  for (const part of ['dist', 'rules', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const then = new Date('1985-10-26T08:15:00Z');
  for (const name of readdirSync(join(dir, 'rules'))) utimesSync(join(dir, 'rules', name), then, then);
  return dir;
}

/** The shipped rules as that copy loads them, whether it had to load the YAML parser for them, and its warnings. */
function load(dir: string): { names: string[]; parsedYaml: boolean; stderr: string } {
  const script = `
    import { createRequire } from 'node:module';
    const { loadBuiltinRules } = await import(${JSON.stringify(join(dir, 'dist', 'config', 'load.js'))});
    const defs = await loadBuiltinRules();
    const parsedYaml = Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/node_modules/yaml/'));
    process.stdout.write(JSON.stringify({ names: defs.map((d) => d.name), parsedYaml }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: dir });
  return { ...(JSON.parse(r.stdout) as { names: string[]; parsedYaml: boolean }), stderr: r.stderr };
}

it('is used where the rule files have other modification times but the same content', () => {
  const got = load(installedCopy());
  expect(got.stderr).toBe('');
  expect(got.parsedYaml).toBe(false);
  expect(got.names.length).toBeGreaterThan(10);
});

it('is set aside when a rule file changed: the file is parsed', () => {
  const dir = installedCopy();
  const file = join(dir, 'rules', readdirSync(join(dir, 'rules')).sort()[0]!);
  const text = readFileSync(file, 'utf8');
  const name = /^(\s*name:\s*)(.+)$/m.exec(text)!;
  writeFileSync(file, text.replace(name[0], `${name[1]}Renamed for the test`));
  const got = load(dir);
  expect(got.parsedYaml).toBe(true);
  expect(got.names).toContain('Renamed for the test');
  expect(got.stderr).toMatch(/PiiScanWarning: .*builtin-rules\.json: made from other rule files; the rules are read from .* instead/);
});

describe('the build snapshot in dist/', () => {
  const defs = loadRuleDefs([BUILTIN_RULES_DIR]).then((d) => JSON.parse(JSON.stringify(d)) as RuleDef[]);
  it('loads the same definitions as parsing the YAML (npm test builds first)', async () => {
    const script = "const m = await import('./dist/config/load.js'); process.stdout.write(JSON.stringify(await m.loadBuiltinRules()));";
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT });
    expect(r.stderr).toBe(''); // taken as made by this build, from these rules: no note
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(await defs);
  });

  it('holds exactly the parsed definitions, with file names relative to rules/', async () => {
    const saved = readFileSync(join(ROOT, 'dist', 'builtin-rules.json'));
    const header = JSON.parse(saved.toString('utf8', 0, saved.indexOf(10)).replace(/^[^{]*/, '')) as { code: string };
    const snap = readSaved(saved, { code: header.code });
    expect(Object.keys(snap)).toEqual(['body']);
    const relative = (await defs).map((d) => ({ ...d, source: { ...d.source, file: basename(d.source.file) } }));
    expect(JSON.parse((snap as { body: Buffer }).body.toString('utf8'))).toEqual(JSON.parse(JSON.stringify(relative)));
  });
});
