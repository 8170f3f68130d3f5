/** `pii-scan check-message` end to end: verdicts, exit codes, output formats, inputs, errors, masking. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANSI, ROOT, runCli, spawnCli, tempDirs, writeTree } from '../cli/helpers.js';

const dirs = tempDirs();
let cwd: string;
const SSN = '541-40-2160';

beforeAll(() => {
  cwd = writeTree(dirs.make(), {
    'ssn.txt': `TGT 1 - HERNANDEZ-LUNA   SSN ${SSN}\n`,
    'worksheet.txt': 'FIELD OPERATIONS WORKSHEET\nStaging 0530 at the usual lot.\n',
    'benign.txt': 'Running ten minutes late, save me a coffee.\n',
    'vin.txt': 'VIN: 1HGCM82633A004352\n',
    'scan.pdf': Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]),
  });
  copyFileSync(join(ROOT, 'fixtures/guard/team.yaml'), join(cwd, 'team.yaml'));
  copyFileSync(join(ROOT, 'fixtures/guard/draft.eml'), join(cwd, 'draft.eml'));
});
afterAll(() => dirs.cleanup());

const LOPEZ = '+1 (202) 555-0143';
const STRANGER = '+1 415 555 2671'; // far from every roster number (0999 would be two edits from 0191)
const check = (args: string[], opts: { stdin?: string; stdinIsTTY?: boolean; stdoutIsTTY?: boolean; cwd?: string } = {}) =>
  runCli(['check-message', '--roster', 'team.yaml', ...args], { cwd: opts.cwd ?? cwd, ...opts });
const json = (stdout: string) =>
  JSON.parse(stdout) as {
    verdict: string;
    channel: { name: string; encrypted: boolean };
    reasons: Array<{ code: string; effect: string; message: string; recipient?: string }>;
    recipients: Array<{ input: string; normalized: string; known: boolean; name?: string; nearMiss?: { name?: string; suggestion: string; distance: number } }>;
    findings: Array<{ entity: string; value: string; masked: boolean; path: string; line: number; location?: { description: string } }>;
  };

describe('check-message verdicts', () => {
  it('unknown recipient + SSN → block (exit 1), naming the recipient', async () => {
    const r = await check(['--channel', 'signal', '--to', LOPEZ, '--to', STRANGER, 'ssn.txt']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✖ BLOCK: do not send this message\n/);
    expect(r.stdout).toContain('✖ +1 415 555 2671 is not on the roster and would receive US_SSN (at or above medium)');
    expect(r.stdout).toMatch(/✔ \+1 202 555 0143 +R\. Lopez/);
    expect(r.stderr).toBe('');
  });

  it('all recipients known over an encrypted channel (signal) with an SSN → allow (exit 0), findings still shown', async () => {
    const r = await check(['--channel', 'signal', '--to', `${LOPEZ},202.555.0162`, 'ssn.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✔ ALLOW/);
    expect(r.stdout).toContain('US_SSN');
    expect(r.stdout).toContain('***-**-2160');
  });

  it('known recipients over sms with a FIELD OPERATIONS WORKSHEET marking → block by channel policy', async () => {
    const r = await check(['--channel', 'sms', '--to', 'group:team-4', 'worksheet.txt', '-f', 'json']);
    expect(r.code).toBe(1);
    const out = json(r.stdout);
    expect(out.verdict).toBe('block');
    expect(out.recipients).toHaveLength(6);
    expect(out.recipients.every((x) => x.known)).toBe(true);
    expect(out.reasons).toEqual([
      {
        code: 'unencrypted-channel',
        effect: 'block',
        message: 'sms is not end-to-end encrypted and the message carries DOCUMENT_MARKING (at or above high): blocked even to roster recipients',
      },
    ]);
  });

  it('benign message to an unknown recipient → allow', async () => {
    const r = await check(['--channel', 'sms', '--to', STRANGER, 'benign.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✔ ALLOW/);
    expect(r.stdout).toContain('+1 415 555 2671 is not on the roster; nothing sensitive was found');
  });

  it('a medium finding to a roster recipient over sms warns (exit 0); --block-on decides for unknown recipients', async () => {
    const warn = await check(['--channel', 'sms', '--to', LOPEZ, 'vin.txt']);
    expect([warn.code, warn.stdout.split('\n')[0]]).toEqual([0, '! WARN: check before you send']);
    expect((await check(['--channel', 'signal', '--to', STRANGER, 'vin.txt'])).code).toBe(1);
    expect((await check(['--channel', 'signal', '--to', STRANGER, '--block-on', 'high', 'vin.txt'])).code).toBe(0);
  });

  it('a mistyped number is called out with the roster name, and a benign message to it warns', async () => {
    const r = await check(['--channel', 'signal', '--to', '202-555-0134', 'benign.txt', '-f', 'json']);
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.verdict).toBe('warn');
    expect(out.recipients[0]).toMatchObject({ input: '202-555-0134', normalized: '+12025550134', known: false, nearMiss: { name: 'R. Lopez', suggestion: '+1 202 555 0143', distance: 1 } });
    expect(out.reasons[0]!.message).toContain('did you mean R. Lopez (+1 202 555 0143)?');
  });

  it('attachments are scanned with the body and reported under their own path', async () => {
    const r = await check(['--channel', 'signal', '--to', STRANGER, '--attach', 'ssn.txt', 'benign.txt', '-f', 'json']);
    expect(r.code).toBe(1);
    expect(json(r.stdout).findings.map((x) => `${x.path} ${x.entity}`)).toEqual(['ssn.txt US_SSN']);
  });

  it('a binary attachment cannot be checked: warn, and the skip is on stderr', async () => {
    const r = await check(['--channel', 'signal', '--to', LOPEZ, '--attach', 'scan.pdf', 'benign.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^! WARN/);
    expect(r.stdout).toContain('scan.pdf was not scanned');
  });
});

describe('check-message inputs', () => {
  it('the incident draft (.eml): recipients from To/Cc/Bcc, body from the draft, the typo caught', async () => {
    const r = await check(['--channel', 'mms', '--from-eml', 'draft.eml', '-f', 'json']);
    expect(r.code).toBe(1);
    const out = json(r.stdout);
    expect(out.recipients.map((x) => [x.normalized, x.known])).toEqual([
      ['+12025550134', false],
      ['+12025550162', true],
      ['+12025550178', true],
      ['+12025550125', true],
      ['+12025550186', true],
      ['+12025550117', true],
    ]);
    expect(out.reasons.map((x) => x.code)).toEqual(['near-miss', 'unencrypted-channel']);
    expect(out.reasons[0]!.message).toMatch(/^\+1 202 555 0134 is not on the roster and would receive PROFILE ×2, US_SSN, DOCUMENT_MARKING, LICENSE_PLATE, DATE_OF_BIRTH, STREET_ADDRESS \(at or above medium\); did you mean R\. Lopez \(\+1 202 555 0143\)\?$/);
    // Read as `pii-scan scan draft.eml` reads it; the To/Cc/Bcc phones are the recipients, not findings.
    expect(new Set(out.findings.map((x) => `${x.path} [${x.location?.description}]`))).toEqual(new Set(['draft.eml [body]']));
    expect(out.findings.map((x) => x.entity).sort()).toEqual(['DATE_OF_BIRTH', 'DOCUMENT_MARKING', 'LICENSE_PLATE', 'PERSON', 'PERSON', 'PROFILE', 'PROFILE', 'STREET_ADDRESS', 'US_SSN']);
  });

  it('a BODY argument is checked with the draft, not instead of it: the draft still gives the recipients and its content', async () => {
    const r = await check(['--channel', 'signal', '--from-eml', 'draft.eml', 'vin.txt', '-f', 'json']);
    const out = json(r.stdout);
    expect(new Set(out.findings.map((x) => x.path))).toEqual(new Set(['vin.txt', 'draft.eml']));
    expect(out.verdict).toBe('block'); // the draft's SSN to the mistyped number
  });

  it('reads the body from a pipe, and from - explicitly', async () => {
    for (const args of [[], ['-']]) {
      const r = await check(['--channel', 'signal', '--to', STRANGER, ...args], { stdin: `SSN ${SSN}\n` });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('-:1:5');
    }
  });

  it('the send-check alias, from the shipped binary with a real pipe', () => {
    const r = spawnCli(['send-check', '--roster', 'team.yaml', '--channel', 'sms', '--to', STRANGER, '-f', 'json'], { cwd, input: `SSN ${SSN}\n` });
    expect(r.code).toBe(1);
    expect(json(r.stdout).verdict).toBe('block');
    expect(r.stdout).not.toContain(SSN);
  });

  it('roster: and guard: from .pii-scan.yaml (roster relative to the config)', async () => {
    const dir = writeTree(dirs.make(), {
      'ops/.pii-scan.yaml': 'roster: ../team.yaml\nguard:\n  blockOn: high\n  defaultChannel: radio\n  channels:\n    radio: { encrypted: true }\n',
      'ops/vin.txt': 'VIN: 1HGCM82633A004352\n',
    });
    copyFileSync(join(ROOT, 'fixtures/guard/team.yaml'), join(dir, 'team.yaml'));
    const r = await runCli(['check-message', '--to', STRANGER, 'vin.txt', '-f', 'json'], { cwd: join(dir, 'ops') });
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect([out.verdict, out.channel]).toEqual(['warn', { name: 'radio', encrypted: true }]);
  });

  it('guard.blockUnencrypted: false turns the channel rule off', async () => {
    const dir = writeTree(dirs.make(), { '.pii-scan.yaml': 'guard:\n  blockUnencrypted: false\n', 'w.txt': 'FIELD OPERATIONS WORKSHEET\n' });
    copyFileSync(join(ROOT, 'fixtures/guard/team.yaml'), join(dir, 'team.yaml'));
    const r = await check(['--channel', 'sms', '--to', LOPEZ, 'w.txt'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✔ ALLOW/);
  });
});

describe('check-message output', () => {
  it('--format json has the contract fields; findings are masked like the scan report', async () => {
    const r = await check(['--channel', 'sms', '--to', LOPEZ, '--to', 'r.lopez@agency.exmaple.gov', 'ssn.txt', '-f', 'json']);
    const out = json(r.stdout);
    expect(Object.keys(out)).toEqual(['version', 'tool', 'verdict', 'channel', 'policy', 'reasons', 'recipients', 'findings', 'diagnostics']);
    expect(out.recipients).toEqual([
      { input: LOPEZ, kind: 'phone', normalized: '+12025550143', display: '+1 202 555 0143', known: true, name: 'R. Lopez' },
      {
        input: 'r.lopez@agency.exmaple.gov',
        kind: 'email',
        normalized: 'r.lopez@agency.exmaple.gov',
        display: 'r.lopez@agency.exmaple.gov',
        known: false,
        nearMiss: { name: 'R. Lopez', suggestion: 'r.lopez@agency.example.gov', normalized: 'r.lopez@agency.example.gov', distance: 1, to: 'email' },
      },
    ]);
    const scan = JSON.parse((await runCli(['scan', '-f', 'json', 'ssn.txt'], { cwd })).stdout) as { findings: unknown[] };
    expect(out.findings).toEqual(scan.findings);
    expect(out.findings[0]).toMatchObject({ entity: 'US_SSN', value: '***-**-2160', masked: true });
  });

  it('no raw SSN in any output unless --show-values', async () => {
    for (const format of ['text', 'json']) {
      for (const args of [['ssn.txt'], ['--from-eml', 'draft.eml']]) {
        const r = await check(['--channel', 'sms', '--to', STRANGER, '-f', format, ...args]);
        expect(r.stdout + r.stderr).toContain('2160');
        expect(r.stdout + r.stderr).not.toContain(SSN);
        expect(r.stdout + r.stderr).not.toContain(SSN.replace(/-/g, ''));
        const shown = await check(['--channel', 'sms', '--to', STRANGER, '-f', format, '--show-values', ...args]);
        expect(shown.stdout).toContain(SSN);
      }
    }
  });

  it('colour only on a terminal', async () => {
    const args = ['--channel', 'sms', '--to', STRANGER, 'ssn.txt'];
    expect((await check(args)).stdout).not.toMatch(ANSI);
    expect((await check(args, { stdoutIsTTY: true })).stdout).toMatch(ANSI);
  });
});

describe('check-message errors (exit 2)', () => {
  it.each([
    [['--channel', 'sms', '--to', 'Bob', 'benign.txt'], /'Bob' is neither a phone number nor an email address/],
    [['--channel', 'sms', '--to', '12', 'benign.txt'], /'12' is neither/],
    [['--channel', 'sms', '--to', 'r.lopez@', 'benign.txt'], /'r\.lopez@' is neither/],
    [['--channel', 'sms', 'benign.txt'], /no recipients: give --to or --from-eml/],
    [['--channel', 'sms', '--to', ' , ', 'benign.txt'], /no recipients/],
    [['--channel', 'pager', '--to', LOPEZ, 'benign.txt'], /unknown channel 'pager'; known channels: sms, mms, email, signal, whatsapp, imessage, teams, slack/],
    [['--to', LOPEZ, 'benign.txt'], /--channel NAME \(known channels: sms, mms/],
    [['--channel', 'sms', '--to', 'group:nobody', 'benign.txt'], /group:nobody: no group 'nobody' in team\.yaml \(groups: team-4, supervisors\)/],
    [['--channel', 'sms', '--to', LOPEZ, 'missing.txt'], /missing\.txt/],
    [['--channel', 'sms', '--to', LOPEZ, '--block-on', 'severe', 'benign.txt'], /--block-on.*severe/],
    [['--channel', 'sms', '--to', LOPEZ, '--attach', '-', 'benign.txt'], /--attach takes files/],
  ])('%j', async (args, message) => {
    const r = await check(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('no message given, standard input a terminal: a usage error', async () => {
    const r = await check(['--channel', 'sms', '--to', LOPEZ], { stdinIsTTY: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no message to check/);
    expect(r.stdout).toBe('');
  });

  it('a roster error is file:line: field: problem', async () => {
    const dir = writeTree(dirs.make(), { 'bad.yaml': 'recipients:\n  - name: A\n    phones: ["202-555"]\n', 'b.txt': 'hi\n' });
    const r = await runCli(['check-message', '--roster', 'bad.yaml', '--channel', 'sms', '--to', LOPEZ, 'b.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("pii-scan: bad.yaml:3: recipients[0].phones[0]: not a valid phone number (region US for numbers without +country code)\n");
  });

  it('no roster at all, or an unreadable one', async () => {
    const dir = writeTree(dirs.make(), { 'b.txt': 'hi\n' });
    const none = await runCli(['check-message', '--channel', 'sms', '--to', LOPEZ, 'b.txt'], { cwd: dir });
    expect([none.code, none.stderr]).toEqual([2, 'pii-scan: no roster: give --roster FILE, or roster: FILE in .pii-scan.yaml\n']);
    const missing = await runCli(['check-message', '--roster', 'nope.yaml', '--channel', 'sms', '--to', LOPEZ, 'b.txt'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml: cannot read roster/);
  });

  it('a bad guard: section in .pii-scan.yaml is located', async () => {
    const dir = writeTree(dirs.make(), { '.pii-scan.yaml': 'guard:\n  channels:\n    radio: { encrypt: true }\n', 'b.txt': 'hi\n' });
    const r = await runCli(['check-message', '--channel', 'sms', '--to', LOPEZ, 'b.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.pii-scan\.yaml:3: guard\.channels\.radio\.encrypt: unknown field \(did you mean 'encrypted'\?\)/);
  });

  it('an .eml recipient that is not an address names the header', async () => {
    const dir = writeTree(dirs.make(), { 'd.eml': 'To: "Lopez, R."\r\n\r\nhi\r\n' });
    copyFileSync(join(ROOT, 'fixtures/guard/team.yaml'), join(dir, 'team.yaml'));
    const r = await check(['--from-eml', 'd.eml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`pii-scan: d.eml: To: recipient 1 of the draft is neither an email address nor a phone number\n`);
  });
});
