/**
 * The GitHub Action (action.yml): parses with the inputs and steps a workflow relies on, and its
 * shell steps, run here in order with GitHub's files and variables stood in for, scan once and
 * write the SARIF file, the annotations, the job summary and the exit code.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { childEnv, PLANTED, plantedText, ROOT, tempDirs, writeTree } from '../cli/helpers.js';
import { validateSarif } from './sarif-schema.js';

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  name: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const steps = action.runs.steps;
const step = (name: RegExp) => steps.find((s) => name.test(s.name))!;

describe('action.yml', () => {
  it('is a composite action with the inputs a workflow sets', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'fail-on', 'args', 'upload-sarif', 'category']));
    for (const [name, input] of Object.entries(action.inputs)) expect({ name, described: input.description.length > 0 }).toEqual({ name, described: true });
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['exit-code', 'sarif-file']));
  });

  it('sets up Node, installs the checked-out tool in the action path, uploads SARIF even when the scan fails', () => {
    expect(steps[0]!.uses).toMatch(/^actions\/setup-node@v\d+$/);
    const install = step(/^Install/);
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    expect(install.run).toMatch(/^npm ci\b/);
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.if).toMatch(/^always\(\)/);
    expect(upload.with!['sarif_file']).toBe('${{ steps.sarif.outputs.sarif-file }}');
    // Every run step names its shell (composite actions require it) and reads inputs from env, never pasted into the script.
    for (const s of steps.filter((x) => x.run)) {
      expect({ step: s.name, shell: s.shell }).toEqual({ step: s.name, shell: 'bash' });
      expect({ step: s.name, expressions: /\$\{\{/.test(s.run!) }).toEqual({ step: s.name, expressions: false });
    }
  });
});

/** The expressions the action uses, as GitHub would evaluate them. */
function evaluate(text: string, ctx: { inputs: Record<string, string>; outputs: Record<string, Record<string, string>>; temp: string }): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    let m;
    if ((m = /^inputs\.([\w-]+)$/.exec(expr))) return ctx.inputs[m[1]!] ?? '';
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr))) return ctx.outputs[m[1]!]?.[m[2]!] ?? '';
    if (expr === 'github.action_path') return ROOT;
    if (expr === 'runner.temp') return ctx.temp;
    throw new Error(`expression not known to the test: ${expr}`);
  });
}

/** A condition of the action: always() && a == 'x' && b != '' (what it uses). */
function holds(cond: string | undefined, ctx: Parameters<typeof evaluate>[1], failed: boolean): boolean {
  if (cond === undefined) return !failed;
  return cond.split('&&').every((part) => {
    const p = part.trim();
    if (p === 'always()') return true;
    const m = /^(.+?)\s*(==|!=)\s*'([^']*)'$/.exec(p);
    if (!m) throw new Error(`condition not known to the test: ${p}`);
    const value = evaluate(`\${{ ${m[1]} }}`, ctx);
    return m[2] === '==' ? value === m[3] : value !== m[3];
  });
}

interface ActionRun {
  ran: string[];
  log: string;
  summary: string;
  outputs: Record<string, Record<string, string>>;
  failedStep?: string;
  exitCodes: Record<string, number>;
}

