/** `pii-scan serve`: the local service (Presidio-compatible /analyze and /anonymize, /scan, /check-message) and the check page. */
import { InvalidArgumentError, type Command } from 'commander';
import { loadRoster, MessageCheckError } from '../guard/check-message.js';
import type { Roster } from '../guard/roster.js';
import { escapeControls } from '../report/escape.js';
import { DEFAULT_LIMITS } from '../serve/limits.js';
import { ServeError, startServer } from '../serve/server.js';
import { EXIT, UsageError } from './exit-codes.js';
import type { Io } from './io.js';
import { addRuleOptions, loadRuleOptions, type RuleOptions } from './shared-options.js';

interface ServeFlags extends RuleOptions {
  port: number;
  host: string;
  roster?: string;
  showValues?: boolean;
  maxBody: number;
  timeout: number;
  concurrency: number;
}

export const DEFAULT_PORT = 8732;

const whole = (min: number, max: number) => (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
  return n;
};

export function registerServe(program: Command, io: Io): void {
  const cmd = program
    .command('serve')
    .description('run a local HTTP service: Presidio-compatible POST /analyze and /anonymize, POST /scan and /check-message, and a check page at /')
    .option('--port <n>', `port to listen on (0: any free port; default ${DEFAULT_PORT})`, whole(0, 65535), DEFAULT_PORT)
    .option('--host <address>', 'address to listen on; any but loopback needs PII_SCAN_TOKEN', '127.0.0.1')
    .option('--roster <file>', 'approved recipients for /check-message and the page (default: roster: in .pii-scan.yaml)')
    .option('--show-values', 'answer matched values unmasked in /scan, /check-message and the page (masked by default)')
    .option('--max-body <bytes>', `largest request body accepted (default ${DEFAULT_LIMITS.maxBodyBytes})`, whole(1, 1024 * 1024 * 1024), DEFAULT_LIMITS.maxBodyBytes)
    .option('--timeout <ms>', `longest a request may take before it is answered 408 (default ${DEFAULT_LIMITS.timeoutMs})`, whole(100, 3_600_000), DEFAULT_LIMITS.timeoutMs)
    .option('--concurrency <n>', `requests worked on at once; more wait, up to ${DEFAULT_LIMITS.maxQueued}, then 503 (default ${DEFAULT_LIMITS.maxActive})`, whole(1, 256), DEFAULT_LIMITS.maxActive);
  addRuleOptions(cmd).action(async (flags: ServeFlags) => {
    io.exitCode = await serve(flags, io);
  });
}

async function serve(flags: ServeFlags, io: Io): Promise<number> {
  const loaded = await loadRuleOptions(flags, io);
  let roster: Roster | undefined;
  try {
    roster = loadRoster(flags.roster, loaded.config.roster, io.cwd, loaded.settings.defaultRegion);
  } catch (e) {
    // None given or configured: the API runs without /check-message. One named but unreadable stops the start.
    if (!(e instanceof MessageCheckError)) throw e;
  }
  const token = io.env['PII_SCAN_TOKEN'] || undefined;
  let running;
  try {
    running = await startServer({
      host: flags.host,
      port: flags.port,
      ...(token !== undefined ? { token } : {}),
      limits: { maxBodyBytes: flags.maxBody, timeoutMs: flags.timeout, maxActive: flags.concurrency },
      context: { loaded, ...(roster ? { roster } : {}), showValues: flags.showValues === true },
      log: (line) => io.stderr(`${escapeControls(line)}\n`),
    });
  } catch (e) {
    if (e instanceof ServeError) throw new UsageError(e.message);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new UsageError(`cannot listen on ${flags.host}:${flags.port}: ${code}`);
    throw e;
  }
  io.stderr(`pii-scan: serving on ${running.url} (check page: ${running.url}/)${token ? '; API requests need the bearer token' : ''}${roster ? '' : '; no roster, so /check-message is off'}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT.clean;
}

