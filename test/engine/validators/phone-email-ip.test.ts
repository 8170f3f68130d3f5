import { describe, expect, it } from '@jest/globals';
import { check, isValid } from './helpers.js';

describe('phone', () => {
  it.each([
    ['202-456-1111', 'valid US number'],
    ['(202) 456-1111', 'valid US number'],
    ['202.456.1111', 'valid US number'],
    ['+1 202 456 1111', 'valid US number'],
    ['+44 20 7219 3000', 'valid GB number'],
    ['+49 30 901820', 'valid DE number'],
    ['(212) 555-1234', 'valid US number'],
  ])('accepts %s', (v, note) => {
    expect(check('phone', v)).toEqual({ valid: true, adjust: undefined, note });
  });

  it('uses the region option over the default region', () => {
    expect(isValid('phone', '020 7219 3000')).toBe(false);
    expect(check('phone', '020 7219 3000', { region: 'GB' })).toEqual({ valid: true, adjust: undefined, note: 'valid GB number' });
    expect(isValid('phone', '020 7219 3000', { region: 'gb' })).toBe(true);
  });

  it('uses the run-wide default region', () => {
    expect(check('phone', '030 901820', {}, 'DE').note).toBe('valid DE number');
    expect(isValid('phone', '030 901820', {}, 'US')).toBe(false);
  });

  it.each(['(212) 555-0123', '212-555-0100', '+1 800 555 0199', '415.555.0150'])('scores down the fictional number %s', (v) => {
    expect(check('phone', v)).toEqual({ valid: true, adjust: -0.5, note: 'reserved fictional number' });
  });

  it.each([
    ['212-555-0200', 'just outside the fiction range'],
    ['212-555-0099', 'just below the fiction range'],
  ])('does not treat %s as fiction (%s)', (v) => {
    expect(check('phone', v).adjust).toBeUndefined();
  });

  it.each([
    ['123-456-7890', 'area code cannot start with 1'],
    ['(123) 555-0150', 'fiction but an impossible area code'],
    ['212-555-12', 'too short'],
    ['555-0123', 'seven digits without an area code'],
    ['0000000000', 'zeros'],
    ['+1 212 555 1234 5678 9012', 'more than 15 digits'],
    ['1234567890123456', 'more than 15 digits'],
    ['call 202-456-1111', 'not only a number'],
    ['+99 123 456', 'no such country code'],
    ['', 'empty'],
  ])('rejects %s (%s)', (v) => expect(isValid('phone', v)).toBe(false));

  it('treats an unknown region as no region rather than throwing', () => {
    expect(isValid('phone', '202-456-1111', { region: 'ZZ' })).toBe(false);
    expect(isValid('phone', '+1 202 456 1111', { region: 'ZZ' })).toBe(true);
  });

  it('never puts the number in the note', () => {
    expect(check('phone', '202-456-1111').note).not.toMatch(/\d{3}/);
  });
});

describe('email', () => {
  it.each(['jane.doe@gmail.com', 'j.o.h.n+tag@mail.co.uk', 'first-last@company.io', 'someone@bücher.de', 'user@notexample.com', 'a@examples.com', 'jane@site.xn--p1ai', 'ivan@пример.рф', 'li@例子.中国'])(
    'accepts %s',
    (v) => expect(check('email', v)).toEqual({ valid: true, adjust: undefined, note: undefined }),
  );

  it.each(['user@example.com', 'USER@EXAMPLE.ORG', 'ops@mail.example.net', 'a@foo.test', 'a@x.invalid', 'a@corp.example', 'root@localhost', 'me@dev.localhost'])(
    'scores down the reserved address %s',
    (v) => expect(check('email', v)).toEqual({ valid: true, adjust: -0.4, note: 'reserved example domain' }),
  );

  it.each([
    ['jane@doe', 'no TLD'],
    ['jane@doe.c', 'one-letter TLD'],
    ['jane@doe.123', 'numeric TLD'],
    ['jane@site.xn--', 'empty punycode TLD'],
    ['jane@site.xn--p1ai!', 'punctuation in a punycode TLD'],
    ['ivan@пример.рфru', 'TLD mixes scripts'],
    ['ivan@пример.р', 'one-letter TLD in its own script'],
    ['jane@doe.abcdefghijklmnopqrstuvwxy', 'TLD longer than 24'],
    ['jane.doe@', 'no domain'],
    ['@example.org', 'no local part'],
    ['jane doe@x.com', 'space'],
    ['a@b@c.com', 'two @'],
    ['jane..doe@x.com', 'double dot'],
    ['jane@-x.com', 'label starts with a dash'],
    ['not an email', 'no @'],
  ])('rejects %s (%s)', (v) => expect(isValid('email', v)).toBe(false));
});

describe('ip', () => {
  it.each(['192.168.1.1', '8.8.8.8', '10.0.0.255', '255.255.255.255', '1.0.0.0', 'fe80::1ff:fe23:4567:890a', '::ffff:192.0.3.1', '2600:1700:3e40:9c10:5d21:8fa3:1b7c:44e2', '64:ff9b::73.162.44.201', '2600:1700::10.20.30.40', 'fe80::1'])(
    'accepts %s',
    (v) => expect(check('ip', v)).toEqual({ valid: true, adjust: undefined, note: undefined }),
  );

  it.each([
    ['127.0.0.1', 'loopback address'],
    ['127.8.9.10', 'loopback address'],
    ['::1', 'loopback address'],
    ['0:0:0:0:0:0:0:1', 'loopback address'],
    ['::ffff:127.0.0.1', 'loopback address'],
    ['::', 'unspecified address'],
  ])('scores down %s', (v, note) => expect(check('ip', v)).toEqual({ valid: true, adjust: -0.3, note }));

  it.each([
    ['0.0.0.0', 'unspecified IPv4'],
    ['256.1.1.1', 'octet over 255'],
    ['1.2.3.999', 'octet over 255'],
    ['01.2.3.4', 'leading zero'],
    ['192.168.001.1', 'leading zero'],
    ['1.2.3', 'three octets'],
    ['1.2.3.4.5', 'five octets'],
    ['1..3.4', 'empty octet'],
    ['1.2.3.-4', 'sign'],
    [' 1.2.3.4', 'leading space'],
    ['2001:db8::g', 'not hex'],
    ['1::2::3', 'two ::'],
    ['12345::1', 'group too long'],
    ['abc', 'not an address'],
    ['', 'empty'],
  ])('rejects %s (%s)', (v) => expect(isValid('ip', v)).toBe(false));
});

describe('ip documentation ranges', () => {
  it.each(['192.0.2.10', '198.51.100.7', '203.0.113.254', '2001:db8::7', '2001:0DB8:0:0::1'])('scores down %s', (v) =>
    expect(check('ip', v)).toEqual({ valid: true, adjust: -0.4, note: 'documentation address range' }),
  );
  it.each(['192.0.3.10', '73.162.44.201', '2001:db9::1'])('does not score down %s', (v) => expect(check('ip', v)).toEqual({ valid: true, adjust: undefined, note: undefined }));
});
