/** The verdict rules, one at a time, on the pure decision. */
import { describe, expect, it } from '@jest/globals';
import type { Severity } from '../../src/model/finding.js';
import { BUILTIN_CHANNELS } from '../../src/config/guard-config.js';
import type { Recipient } from '../../src/guard/lookup.js';
import { decide, entities, type Policy } from '../../src/guard/verdict.js';

const policy: Policy = { blockOn: 'medium', unencryptedBlockOn: 'high', blockUnencrypted: true };
const known: Recipient = { kind: 'phone', input: '202-555-0143', normalized: '+12025550143', display: '+1 202 555 0143', known: true, name: 'R. Lopez' };
const stranger: Recipient = { kind: 'phone', input: '202-555-0999', normalized: '+12025550999', display: '+1 202 555 0999', known: false };
const typo: Recipient = {
  ...stranger,
  normalized: '+12025550134',
  display: '+1 202 555 0134',
  nearMiss: { name: 'R. Lopez', suggestion: '+1 202 555 0143', normalized: '+12025550143', distance: 1, to: 'phone' },
};
const f = (entity: string, severity: Severity) => ({ entity, severity });
const SSN = f('US_SSN', 'critical');
const MARKING = f('DOCUMENT_MARKING', 'high');
const VIN = f('VIN', 'medium');
const PHONE = f('PHONE_NUMBER', 'low');
const { sms, signal } = BUILTIN_CHANNELS as Required<typeof BUILTIN_CHANNELS>;

const verdict = (findings: Array<{ entity: string; severity: Severity }>, recipients: Recipient[], channel = signal!, p = policy) =>
  decide({ findings, recipients, channel, policy: p, notScanned: [] });

describe('verdict', () => {
  it('unknown recipient + SSN → block, naming the recipient', () => {
    const d = verdict([SSN], [known, stranger]);
    expect(d.verdict).toBe('block');
    expect(d.reasons).toEqual([
      { code: 'unknown-recipient', effect: 'block', recipient: '+12025550999', message: '+1 202 555 0999 is not on the roster and would receive US_SSN (at or above medium)' },
    ]);
  });

  it('blockOn is inclusive and configurable', () => {
    expect(verdict([VIN], [stranger]).verdict).toBe('block');
    expect(verdict([VIN], [stranger], signal, { ...policy, blockOn: 'high' }).verdict).toBe('warn');
    expect(verdict([VIN], [stranger], signal, { ...policy, blockOn: 'critical' }).reasons[0]!.message).toContain('below critical');
  });

  it('findings below blockOn to an unknown recipient → warn; info findings do not count', () => {
    expect(verdict([PHONE], [stranger]).verdict).toBe('warn');
    expect(verdict([f('X', 'info')], [stranger]).verdict).toBe('allow');
  });

  it('benign message to an unknown recipient → allow', () => {
    const d = verdict([], [stranger]);
    expect(d.verdict).toBe('allow');
    expect(d.reasons[0]).toMatchObject({ code: 'unknown-recipient', effect: 'allow' });
  });

  it('all recipients known over an encrypted channel → allow, even with an SSN', () => {
    const d = verdict([SSN, MARKING], [known], signal);
    expect(d.verdict).toBe('allow');
    expect(d.reasons).toEqual([
      { code: 'clear', effect: 'allow', message: 'every recipient is on the roster and signal is end-to-end encrypted; the message carries US_SSN, DOCUMENT_MARKING' },
    ]);
  });

  it('known recipients over sms with a worksheet marking → block by channel policy', () => {
    const d = verdict([MARKING], [known], sms);
    expect(d.verdict).toBe('block');
    expect(d.reasons).toEqual([
      {
        code: 'unencrypted-channel',
        effect: 'block',
        message: 'sms is not end-to-end encrypted and the message carries DOCUMENT_MARKING (at or above high): blocked even to roster recipients',
      },
    ]);
  });

  it('unencrypted channel: below unencryptedBlockOn warns; blockUnencrypted: false turns the rule off', () => {
    expect(verdict([VIN], [known], sms).verdict).toBe('warn');
    expect(verdict([MARKING], [known], sms, { ...policy, unencryptedBlockOn: 'critical' }).verdict).toBe('warn');
    const off = verdict([SSN], [known], sms, { ...policy, blockUnencrypted: false });
    expect(off.verdict).toBe('allow');
    expect(off.reasons[0]).toMatchObject({ code: 'unencrypted-channel', effect: 'allow' });
  });

  it('a near miss is always a reason: warn on a benign message, block with findings at or above blockOn', () => {
    const benign = verdict([], [known, typo]);
    expect(benign.verdict).toBe('warn');
    expect(benign.reasons[0]).toEqual({
      code: 'near-miss',
      effect: 'warn',
      recipient: '+12025550134',
      message: '+1 202 555 0134 is not on the roster; nothing sensitive was found; did you mean R. Lopez (+1 202 555 0143)?',
    });
    const loaded = verdict([SSN], [known, typo]);
    expect(loaded.verdict).toBe('block');
    expect(loaded.reasons[0]!.message).toBe('+1 202 555 0134 is not on the roster and would receive US_SSN (at or above medium); did you mean R. Lopez (+1 202 555 0143)?');
  });

  it('every unknown recipient is named, and both rules report when both apply', () => {
    const d = verdict([SSN], [stranger, typo, known], sms);
    expect(d.reasons.map((r) => [r.code, r.effect])).toEqual([
      ['unknown-recipient', 'block'],
      ['near-miss', 'block'],
      ['unencrypted-channel', 'block'],
    ]);
  });

  it('content that could not be read warns when every recipient is on the roster', () => {
    const d = decide({ findings: [], recipients: [known], channel: signal!, policy, notScanned: [{ path: 'fow.pdf', message: 'binary file' }] });
    expect(d.verdict).toBe('warn');
    expect(d.reasons).toEqual([{ code: 'not-scanned', effect: 'warn', part: 'fow.pdf', message: 'fow.pdf was not scanned (binary file); check it yourself before sending' }]);
  });

  it('content that could not be read blocks when a recipient is not on the roster, even with nothing found', () => {
    const notScanned = [{ path: 'draft.eml → attachment FOW.pdf', message: 'encrypted PDF' }];
    const d = decide({ findings: [], recipients: [known, stranger], channel: signal!, policy, notScanned });
    expect(d.verdict).toBe('block');
    expect(d.reasons.map((r) => [r.code, r.effect])).toEqual([
      ['unknown-recipient', 'allow'],
      ['not-scanned', 'block'],
    ]);
    expect(d.reasons[0]!.message).toBe('+1 202 555 0999 is not on the roster; nothing sensitive was found in what could be read');
    expect(d.reasons[1]!.message).toBe('draft.eml → attachment FOW.pdf was not scanned (encrypted PDF) and +1 202 555 0999 is not on the roster');
  });

  it('entities are listed strictest first, counted, never with values', () => {
    expect(entities([PHONE, SSN, MARKING, SSN, VIN])).toBe('US_SSN ×2, DOCUMENT_MARKING, VIN, PHONE_NUMBER');
  });
});
