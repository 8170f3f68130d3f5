/** pii-scan serve over real HTTP: the Presidio-compatible endpoints, /scan and /check-message, masking. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli/helpers.js';
import { post, send, serversForFile, start } from './helpers.js';

const SSN = '541-40-2160';
const STRANGER = '+1 415 555 2671';
const servers = serversForFile();

describe('POST /analyze (Presidio analyzer contract)', () => {
  it('answers entity_type, start, end and score, offsets in UTF-16 code units of the text, and no value', async () => {
    const text = `😀 é SSN ${SSN}, mail r.lopez@agency.example.gov`;
    const r = await post(servers.masked, '/analyze', { text, language: 'en' });
    expect(r.status).toBe(200);
    const ssn = r.json.find((x: { entity_type: string }) => x.entity_type === 'US_SSN');
    expect(text.slice(ssn.start, ssn.end)).toBe(SSN);
    expect(ssn.score).toBe(1);
    const mail = r.json.find((x: { entity_type: string }) => x.entity_type === 'EMAIL_ADDRESS');
    expect(text.slice(mail.start, mail.end)).toBe('r.lopez@agency.example.gov');
    expect(r.text).not.toContain(SSN);
    expect(r.text).not.toContain('agency.example');
  });

  it('reads a text that looks like an email or a PDF as the text it is: offsets stay in it', async () => {
    const text = `From: a@b.example\nTo: c@d.example\nSubject: x\n\nSSN ${SSN}`;
    const r = await post(servers.masked, '/analyze', { text, language: 'en', entities: ['US_SSN'] });
    expect(r.json).toHaveLength(1);
    expect(text.slice(r.json[0].start, r.json[0].end)).toBe(SSN);
  });

  it('keeps only the entities asked for, and refuses one it does not detect rather than finding it nowhere', async () => {
    const text = `SSN ${SSN} and r.lopez@agency.example.gov`;
    const only = await post(servers.masked, '/analyze', { text, language: 'en', entities: ['EMAIL_ADDRESS'] });
    expect(only.json.map((x: { entity_type: string }) => x.entity_type)).toEqual(['EMAIL_ADDRESS']);
    const other = await post(servers.masked, '/analyze', { text, language: 'en', entities: ['NRP'] });
    expect(other.status).toBe(400);
    expect(other.json.error.code).toBe('unsupported-entity');
    expect(other.text).not.toContain('NRP');
  });

  it('leaves out values in allow_list (exact), and refuses a regex allow list', async () => {
    const text = `SSN ${SSN} and r.lopez@agency.example.gov`;
    const r = await post(servers.masked, '/analyze', { text, language: 'en', allow_list: ['r.lopez@agency.example.gov'] });
    expect(r.json.map((x: { entity_type: string }) => x.entity_type)).toEqual(['US_SSN']);
    const re = await post(servers.masked, '/analyze', { text, language: 'en', allow_list: ['.*'], allow_list_match: 'regex' });
    expect(re.status).toBe(400);
  });

  it('applies score_threshold, and needs text and a supported language', async () => {
    const high = await post(servers.masked, '/analyze', { text: 'FIELD OPERATIONS WORKSHEET', language: 'en', score_threshold: 0.99 });
    expect(high.json).toEqual([]);
    expect((await post(servers.masked, '/analyze', { text: 'x' })).status).toBe(400);
    expect((await post(servers.masked, '/analyze', { text: 'x', language: 'xx' })).json.error.code).toBe('unsupported-language');
    expect((await post(servers.masked, '/analyze', { language: 'en' })).status).toBe(400);
  });
});

describe('POST /anonymize (Presidio anonymizer contract)', () => {
  const text = `SSN ${SSN}, call (202) 555-0199`;
  const results = [
    { start: 4, end: 15, entity_type: 'US_SSN', score: 1 },
    { start: 22, end: 36, entity_type: 'PHONE_NUMBER', score: 0.7 },
  ];

  it('replaces with <ENTITY_TYPE> by default and lists items at their place in the new text', async () => {
    const r = await post(servers.masked, '/anonymize', { text, analyzer_results: results });
    expect(r.status).toBe(200);
    expect(r.json.text).toBe('SSN <US_SSN>, call <PHONE_NUMBER>');
    for (const item of r.json.items) expect(r.json.text.slice(item.start, item.end)).toBe(item.text);
    expect(r.json.items.map((i: { operator: string }) => i.operator)).toEqual(['replace', 'replace']);
  });

  it('masks, redacts and replaces with a new value per entity or by DEFAULT', async () => {
    const r = await post(servers.masked, '/anonymize', {
      text,
      analyzer_results: results,
      anonymizers: { US_SSN: { type: 'mask', masking_char: '#', chars_to_mask: 7, from_end: false }, DEFAULT: { type: 'redact' } },
    });
    expect(r.json.text).toBe('SSN #######2160, call ');
    const v = await post(servers.masked, '/anonymize', { text, analyzer_results: results, anonymizers: { DEFAULT: { type: 'replace', new_value: '[gone]' } } });
    expect(v.json.text).toBe('SSN [gone], call [gone]');
  });

  it('overlapping results: the higher score keeps the overlap and nothing any result covers stays', async () => {
    const r = await post(servers.masked, '/anonymize', {
      text: 'abcdefghij',
      analyzer_results: [
        { start: 2, end: 6, entity_type: 'A', score: 0.9 },
        { start: 4, end: 9, entity_type: 'B', score: 0.5 },
      ],
    });
    expect(r.json.text).toBe('ab<A><B>j');
  });

  it('refuses offsets outside the text and operators it does not have, without quoting the text', async () => {
    const bad = await post(servers.masked, '/anonymize', { text, analyzer_results: [{ start: 4, end: 99, entity_type: 'US_SSN' }] });
    expect(bad.status).toBe(400);
    expect(bad.text).not.toContain(SSN);
    const op = await post(servers.masked, '/anonymize', { text, analyzer_results: results, anonymizers: { DEFAULT: { type: 'encrypt', key: 'k' } } });
    expect(op.json.error.code).toBe('unsupported-operator');
  });
});

describe('POST /scan', () => {
  it('answers the JSON report of a text, values masked', async () => {
    const r = await post(servers.masked, '/scan', { text: `SSN ${SSN}` });
    expect(r.status).toBe(200);
    expect(r.json.findings[0]).toMatchObject({ path: 'message', entity: 'US_SSN', value: '***-**-2160', masked: true });
    expect(r.text).not.toContain(SSN);
    const raw = await post(servers.shown, '/scan', { text: `SSN ${SSN}` });
    expect(raw.json.findings[0]).toMatchObject({ value: SSN, masked: false });
  });

  it('reads a document sent as base64 through the format registry, by its bytes and name', async () => {
    const docx = readFileSync(join(ROOT, 'fixtures/documents/brief.docx'));
    const r = await post(servers.masked, '/scan', { content_base64: docx.toString('base64'), name: 'brief.docx' });
    expect(r.status).toBe(200);
    expect(r.json.findings.map((f: { entity: string }) => f.entity)).toContain('US_SSN');
    expect(r.json.findings.every((f: { path: string; location?: unknown }) => f.path === 'brief.docx' && f.location)).toBe(true);
    const csv = await post(servers.masked, '/scan', { content_base64: Buffer.from(`name,ssn\nA,${SSN}\n`).toString('base64'), name: 'people.csv' });
    expect(csv.json.findings[0].location.kind).toBe('csv');
  });

  it('a document it cannot read is 422, not an empty report', async () => {
    const pdf = readFileSync(join(ROOT, 'fixtures/documents/encrypted.pdf'));
    const r = await post(servers.masked, '/scan', { content_base64: pdf.toString('base64'), name: 'secret.pdf' });
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('not-scanned');
  });
});

describe('POST /check-message', () => {
  it('a worksheet to an unknown number: block, naming the number; findings masked', async () => {
    const r = await post(servers.masked, '/check-message', { text: `FIELD OPERATIONS WORKSHEET\nSSN ${SSN}`, recipients: [STRANGER], channel: 'sms' });
    expect(r.status).toBe(200);
    expect(r.json.verdict).toBe('block');
    expect(r.json.reasons[0].message).toContain('+1 415 555 2671 is not on the roster');
    expect(r.text).not.toContain(SSN);
    expect(r.json.findings.find((f: { entity: string }) => f.entity === 'US_SSN').value).toBe('***-**-2160');
  });

  it('roster recipients over signal: allow; attachments are read and named', async () => {
    const docx = readFileSync(join(ROOT, 'fixtures/documents/brief.docx')).toString('base64');
    const r = await post(servers.masked, '/check-message', { text: 'see attached', recipients: ['+1 (202) 555-0143', 'group:team-4'], channel: 'signal', attachments: [{ name: 'brief.docx', content_base64: docx }] });
    expect(r.json.verdict).toBe('allow');
    expect(r.json.findings.some((f: { path: string }) => f.path === 'brief.docx')).toBe(true);
  });

  it('an attachment that cannot be read blocks a message to a stranger, as the CLI does', async () => {
    const pdf = readFileSync(join(ROOT, 'fixtures/documents/encrypted.pdf')).toString('base64');
    const r = await post(servers.masked, '/check-message', { text: 'hi', recipients: [STRANGER], channel: 'signal', attachments: [{ name: 'x.pdf', content_base64: pdf }] });
    expect(r.status).toBe(200);
    expect(r.json.verdict).toBe('block');
    expect(r.json.reasons.some((x: { code: string }) => x.code === 'not-scanned')).toBe(true);
  });

  it('refuses what it cannot check without echoing the recipient or channel asked', async () => {
    const bad = await post(servers.masked, '/check-message', { text: 'hi', recipients: ['not-an-address-zq'], channel: 'sms' });
    expect(bad.status).toBe(400);
    expect(bad.text).not.toContain('zq');
    const ch = await post(servers.masked, '/check-message', { text: 'hi', recipients: [STRANGER], channel: 'pigeon-zq' });
    expect(ch.status).toBe(400);
    expect(ch.text).not.toContain('zq');
    const none = await start({ noRoster: true });
    try {
      expect((await post(none, '/check-message', { text: 'hi', recipients: [STRANGER], channel: 'sms' })).json.error.code).toBe('no-roster');
    } finally {
      await none.close();
    }
  });
});

describe('GET /health', () => {
  it('answers ok', async () => {
    const r = await send(servers.masked, 'GET', '/health');
    expect(r.json.status).toBe('ok');
  });
});
