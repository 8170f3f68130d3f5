/** The command line: parse flags, run a command, map the outcome to an exit code. */
import type { RedactFs } from '../redact/redact-fs.js';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/yaml-source.js';
import { escapeControls } from '../report/escape.js';
import { VERSION } from '../runtime/version.js';
import { EXIT, UsageError } from './exit-codes.js';
import type { Io } from './io.js';
import { registerRedact } from './redact-command.js';
import { registerCheckMessage } from './check-message-command.js';
import { registerRules } from './rules-command.js';
import { registerScan } from './scan-command.js';
import { registerHook } from './hook-command.js';
import { registerBaseline } from './baseline-command.js';
import { registerMerge } from './merge-command.js';
import { registerServe } from './serve-command.js';
import { registerWatchlist } from './watchlist-command.js';

/** Replaceable edges, for tests that simulate a full disk or a read-only folder. */
export interface Deps {
  redactFs?: RedactFs;
}

export function buildProgram(io: Io, deps: Deps = {}): Command {
  const program = new Command('pii-scan')
    .description('Find PII and sensitive markings before text leaves: drafts, commits, exported documents.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride()
    .addHelpText(
      'after',
      '\nWithout a command, pii-scan scans: `pii-scan draft.txt`, `pbpaste | pii-scan -`.\n' +
        'Options of each command: `pii-scan scan --help`, `pii-scan redact --help`, …\n' +
        'Exit codes: 0 clean, 1 findings (or a blocked message), 2 error.',
    );
  registerScan(program, io);
  registerRedact(program, io, deps.redactFs);
  registerRules(program, io);
  registerCheckMessage(program, io);
  registerBaseline(program, io);
  registerHook(program, io);
  registerMerge(program, io);
  registerServe(program, io);
  registerWatchlist(program, io);
  program.commands.forEach((c) => c.exitOverride());
  return program;
}

/** Run with argv (without node and script); returns the exit code. Never prints a matched value. */
export async function run(argv: string[], io: Io, deps: Deps = {}): Promise<number> {
  const program = buildProgram(io, deps);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return io.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with code 0; every other parse problem is a usage error.
      return e.exitCode === 0 ? EXIT.clean : EXIT.error;
    }
    if (e instanceof ConfigError || e instanceof UsageError) {
      io.stderr(`pii-scan: ${escapeControls(e.message)}\n`);
      return EXIT.error;
    }
    io.stderr(`pii-scan: internal error: ${escapeControls((e as Error)?.message ?? String(e))}\n`);
    return EXIT.error;
  }
}
