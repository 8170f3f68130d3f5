/** Shared by the CLI and reporter tests: temp folders, an in-process runner and a spawned-binary runner. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, type Deps } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

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

/** Run the CLI in this process with a fake process edge. */
export async function runCli(argv: string[], opts: FakeIoOptions): Promise<CliResult> {
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
export function spawnCli(argv: string[], opts: { cwd: string; input?: string | Buffer; env?: Record<string, string> }): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: opts.cwd,
    input: opts.input ?? '',
    env: childEnv(opts.env),
    encoding: 'utf8',
    timeout: 30_000,
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

/** One line per entity, each with enough context to be found by the shipped rules; blank lines keep contexts apart. */
export const PLANTED = {
  US_SSN: { line: 'SSN: 536-22-4391', value: '536-22-4391' },
  US_ITIN: { line: 'ITIN 912-78-4410 issued last spring', value: '912-78-4410' },
  LICENSE_PLATE: { line: 'ALPR hit: plate 6TRJ244 (CA) at 02:14', value: '6TRJ244' },
  US_DRIVER_LICENSE: { line: "Driver's License: D1234567", value: 'D1234567' },
  A_NUMBER: { line: 'Subject A-Number: 201-555-987, detained', value: '201-555-987' },
  VIN: { line: 'VIN: 1HGCM82633A004352', value: '1HGCM82633A004352' },
  PHONE_NUMBER: { line: 'call me at (213) 621-0002', value: '(213) 621-0002' },
  EMAIL_ADDRESS: { line: 'email r.lopez@agency-mail.gov for the roster', value: 'r.lopez@agency-mail.gov' },
  CREDIT_CARD: { line: 'Visa 4929 1234 5678 9015 on file', value: '4929 1234 5678 9015' },
  DATE_OF_BIRTH: { line: 'DOB: 04/12/1981', value: '04/12/1981' },
  IP_ADDRESS: { line: 'login from 73.162.44.201 at night', value: '73.162.44.201' },
  IBAN_CODE: { line: 'IBAN: DE89 3704 0044 0532 0130 00', value: 'DE89 3704 0044 0532 0130 00' },
  US_PASSPORT: { line: 'Passport No: 488839667', value: '488839667' },
  US_BANK_ROUTING: { line: 'Routing: 021000021', value: '021000021' },
  GEO_COORDINATE: { line: 'LPR hit at 47.60621, -122.33207 (cam 12)', value: '47.60621, -122.33207' },
} as const;

/** The planted lines, separated by filler so no context word reaches a neighbour. */
export function plantedText(): string {
  const filler = 'nothing to see on this line, just some plain filler words here.';
  return Object.values(PLANTED)
    .map((p) => `${p.line}\n${filler}\n${filler}\n`)
    .join('');
}
