/**
 * Entry point used by bin/pii-scan: wires the real process into the CLI. Bundled as CommonJS
 * (scripts/bundle.mjs), so no top-level await: the exit code is set when the run settles.
 */
import { useRuntimeLibraries } from '../runtime/libraries.js';
import { run } from './main.js';

useRuntimeLibraries();

// A reader that stops early (`pii-scan | head`) is not an error: drop the rest of the report, keep the exit code.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

void run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  // Getters: Node builds process.stdin at its first use, which only a command reading it needs (io.ts, stdinOf).
  get stdin() {
    return process.stdin;
  },
  get stdinIsTTY() {
    return process.stdin.isTTY === true;
  },
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  exitCode: 0,
}).then((code) => {
  process.exitCode = code;
});
