/** `pii-scan serve` as a command: it starts, says where, answers, and stops on SIGTERM; a start it must refuse exits 2. */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BIN, ROOT, runCli } from '../cli/helpers.js';

describe('pii-scan serve', () => {
  it('listens on 127.0.0.1, logs each request on stderr, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--no-config', '--roster', join(ROOT, 'fixtures/guard/team.yaml')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PII_SCAN_TOKEN: '' } });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString('utf8');
        const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`exited: ${stderr}`)));
    });
    const res = await fetch(`${url}/check-message`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'SSN 541-40-2160', recipients: ['+1 415 555 2671'], channel: 'sms' }),
    });
    expect(((await res.json()) as { verdict: string }).verdict).toBe('block');
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(stderr).toMatch(/^POST \/check-message 200 [\d.]+ms \d+B$/m);
    expect(stderr).not.toContain('541-40-2160');
  }, 30_000);

  it('refuses a non-loopback address without PII_SCAN_TOKEN (exit 2)', async () => {
    const r = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--no-config'], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a loopback address: set PII_SCAN_TOKEN/);
  });

  it('refuses a roster it cannot read (exit 2)', async () => {
    const r = await runCli(['serve', '--port', '0', '--no-config', '--roster', 'no-such-roster.yaml'], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read roster');
  });
});
