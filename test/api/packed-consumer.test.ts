/**
 * The package as a consumer gets it: `npm pack` (the build is pretest's), the tarball unpacked into
 * a fresh project's node_modules as npm does, its dependencies linked from this checkout (offline,
 * in seconds), then a plain .mjs file imports the library and the shipped bin runs. Only what the
 * tarball holds is there, so a file missing from package.json `files` fails here.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BIN, ROOT, tempDirs } from '../cli/helpers.js';

const dirs = tempDirs();
let project: string;
let packed: string[];

beforeAll(() => {
  const out = dirs.make('pii-scan-pack-');
  const json = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [info] = JSON.parse(json) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = info!.files.map((f) => f.path);
  project = dirs.make('pii-scan-consumer-');
  const pkgDir = join(project, 'node_modules', 'pii-scan');
  mkdirSync(pkgDir, { recursive: true });
  execFileSync('tar', ['-xzf', join(out, info!.filename), '-C', pkgDir, '--strip-components=1']);
  // Only the declared dependencies are linked: one the code needs but package.json lacks fails here.
  const deps = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
  for (const d of deps) {
    mkdirSync(join(project, 'node_modules', d, '..'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', d), join(project, 'node_modules', d));
  }
  writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "type": "module", "private": true }\n');
});
afterAll(() => dirs.cleanup());

describe('the packed package', () => {
  test('ships the bundles, their caches, the typings and the rules, and no source maps or unbundled modules', () => {
    expect(packed).toEqual(expect.arrayContaining(['LICENSE', 'bin/pii-scan', 'dist/cli/pii-scan.cjs', 'dist/cli/api.mjs', 'dist/cli/scan-worker.mjs', 'dist/api/index.d.ts', 'dist/builtin-rules.json']));
    expect(packed.filter((p) => p.endsWith('.map'))).toEqual([]);
    const modules = packed.filter((p) => p.startsWith('dist/') && p.endsWith('.js'));
    // The two bin/pii-scan loads before the bundle.
    expect(modules.sort()).toEqual(['dist/cli/v8-flags.js', 'dist/runtime/common-js.js']);
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} pii-scan contributors\n/);
  });

  test('a plain .mjs file imports the library by name; values are masked unless asked', () => {
    writeFileSync(
      join(project, 'use.mjs'),
      `import { scanText, scanFile, redactText, checkMessage } from 'pii-scan';
import { writeFileSync } from 'node:fs';
const masked = await scanText('Subject SSN 536-90-4412', { config: false });
const shown = await scanText('Subject SSN 536-90-4412', { config: false, showValues: true });
writeFileSync('note.txt', 'card 4539 1488 0343 6467 exp 12/29\\n');
const file = await scanFile('note.txt', { config: false });
const red = await redactText('SSN 536-90-4412 on file', { config: false });
writeFileSync('roster.yaml', "recipients:\\n  - name: R. Lopez\\n    phones: ['+1 213 621 0002']\\n");
const msg = await checkMessage('SSN 536-90-4412', { config: false, to: ['+1 213 621 0003'], channel: 'sms', roster: 'roster.yaml' });
console.log(JSON.stringify({
  masked: masked.findings.map((f) => [f.entity, f.value, f.masked]),
  shown: shown.findings.map((f) => f.value),
  worst: masked.worst,
  file: file.findings.map((f) => [f.path, f.entity, f.value]),
  redacted: red.text,
  verdict: msg.verdict,
  reasons: msg.reasons.map((r) => r.code),
  msgValues: msg.findings.map((f) => f.value),
}));
`,
    );
    const r = spawnSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toEqual({
      masked: [['US_SSN', '***-**-4412', true]],
      shown: ['536-90-4412'],
      worst: 'critical',
      file: [['note.txt', 'CREDIT_CARD', '**** **** **** 6467']],
      redacted: 'SSN ***-**-4412 on file',
      verdict: 'block',
      reasons: expect.arrayContaining(['near-miss', 'unencrypted-channel']),
      msgValues: ['***-**-4412'],
    });
  });

  test('the typings resolve through package.json exports for a TypeScript consumer', () => {
    writeFileSync(
      join(project, 'typed.mts'),
      `import { scanText, type ScanResult, type Finding } from 'pii-scan';
const r: ScanResult = await scanText('x', { showValues: false, minConfidence: 0.6 });
const f: Finding | undefined = r.findings[0];
const sev: 'info' | 'low' | 'medium' | 'high' | 'critical' | undefined = f?.severity;
// @ts-expect-error an unknown option is refused
await scanText('x', { showValue: true });
export { sev };
`,
    );
    const tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--skipLibCheck', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules/@types'), 'typed.mts'], { cwd: project, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('the shipped bin runs from the unpacked package', () => {
    writeFileSync(join(project, 'draft.txt'), 'SSN 536-90-4412\n');
    const bin = join(project, 'node_modules', 'pii-scan', 'bin', 'pii-scan');
    const r = spawnSync(process.execPath, [bin, 'scan', '--no-config', 'draft.txt'], { cwd: project, encoding: 'utf8' });
    expect(r.stdout).toContain('***-**-4412');
    expect(r.status).toBe(1);
    expect(readdirSync(join(project, 'node_modules', 'pii-scan'))).not.toContain('src');
    expect(BIN).toBeTruthy();
  });
});