/** Run the action's shell steps in `cwd` (the uses: steps are skipped: setup-node and upload need GitHub; npm ci is done). */
function runAction(cwd: string, inputs: Record<string, string>): ActionRun {
  const temp = dirs.make('pii-scan-runner-temp-');
  const summaryFile = join(temp, 'step-summary.md');
  writeFileSync(summaryFile, '');
  const withDefaults = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''])), ...inputs };
  const ctx = { inputs: withDefaults, outputs: {} as Record<string, Record<string, string>>, temp };
  const result: ActionRun = { ran: [], log: '', summary: '', outputs: ctx.outputs, exitCodes: {} };
  let failed = false;
  for (const s of steps) {
    if (!s.run || /^Install/.test(s.name)) continue;
    if (!holds(s.if, ctx, failed)) continue;
    const outputFile = join(temp, `output-${result.ran.length}`);
    writeFileSync(outputFile, '');
    const env = Object.fromEntries(Object.entries(s.env ?? {}).map(([k, v]) => [k, evaluate(v, ctx)]));
    const r = spawnSync('bash', ['-e', '-c', s.run], {
      cwd,
      env: { ...childEnv(), CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    result.ran.push(s.name);
    result.log += r.stdout + r.stderr;
    result.exitCodes[s.name] = r.status ?? -1;
    if (s.id) ctx.outputs[s.id] = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    if (r.status !== 0 && !failed) {
      failed = true;
      result.failedStep = s.name;
    }
  }
  result.summary = readFileSync(summaryFile, 'utf8');
  return result;
}

const dirs = tempDirs();
let repo: string;

beforeAll(() => {
  repo = writeTree(dirs.make('pii-scan-workspace-'), {
    '.git/HEAD': 'ref: refs/heads/main\n',
    'exports/a.txt': 'SSN: 536-22-4391\ncall me at (213) 621-0002\n',
    'exports/leaky.txt': plantedText(),
    'docs/readme.txt': 'nothing to see\n',
  });
});
afterAll(() => dirs.cleanup());

describe('the action, run locally', () => {
  it('scans once, writes SARIF, annotations and a job summary, and fails with the scan exit code', () => {
    const run = runAction(repo, { paths: 'exports' });
    expect(run.ran).toEqual(['Scan', 'SARIF report', 'Annotations and job summary', 'Result']);
    expect(run.outputs['scan']!['exit-code']).toBe('1');
    expect(run.failedStep).toBe('Result');
    const sarif = JSON.parse(readFileSync(run.outputs['sarif']!['sarif-file']!, 'utf8')) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    expect(validateSarif(sarif)).toBe(true);
    expect(new Set(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri))).toEqual(new Set(['exports/a.txt', 'exports/leaky.txt']));
    expect(run.log).toMatch(/^::error file=exports\/a\.txt,line=1,/m);
    expect(run.summary).toMatch(/^### pii-scan: \d+ findings in 2 inputs\n/);
    for (const p of PLANTED) {
      const text = run.log + run.summary + readFileSync(run.outputs['sarif']!['sarif-file']!, 'utf8');
      expect({ value: p.value, leaked: text.includes(p.value) }).toEqual({ value: p.value, leaked: false });
    }
  });

  it('passes fail-on and args to the scan (patterns unexpanded), and succeeds when nothing reaches fail-on', () => {
    // The phone number is low, the SSN critical: excluding a.txt leaves leaky.txt; excluding both by a pattern leaves nothing.
    expect(runAction(repo, { paths: 'exports/a.txt', 'fail-on': 'critical' }).outputs['scan']!['exit-code']).toBe('1');
    const excluded = runAction(repo, { paths: 'exports docs', 'fail-on': 'critical', args: '--exclude exports/*.txt' });
    expect(excluded.outputs['scan']!['exit-code']).toBe('0');
    expect(excluded.failedStep).toBeUndefined();
    expect(excluded.summary).toMatch(/^### pii-scan: no findings\n/);
  });

  it('still makes SARIF, annotations and the summary when the scan had an error, and fails with exit 2', () => {
    const run = runAction(repo, { paths: 'exports/a.txt missing.txt' });
    expect(run.outputs['scan']!['exit-code']).toBe('2');
    expect(run.ran).toEqual(['Scan', 'SARIF report', 'Annotations and job summary', 'Result']);
    expect(run.failedStep).toBe('Result');
    expect(run.outputs['sarif']!['sarif-file']).toMatch(/pii-scan\.sarif$/);
    expect(run.log).toMatch(/^::error file=exports\/a\.txt,/m);
    expect(run.summary).toContain('**1 error**');
  });

  it('fails, without scanning standard input, when paths is empty and git does not choose the files', () => {
    const run = runAction(repo, { paths: ' ' });
    expect(run.failedStep).toBe('Scan');
    expect(run.log).toContain('::error title=pii-scan::paths is empty');
    expect(run.outputs['scan']!['exit-code']).toBe('2');
    expect(run.ran.at(-1)).toBe('Result');
  });
});
