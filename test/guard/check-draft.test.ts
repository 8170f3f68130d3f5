/**
 * check-message --from-eml reads the draft as `pii-scan scan` does: an SSN only in the HTML
 * alternative or only in an attachment (text, DOCX, PDF, ZIP) to a number off the roster blocks,
 * naming the part; an attachment that cannot be read blocks to a stranger and warns otherwise.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDirs, writeTree } from '../cli/helpers.js';
import { FIXTURES } from '../documents/helpers.js';
import { attached, DRAFT_HEADERS, html, message, multipart, plain, type Part } from '../documents/mail.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const SSN = '541-40-2160';
const STRANGER = 'To: "Lopez, R." <+1 415 555 2671/TYPE=PLMN>';
const LOPEZ = 'To: "Lopez, R." <+1 202 555 0143/TYPE=PLMN>';

interface GuardJson {
  verdict: string;
  reasons: Array<{ code: string; effect: string; message: string; part?: string }>;
  findings: Array<{ entity: string; path: string; location?: { description: string } }>;
}

async function check(content: Part, to = STRANGER, extra: string[] = []) {
  const cwd = writeTree(dirs.make(), { 'draft.eml': message([...DRAFT_HEADERS, to], content) });
  copyFileSync(join(ROOT, 'fixtures/guard/team.yaml'), join(cwd, 'team.yaml'));
  const args = ['check-message', '--roster', 'team.yaml', '--channel', 'mms', '--from-eml', 'draft.eml', ...extra];
  const text = await runCli(args, { cwd });
  const json = await runCli([...args, '-f', 'json'], { cwd });
  return { code: text.code, text: text.stdout, stderr: text.stderr, out: JSON.parse(json.stdout) as GuardJson };
}

const ssnPlaces = (out: GuardJson) => out.findings.filter((f) => f.entity === 'US_SSN').map((f) => `${f.path} [${f.location?.description ?? ''}]`);
const withAttachment = (a: Part) => multipart('mixed', 'mms-part-1', [plain('Worksheet for tomorrow attached.'), a]);

describe('check-message --from-eml reads every part of the draft', () => {
  it('an SSN only in the HTML alternative, to a number off the roster: block', async () => {
    const r = await check(multipart('alternative', 'alt-1', [plain('Worksheet below.'), html(`<p>Worksheet below.</p><p>TGT 1 SSN ${SSN}</p>`)]));
    expect(r.code).toBe(1);
    expect(r.out.verdict).toBe('block');
    expect(r.text).toContain('+1 415 555 2671 is not on the roster and would receive US_SSN');
    expect(ssnPlaces(r.out)).toEqual(['draft.eml [body → <p> block 2]']);
    expect(r.text).toContain('draft.eml [body → <p> block 2]');
  });

  it.each([
    ['a text attachment', () => attached('worksheet.txt', 'text/plain', `TGT 1 SSN ${SSN}\n`), ['draft.eml [attachment worksheet.txt]']],
    ['a DOCX attachment', () => attached('FOW.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', readFileSync(join(FIXTURES, 'brief.docx'))), ['draft.eml [attachment FOW.docx → paragraph 3]']],
    ['a PDF attachment', () => attached('FOW.pdf', 'application/pdf', readFileSync(join(FIXTURES, 'report.pdf'))), ['draft.eml [attachment FOW.pdf → page 2]']],
    ['a ZIP attachment', () => attached('FOW.zip', 'application/zip', readFileSync(join(FIXTURES, 'bundle.zip'))), ['draft.eml [attachment FOW.zip → entry exports/brief.docx → paragraph 3]']],
    ['an XLSX attachment', () => attached('roster.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', readFileSync(join(FIXTURES, 'roster.xlsx'))), ['draft.eml [attachment roster.xlsx → sheet Targets, cell C7]']],
    ['a PPTX attachment', () => attached('deck.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', readFileSync(join(FIXTURES, 'deck.pptx'))), ['draft.eml [attachment deck.pptx → slide 2]']],
    ['an HTML attachment (in a comment)', () => attached('page.html', 'text/html', `<p>Worksheet</p><!-- TGT 1 SSN ${SSN} -->`), ['draft.eml [attachment page.html → comment]']],
    [
      'an attached email',
      () => ({ headers: ['Content-Type: message/rfc822', 'Content-Disposition: attachment; filename="fwd.eml"'], body: message(['From: k.dwyer@agency.example.gov', 'Subject: fwd'], plain(`SSN ${SSN}`)) }),
      ['draft.eml [attachment fwd.eml → body]'],
    ],
  ])('an SSN only in %s, to a number off the roster: block, naming the attachment', async (_, make, places) => {
    const r = await check(withAttachment(make()));
    expect(r.code).toBe(1);
    expect(r.out.verdict).toBe('block');
    for (const p of places) expect(ssnPlaces(r.out)).toContain(p);
    for (const p of places) expect(r.text).toContain(p);
  });

  it('an SSN typed into a display name goes to every recipient: block', async () => {
    const r = await check(plain('Running ten minutes late.'), `To: "Lopez, R. SSN ${SSN}" <+1 415 555 2671/TYPE=PLMN>`);
    expect(r.code).toBe(1);
    expect(ssnPlaces(r.out)).toEqual(['draft.eml [header To]']);
  });

  it("the draft's own To/From are its recipients, not content: a benign draft to a stranger is allowed", async () => {
    const r = await check(plain('Running ten minutes late.'));
    expect(r.out.findings).toEqual([]);
    expect(r.out.verdict).toBe('allow');
  });
});

describe('the guard reads what the scan reads', () => {
  it("check-message's findings on a draft are scan's, less the draft's own addresses", async () => {
    const cwd = writeTree(dirs.make(), { 'draft.eml': readFileSync(join(FIXTURES, 'email', 'python-draft.eml')) });
    copyFileSync(join(ROOT, 'fixtures/guard/team.yaml'), join(cwd, 'team.yaml'));
    const guard = JSON.parse((await runCli(['check-message', '--roster', 'team.yaml', '--from-eml', 'draft.eml', '-f', 'json'], { cwd })).stdout) as GuardJson;
    const scan = JSON.parse((await runCli(['scan', '-f', 'json', 'draft.eml'], { cwd })).stdout) as { findings: GuardJson['findings'] };
    // The draft's own addresses, and the names written before them (the addressees' own names).
    const own = (f: GuardJson['findings'][number]) => ['EMAIL_ADDRESS', 'PERSON', 'PROFILE'].includes(f.entity) && /^header (From|To)$/.test(f.location?.description ?? '');
    expect(scan.findings.filter((f) => own(f) && f.entity === 'EMAIL_ADDRESS')).toHaveLength(2);
    expect(guard.findings).toEqual(scan.findings.filter((f) => !own(f)));
    expect(guard.findings.filter((f) => f.entity === 'US_SSN')).toHaveLength(10);
  });
});

describe('an attachment that cannot be read', () => {
  const locked = () => withAttachment(attached('FOW.pdf', 'application/pdf', readFileSync(join(FIXTURES, 'encrypted.pdf'))));

  it('blocks when a recipient is not on the roster, naming the attachment', async () => {
    const r = await check(locked());
    expect(r.code).toBe(1);
    expect(r.out.verdict).toBe('block');
    const reason = r.out.reasons.find((x) => x.code === 'not-scanned')!;
    expect(reason).toMatchObject({ effect: 'block', part: 'draft.eml → attachment FOW.pdf' });
    expect(reason.message).toMatch(/^draft\.eml → attachment FOW\.pdf was not scanned \(.*encrypted.*\) and \+1 415 555 2671 is not on the roster$/);
    expect(r.text).toContain('✖ draft.eml → attachment FOW.pdf was not scanned');
  });

  it('warns when every recipient is on the roster', async () => {
    const r = await check(locked(), LOPEZ, ['--channel', 'signal']);
    expect(r.code).toBe(0);
    expect(r.out.verdict).toBe('warn');
    expect(r.out.reasons.map((x) => [x.code, x.effect])).toEqual([['not-scanned', 'warn']]);
    expect(r.text).toContain('! draft.eml → attachment FOW.pdf was not scanned');
  });

  it('an image attached to a draft to a stranger blocks: it may be a photo of the worksheet', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const r = await check(withAttachment(attached('IMG_0412.png', 'image/png', png)));
    expect(r.code).toBe(1);
    expect(r.out.reasons.find((x) => x.code === 'not-scanned')).toMatchObject({ effect: 'block', part: 'draft.eml → attachment IMG_0412.png' });
  });

  it('--attach of an encrypted file is the same reason, not an error', async () => {
    const cwd = writeTree(dirs.make(), { 'body.txt': 'see attached\n' });
    copyFileSync(join(ROOT, 'fixtures/guard/team.yaml'), join(cwd, 'team.yaml'));
    copyFileSync(join(FIXTURES, 'encrypted.pdf'), join(cwd, 'locked.pdf'));
    const r = await runCli(['check-message', '--roster', 'team.yaml', '--channel', 'signal', '--to', '+1 415 555 2671', '--attach', 'locked.pdf', 'body.txt', '-f', 'json'], { cwd });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as GuardJson;
    expect(out.reasons.find((x) => x.code === 'not-scanned')).toMatchObject({ effect: 'block', part: 'locked.pdf' });
  });

  it('a missing --attach file is a usage error', async () => {
    const cwd = writeTree(dirs.make(), { 'body.txt': 'see attached\n' });
    copyFileSync(join(ROOT, 'fixtures/guard/team.yaml'), join(cwd, 'team.yaml'));
    const r = await runCli(['check-message', '--roster', 'team.yaml', '--channel', 'signal', '--to', '+1 415 555 2671', '--attach', 'nope.pdf', 'body.txt'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read nope.pdf: no such file or folder');
  });

  it('MIME nested past the limit in a draft to a stranger blocks', async () => {
    let content: Part = plain(`deep SSN ${SSN}`);
    for (let i = 0; i < 25; i++) content = multipart('mixed', `level-${i}`, [content]);
    const r = await check(multipart('mixed', 'top', [plain('Nothing here.'), content]));
    expect(r.code).toBe(1);
    expect(r.out.reasons.find((x) => x.code === 'not-scanned')).toMatchObject({ effect: 'block', part: 'draft.eml → body' });
  });
});
