/** A report on a terminal shows each finding as it is found; to a pipe or a file it goes in large writes. */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { runCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
let cwd: string;
const lines = Array.from({ length: 40 }, (_, i) => `employee ${i} SSN: 536-22-${String(4391 + i).padStart(4, '0')}\n`).join('');

beforeAll(() => {
  cwd = writeTree(dirs.make(), { 'roster.txt': lines });
});
afterAll(() => dirs.cleanup());

it('writes each finding at once to a terminal, and the same report in one write to a pipe', async () => {
  const tty = await runCli(['scan', 'roster.txt', '--format', 'json'], { cwd, stdoutIsTTY: true, env: { NO_COLOR: '1' } });
  const pipe = await runCli(['scan', 'roster.txt', '--format', 'json'], { cwd, stdoutIsTTY: false });
  const findings = (JSON.parse(tty.stdout) as { findings: unknown[] }).findings.length;
  expect(findings).toBe(40);
  expect(tty.stdoutWrites).toBeGreaterThan(findings);
  expect(pipe.stdoutWrites).toBe(1);
  expect(pipe.stdout).toBe(tty.stdout);
});
