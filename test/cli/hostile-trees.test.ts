import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { runCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
  dirs.cleanup();
});

/** A folder with a FIFO, a socket, a link to /dev/zero, a link loop, and one real finding. */
async function hostileTree(): Promise<string> {
  const root = dirs.make();
  writeTree(root, { 'docs/a.txt': 'SSN 536-22-4391\n', 'outside/secret.txt': 'SSN 671-03-2298\n' });
  execFileSync('mkfifo', [join(root, 'docs', 'pipe')]);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(join(root, 'docs', 'sock'), resolve));
  servers.push(server);
  symlinkSync('/dev/zero', join(root, 'docs', 'zero'));
  symlinkSync('..', join(root, 'docs', 'loop'));
  symlinkSync(join(root, 'outside', 'secret.txt'), join(root, 'docs', 'linked.txt'));
  return root;
}

describe('hostile trees', () => {
  it('skips FIFOs, sockets and links with a note, never blocks, and still scans the real files', async () => {
    const root = await hostileTree();
    const r = await runCli(['scan', '--no-config', '--format', 'json', 'docs'], { cwd: root });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { path: string }) => f.path)).toEqual(['docs/a.txt']);
    const notes = report.diagnostics.map((d: { path: string; message: string }) => `${d.path}: ${d.message}`);
    expect(notes).toEqual(
      expect.arrayContaining([
        'docs/pipe: special file (FIFO, socket or device) not read',
        'docs/sock: special file (FIFO, socket or device) not read',
        'docs/zero: symbolic link not followed (--follow-symlinks follows them)',
        'docs/loop: symbolic link not followed (--follow-symlinks follows them)',
      ]),
    );
  }, 20_000);

  it('--follow-symlinks follows links, detects the loop, and still never reads a device', async () => {
    const root = await hostileTree();
    const r = await runCli(['scan', '--no-config', '--follow-symlinks', '--format', 'json', 'docs'], { cwd: root });
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { path: string }) => f.path).sort()).toEqual(['docs/a.txt', 'docs/linked.txt', 'docs/loop/outside/secret.txt'].sort());
    const notes = report.diagnostics.map((d: { path: string; message: string }) => `${d.path}: ${d.message}`);
    expect(notes).toEqual(expect.arrayContaining(['docs/zero: special file (FIFO, socket or device) not read']));
    expect(notes.some((n: string) => n.includes('symbolic link loop'))).toBe(true);
  }, 20_000);

  it('refuses a device named on the command line', async () => {
    const r = await runCli(['scan', '--no-config', '/dev/zero'], { cwd: dirs.make() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/dev/zero: not a regular file');
  });

  it('walks thousands of tiny files one at a time and finds the one that matters', async () => {
    const root = dirs.make();
    for (let d = 0; d < 20; d++) {
      mkdirSync(join(root, 'many', `d${d}`), { recursive: true });
      for (let f = 0; f < 500; f++) writeFileSync(join(root, 'many', `d${d}`, `f${f}.txt`), `note ${d}-${f}\n`);
    }
    writeFileSync(join(root, 'many', 'd7', 'f250.txt'), 'SSN 536-22-4391\n');
    const r = await runCli(['scan', '--no-config', '--format', 'json', 'many'], { cwd: root });
    const report = JSON.parse(r.stdout);
    expect(report.summary.filesScanned).toBe(10_000);
    expect(report.findings.map((f: { path: string }) => f.path)).toEqual(['many/d7/f250.txt']);
  }, 60_000);
});

describe('permission denied', () => {
  /** Root reads everything, so as root the scan runs as `nobody`; skipped if nobody cannot reach the binary. */
  const runAs = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

  it('reports an unreadable file, scans the others, and exits 2', async () => {
    const { spawnSync } = await import('node:child_process');
    const { chmodSync } = await import('node:fs');
    const { BIN } = await import('./helpers.js');
    const reachable = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)})`], runAs);
    if (reachable.status !== 0) {
      console.warn('skipped: the unprivileged user cannot reach bin/pii-scan here');
      return;
    }
    const root = dirs.make();
    writeTree(root, { 'docs/a.txt': 'SSN 536-22-4391\n', 'docs/locked.txt': 'SSN 671-03-2298\n' });
    chmodSync(join(root, 'docs', 'locked.txt'), 0o000);
    chmodSync(root, 0o755);
    chmodSync(join(root, 'docs'), 0o755);
    const r = spawnSync(process.execPath, [BIN, 'scan', '--no-config', '--jobs', '1', '-f', 'json', 'docs'], { cwd: root, encoding: 'utf8', ...runAs });
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['docs/a.txt']);
    expect(r.stderr).toContain('docs/locked.txt: cannot read file: permission denied');
  });
});
