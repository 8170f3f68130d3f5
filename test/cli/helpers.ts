/** Shared by the CLI and reporter tests: temp folders, an in-process runner and a spawned-binary runner. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, type Deps } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { parseRuleFile } from '../../src/config/rule-parser.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin', 'pii-scan');

/** Any ANSI escape sequence. */
// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[/;

/** Make a fresh temp folder; `cleanup()` removes every folder made so far (call it in afterAll). */
export function tempDirs(): { make(prefix?: string): string; cleanup(): void } {
  const made: string[] = [];
  return {
    make(prefix = 'pii-scan-test-') {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    cleanup() {
      for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Write files under `dir` (folders are created); returns `dir`. */
export function writeTree(dir: string, files: Record<string, string | Uint8Array>): string {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Exact bytes written to stdout (redact passes files through byte for byte). */
  stdoutBytes?: Buffer;
  /** How many writes stdout received. */
  stdoutWrites?: number;
}

export interface FakeIoOptions {
  cwd: string;
  /** Bytes of standard input, as one buffer or as the chunks to deliver. */
  stdin?: string | Uint8Array | Array<string | Uint8Array>;
  env?: Record<string, string | undefined>;
  stdinIsTTY?: boolean;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  deps?: Deps;
}

function stdinOf(input: FakeIoOptions['stdin']): AsyncIterable<Uint8Array> {
  const chunks = input === undefined ? [] : Array.isArray(input) ? input : [input];
  return (async function* () {
    for (const c of chunks) yield typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
  })();
}

/**
 * What runCli runs: the modules under src/ in this process (project "unit"), or the installed
 * product, bin/pii-scan with its bundle, snapshot and saved prefilter, in a process of its own
 * (project "bundle", jest.config.js).
 */
export const TARGET: 'source' | 'bundle' = (globalThis as { PII_SCAN_TEST_TARGET?: string }).PII_SCAN_TEST_TARGET === 'bundle' ? 'bundle' : 'source';

/**
 * Run the CLI with `argv` in `opts.cwd`, as TARGET says. A test that states a terminal or injects
 * dependencies runs in this process under either target: a spawned binary has pipes, not a terminal.
 */
export async function runCli(argv: string[], opts: FakeIoOptions): Promise<CliResult> {
  const needsFakeEdge = opts.deps !== undefined || opts.stdinIsTTY === true || opts.stdoutIsTTY === true || opts.stderrIsTTY === true;
  return TARGET === 'bundle' && !needsFakeEdge ? runBinary(argv, opts) : runInProcess(argv, opts);
}

/** Run bin/pii-scan as runCli's caller asked: the same environment (plus PATH, HOME and TMPDIR), standard input piped. */
function runBinary(argv: string[], opts: FakeIoOptions): Promise<CliResult> {
  const base: Record<string, string | undefined> = { PATH: process.env['PATH'], HOME: process.env['HOME'], TMPDIR: process.env['TMPDIR'] };
  const env = Object.fromEntries(Object.entries({ ...base, ...opts.env }).filter((e): e is [string, string] => e[1] !== undefined));
  const child = spawn(process.execPath, [BIN, ...argv], { cwd: opts.cwd, env, stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (b: Buffer) => out.push(b));
  child.stderr!.on('data', (b: Buffer) => err.push(b));
  if (child.stdin) {
    child.stdin.on('error', () => {}); // the CLI may stop reading early
    const chunks = Array.isArray(opts.stdin) ? opts.stdin : [opts.stdin!];
    for (const c of chunks) child.stdin.write(typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
    child.stdin.end();
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ code: code ?? (signal ? -1 : 0), stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes });
    });
  });
}

/** Run the CLI in this process with a fake process edge. */
async function runInProcess(argv: string[], opts: FakeIoOptions): Promise<CliResult> {
  const out: Buffer[] = [];
  let stderr = '';
  const io: Io = {
    cwd: opts.cwd,
    env: opts.env ?? {},
    stdin: stdinOf(opts.stdin),
    stdinIsTTY: opts.stdinIsTTY ?? opts.stdin === undefined,
    stdoutIsTTY: opts.stdoutIsTTY ?? false,
    stderrIsTTY: opts.stderrIsTTY ?? false,
    stdout: (s) => void out.push(typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s)),
    stderr: (s) => void (stderr += s),
    exitCode: 0,
  };
  const code = await run(argv, io, opts.deps);
  const stdoutBytes = Buffer.concat(out);
  return { code, stdout: stdoutBytes.toString('utf8'), stderr, stdoutBytes, stdoutWrites: out.length };
}

