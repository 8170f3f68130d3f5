/**
 * `redact` never damages and never leaks: no write through a planted link, no lost edit, mode
 * and owner kept, nothing left behind when interrupted, and never "0 values, exit 0" for a file
 * that `scan` reports.
 */
import type { RedactFs } from '../../src/redact/redact-fs.js';
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, linkSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { realFs } from '../../src/redact/redact-file.js';
import { BIN, childEnv, runCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const SSN_TEXT = 'Subject SSN 536-22-4391 on file\n';

let cwd: string;
beforeEach(() => {
  cwd = dirs.make();
});

const redact = (args: string[], deps?: { redactFs: RedactFs }) => runCli(['redact', '--no-config', ...args], { cwd, env: {}, ...(deps ? { deps } : {}) });
const read = (name: string) => readFileSync(join(cwd, name), 'utf8');
const temps = () => readdirSync(cwd).filter((f) => f.includes('.tmp'));

describe('--backup', () => {
  it('refuses a link planted at the backup name: nothing is written through it and the file is not redacted', async () => {
    writeTree(cwd, { 'doc.txt': SSN_TEXT, 'victim.txt': 'someone else’s file\n' });
    symlinkSync(join(cwd, 'victim.txt'), join(cwd, 'doc.txt.orig'));
    const r = await redact(['--in-place', '--backup', '.orig', 'doc.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('doc.txt: not redacted: the backup doc.txt.orig already exists; not overwritten');
    expect(read('victim.txt')).toBe('someone else’s file\n');
    expect(lstatSync(join(cwd, 'doc.txt.orig')).isSymbolicLink()).toBe(true);
    expect(read('doc.txt')).toBe(SSN_TEXT);
    expect(temps()).toEqual([]);
  });

  it('refuses a dangling link at the backup name (it would create the file it points to)', async () => {
    writeTree(cwd, { 'doc.txt': SSN_TEXT });
    symlinkSync(join(cwd, 'planted.txt'), join(cwd, 'doc.txt.orig'));
    const r = await redact(['--in-place', '--backup', '.orig', 'doc.txt']);
    expect(r.code).toBe(2);
    expect(readdirSync(cwd).sort()).toEqual(['doc.txt', 'doc.txt.orig']);
    expect(read('doc.txt')).toBe(SSN_TEXT);
  });

  it('a second run does not overwrite the first backup', async () => {
    writeTree(cwd, { 'doc.txt': SSN_TEXT });
    expect((await redact(['--in-place', '--backup', '.orig', 'doc.txt'])).code).toBe(0);
    writeFileSync(join(cwd, 'doc.txt'), 'new text, SSN 536-22-4392 now\n');
    const r = await redact(['--in-place', '--backup', '.orig', 'doc.txt']);
    expect(r.code).toBe(2);
    expect(read('doc.txt.orig')).toBe(SSN_TEXT);
    expect(read('doc.txt')).toBe('new text, SSN 536-22-4392 now\n');
  });

  it('the backup keeps the original’s mode, not the umask’s', async () => {
    writeTree(cwd, { 'doc.txt': SSN_TEXT });
    chmodSync(join(cwd, 'doc.txt'), 0o600);
    expect((await redact(['--in-place', '--backup', '.orig', 'doc.txt'])).code).toBe(0);
    expect(statSync(join(cwd, 'doc.txt.orig')).mode & 0o777).toBe(0o600);
  });
});

describe('links', () => {
  it('refuses a symbolic link: the link is not replaced and its target keeps nothing unredacted behind a "success"', async () => {
    writeTree(cwd, { 'target.txt': SSN_TEXT });
    symlinkSync('target.txt', join(cwd, 'link.txt'));
    const r = await redact(['--in-place', 'link.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('link.txt: not redacted: is a symbolic link');
    expect(lstatSync(join(cwd, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(read('target.txt')).toBe(SSN_TEXT);
    expect(temps()).toEqual([]);
  });

  it('refuses a file with another hard link: a rename would leave the other name with the SSN', async () => {
    writeTree(cwd, { 'a.txt': SSN_TEXT });
    linkSync(join(cwd, 'a.txt'), join(cwd, 'b.txt'));
    const r = await redact(['--in-place', 'a.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a.txt: not redacted: has 2 hard links');
    expect(statSync(join(cwd, 'a.txt')).ino).toBe(statSync(join(cwd, 'b.txt')).ino);
    expect(read('a.txt')).toBe(SSN_TEXT);
    expect(temps()).toEqual([]);
  });
});

describe('a concurrent edit is never lost', () => {
  it('an append made after the temporary file was written refuses the rename (exit 2, original kept with the append)', async () => {
    // The placeholder gives 412779025 SSN context, so a second pass opens a second temporary file:
    // the append lands after the first one is complete.
    writeTree(cwd, { 'd.txt': 'Subject 536-22-4391 then 412779025\n' });
    let temporaries = 0;
    const appending: RedactFs = {
      ...realFs,
      open: (async (...args: Parameters<typeof open>) => {
        if (String(args[0]).includes('.tmp') && ++temporaries === 2) appendFileSync(join(cwd, 'd.txt'), 'added later\n');
        return open(...args);
      }) as RedactFs['open'],
    };
    const r = await redact(['--style', 'placeholder', '--in-place', 'd.txt'], { redactFs: appending });
    expect(temporaries).toBe(2);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('d.txt: not redacted: the file changed while it was being redacted');
    expect(read('d.txt')).toBe('Subject 536-22-4391 then 412779025\nadded later\n');
    expect(temps()).toEqual([]);
  });

  it('an edit made while the backup is written refuses the rename and drops that backup', async () => {
    writeTree(cwd, { 'd.txt': SSN_TEXT });
    const appending: RedactFs = {
      ...realFs,
      open: (async (...args: Parameters<typeof open>) => {
        const handle = await open(...args);
        if (String(args[0]).endsWith('.orig')) appendFileSync(join(cwd, 'd.txt'), 'added later\n');
        return handle;
      }) as RedactFs['open'],
    };
    const r = await redact(['--in-place', '--backup', '.orig', 'd.txt'], { redactFs: appending });
    expect(r.code).toBe(2);
    expect(read('d.txt')).toBe(`${SSN_TEXT}added later\n`);
    expect(readdirSync(cwd)).toEqual(['d.txt']);
  });
});

describe('mode and owner', () => {
  it('keeps the mode whatever the umask (0664 stays 0664 under umask 022)', async () => {
    writeTree(cwd, { 'd.txt': SSN_TEXT, 'e.txt': SSN_TEXT });
    chmodSync(join(cwd, 'd.txt'), 0o664);
    chmodSync(join(cwd, 'e.txt'), 0o600);
    const old = process.umask(0o022);
    try {
      expect((await redact(['--in-place', 'd.txt', 'e.txt'])).code).toBe(0);
    } finally {
      process.umask(old);
    }
    expect(read('d.txt')).toBe('Subject SSN ***-**-4391 on file\n');
    expect(statSync(join(cwd, 'd.txt')).mode & 0o7777).toBe(0o664);
    expect(statSync(join(cwd, 'e.txt')).mode & 0o7777).toBe(0o600);
  });

  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot('keeps the owner and group (running as root)', async () => {
    writeTree(cwd, { 'd.txt': SSN_TEXT });
    chownSync(join(cwd, 'd.txt'), 4321, 5432);
    expect((await redact(['--in-place', 'd.txt'])).code).toBe(0);
    const st = statSync(join(cwd, 'd.txt'));
    expect([st.uid, st.gid]).toEqual([4321, 5432]);
    expect(read('d.txt')).toBe('Subject SSN ***-**-4391 on file\n');
  });

  asRoot('refuses a file whose owner it cannot keep (another user’s file, run without the right to chown)', () => {
    const shared = dirs.make();
    chmodSync(shared, 0o777);
    writeTree(shared, { 'd.txt': SSN_TEXT });
    chownSync(join(shared, 'd.txt'), 4321, 4321);
    chmodSync(join(shared, 'd.txt'), 0o666);
    const r = spawnSync(process.execPath, [BIN, 'redact', '--no-config', '--in-place', 'd.txt'], { cwd: shared, uid: 65534, gid: 65534, env: childEnv(), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("d.txt: not redacted: cannot keep the file's owner");
    expect(readFileSync(join(shared, 'd.txt'), 'utf8')).toBe(SSN_TEXT);
    expect(statSync(join(shared, 'd.txt')).uid).toBe(4321);
    expect(readdirSync(shared)).toEqual(['d.txt']);
  });

  it('--out-dir copies keep the source’s mode, not the umask’s', async () => {
    writeTree(cwd, { 'in/d.txt': SSN_TEXT });
    chmodSync(join(cwd, 'in/d.txt'), 0o664);
    const old = process.umask(0o022);
    try {
      expect((await redact(['--out-dir', 'out', 'in'])).code).toBe(0);
    } finally {
      process.umask(old);
    }
    expect(statSync(join(cwd, 'out/d.txt')).mode & 0o777).toBe(0o664);
  });
});

describe('an interrupted `redact -` leaves no spooled input behind', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s removes the spool and the temporary folder', async (signal) => {
    const tmp = dirs.make('pii-scan-tmpdir-');
    const child = spawn(process.execPath, [BIN, 'redact', '--no-config', '-'], { cwd, env: childEnv({ TMPDIR: tmp }), stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, sig) => res({ code, signal: sig })));
    child.stdin.write(SSN_TEXT); // stdin stays open: the run waits with the raw text spooled
    const spool = await waitFor(() => {
      const d = readdirSync(tmp).find((f) => f.startsWith('pii-scan-'));
      const p = d && join(tmp, d, 'stdin');
      return p && statSafe(p)?.size ? p : undefined;
    });
    expect(statSync(spool).mode & 0o777).toBe(0o600);
    expect(statSync(join(spool, '..')).mode & 0o777).toBe(0o700);
    child.kill(signal);
    const end = await exited;
    expect(end.signal).toBe(signal);
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('encoded values: rewritten in their encoding, or the file is refused', () => {
  it('rewrites an HTML value written with a character reference where it is written; the other references stay', async () => {
    writeTree(cwd, { 'page.html': '<p title="R&amp;D">SSN &#53;36-22-4391 &amp; more</p>\n' });
    expect((await runCli(['scan', '--no-config', 'page.html'], { cwd })).code).toBe(1);
    const r = await redact(['--in-place', 'page.html']);
    expect(r.code).toBe(0);
    expect(read('page.html')).toBe('<p title="R&amp;D">SSN ***-**-4391 &amp; more</p>\n');
    expect(temps()).toEqual([]);
  });

  it('redacts an HTML file whose values are written plainly, and the result rescans clean', async () => {
    writeTree(cwd, { 'page.html': '<p>SSN 536-22-4391</p>\n' });
    const r = await redact(['--in-place', 'page.html']);
    expect(r.code).toBe(0);
    expect(read('page.html')).toBe('<p>SSN ***-**-4391</p>\n');
  });

  it('rewrites a JSON string written with \\u escapes', async () => {
    writeTree(cwd, { 'd.json': '{"ssn": "\\u0035\\u0033\\u0036-22-4391", "n": 1}\n' });
    const r = await redact(['--in-place', 'd.json']);
    expect(r.code).toBe(0);
    expect(read('d.json')).toBe('{"ssn": "***-**-4391", "n": 1}\n');
    expect((await runCli(['scan', '--no-config', 'd.json'], { cwd })).code).toBe(0);
  });
});

describe('JSON stays JSON', () => {
  it('a number holding a value becomes a string holding its mask', async () => {
    writeTree(cwd, { 'd.json': '{\n  "ssn": 536224391,\n  "card": 4929123456789015,\n  "count": 3\n}\n' });
    const r = await redact(['d.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{\n  "ssn": "*****4391",\n  "card": "************9015",\n  "count": 3\n}\n');
    expect(JSON.parse(r.stdout)).toEqual({ ssn: '*****4391', card: '************9015', count: 3 });
  });

  it('placeholder and remove styles give strings too', async () => {
    writeTree(cwd, { 'd.json': '[{"ssn": 536224391}, {"note": "SSN 536-22-4391 and \\"quoted\\""}]' });
    const p = await redact(['--style', 'placeholder', 'd.json']);
    expect(JSON.parse(p.stdout)).toEqual([{ ssn: '[US_SSN]' }, { note: 'SSN [US_SSN] and "quoted"' }]);
    const rm = await redact(['--style', 'remove', 'd.json']);
    expect(JSON.parse(rm.stdout)).toEqual([{ ssn: '' }, { note: 'SSN  and "quoted"' }]);
  });

  it('rewrites a key that is a value (a record keyed by an SSN), and the value beside it', async () => {
    writeTree(cwd, { 'd.json': '{"536-22-4391": {"note": "x"}, "ssn": 671032298}' });
    const r = await redact(['d.json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ '***-**-4391': { note: 'x' }, ssn: '*****2298' });
  });

  it('rewrites every one of two equal keys', async () => {
    writeTree(cwd, { 'd.json': '{"ssn": "536-22-4391", "ssn": "536-22-4392"}' });
    const r = await redact(['d.json']);
    expect(r.stdout).toBe('{"ssn": "***-**-4391", "ssn": "***-**-4392"}');
  });
});

function statSafe(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Poll until `probe` gives a value (a generous limit: the child starts a Node process). */
async function waitFor<T>(probe: () => T | undefined, limitMs = 20_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