/**
 * Environment for a spawned binary: the test runner's, without colour variables and without CI
 * (which turns --fail-on-skipped on; tests that mean it pass it), plus `extra`.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['FORCE_COLOR'];
  delete env['NO_COLOR'];
  delete env['CI'];
  return { ...env, ...extra };
}

/** Run the shipped binary (needs `npm run build`). */
export function spawnCli(argv: string[], opts: { cwd: string; input?: string | Buffer; env?: Record<string, string>; timeout?: number }): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: opts.cwd,
    input: opts.input ?? '',
    env: childEnv(opts.env),
    encoding: 'utf8',
    timeout: opts.timeout ?? 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface JsonFinding {
  path: string;
  ruleId: string;
  entity: string;
  severity: string;
  confidence: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  length: number;
  value: string;
  masked: boolean;
  why: string;
}

export interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  findings: JsonFinding[];
  summary: Record<string, unknown> & { findings: number; filesScanned: number; bytesScanned: number; skipped: number; errors: number };
  diagnostics: Array<{ path: string; level: string; message: string }>;
}

export function parseJson(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

export interface Planted {
  ruleId: string;
  entity: string;
  /** The rule's first `examples.match` text, and the value it must report there. */
  line: string;
  value: string;
}

const SHIPPED = readdirSync(join(ROOT, 'rules'))
  .filter((name) => /\.ya?ml$/i.test(name))
  .sort()
  .flatMap((name) => parseRuleFile(join(ROOT, 'rules', name), readFileSync(join(ROOT, 'rules', name), 'utf8')));

/** Text every report with rule metadata prints (SARIF's rule descriptions): a value written there cannot show a leak. */
const RULE_TEXT = SHIPPED.map((d) => `${d.name}\n${d.description}`).join('\n');

/**
 * One planted line per shipped rule whose values are masked (a `mask: none` rule, such as document
 * markings, shows its text by design): its first `examples.match` entry with a value that the rule
 * descriptions do not quote. Derived from rules/, so a new rule is planted without editing a list; a
 * rule with no such example is an error, not a rule the no-leak tests skip. Derived rules (profiles,
 * watch-list matches) have no patterns: they are findings over the others' values, planted with them.
 */
export const PLANTED: readonly Planted[] = SHIPPED.filter((def) => def.mask !== 'none' && !def.derived).map((def) => {
  const quoted = (v: string) => RULE_TEXT.includes(v) || RULE_TEXT.includes(v.replace(/[^0-9A-Za-z]/g, ''));
  const example = def.examples.match.find((e) => e.value !== undefined && e.value !== '' && !quoted(e.value));
  if (!example) throw new Error(`rules: ${def.id} has no examples.match entry with a value (not quoted in a rule description), so no test can plant it`);
  return { ruleId: def.id, entity: def.entity, line: example.text, value: example.value! };
});

/** The planted line of the (first) rule for `entity`. */
export function plantedFor(entity: string): Planted {
  const p = PLANTED.find((x) => x.entity === entity);
  if (!p) throw new Error(`no shipped rule with masked values reports ${entity}`);
  return p;
}

/** The planted lines, separated by filler so no context word reaches a neighbour. */
export function plantedText(): string {
  const filler = 'nothing to see on this line, just some plain filler words here.';
  return PLANTED
    .map((p) => `${p.line}\n${filler}\n${filler}\n`)
    .join('');
}
