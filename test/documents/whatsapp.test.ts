/** The chat reader on the stamp forms the apps write, locale by locale. */
import type { Segment } from '../../src/model/location.js';
import { describe, expect, it } from '@jest/globals';
import { extractChat, looksLikeChat } from '../../src/documents/whatsapp.js';
import { newContext } from '../../src/documents/types.js';

function read(text: string, inFile = true) {
  const ctx = newContext();
  const segments: Segment[] = [...extractChat(text, ctx, inFile ? { inFile: { bomBytes: 0 } } : {})];
  return { segments, notes: ctx.notes, bodies: segments.filter((s) => s.location.kind === 'chat' && !('field' in s.location && s.location.field)) };
}

describe('time stamps', () => {
  it.each([
    ['iOS, US', '[12/31/23, 9:41:07\u202fPM] Dana: hi', '2023-12-31T21:41:07'],
    ['iOS, with a mark before it', '\u200e[12/31/23, 9:41:07 PM] Dana: hi', '2023-12-31T21:41:07'],
    ['iOS, day first, 24-hour', '[31/12/2023, 21:41:07] Dana: hi', '2023-12-31T21:41:07'],
    ['iOS, German', '[31.12.23, 21:41:07] Dana: hi', '2023-12-31T21:41:07'],
    ['Android, US', '12/31/23, 9:41 PM - Dana: hi', '2023-12-31T21:41'],
    ['Android, 24-hour', '31/12/2023, 21:41 - Dana: hi', '2023-12-31T21:41'],
    ['Android, Spanish', '31/12/23, 9:41 p. m. - Dana: hi', '2023-12-31T21:41'],
    ['Android, year first', '2023-12-31, 21:41 - Dana: hi', '2023-12-31T21:41'],
    ['midnight, 12-hour', '12/31/23, 12:05 AM - Dana: hi', '2023-12-31T00:05'],
  ])('%s', (_, line, date) => {
    expect(looksLikeChat(line)).toBe(true);
    expect(read(line).bodies.map((s) => s.location)).toEqual([{ kind: 'chat', message: 1, date, sender: 'Dana' }]);
  });

  it('tells the order of day and month from the whole file', () => {
    // 1/2 alone could be either; 13/2 later says day first.
    const { bodies } = read('1/2/24, 21:41 - Dana: a\n13/2/24, 08:00 - Dana: b');
    expect(bodies.map((s) => (s.location.kind === 'chat' ? s.location.date : ''))).toEqual(['2024-02-01T21:41', '2024-02-13T08:00']);
    // With 12-hour times and nothing to tell, month first.
    expect(read('[1/2/24, 9:41:07 AM] Dana: a').bodies[0]!.location).toMatchObject({ date: '2024-01-02T09:41:07' });
  });

  it('is not a chat when the first line is not a message', () => {
    expect(looksLikeChat('Meeting notes 12/31/23, 9:41 PM - Dana: hi')).toBe(false);
    expect(looksLikeChat('\n\n12/31/23, 9:41 PM - Dana: hi')).toBe(true);
  });
});

describe('messages', () => {
  it('continuation lines, blank ones included, belong to the message above; CRLF kept as the file has it', () => {
    const { bodies } = read('[12/31/23, 9:40:15 PM] Dana: first\r\n\r\nSSN 536-22-4391\r\n[12/31/23, 9:41:00 PM] Sam: ok\r\n');
    expect(bodies.map((s) => s.text)).toEqual(['first\r\n\r\nSSN 536-22-4391', 'ok']);
    expect(bodies[0]!.origin).toEqual({ index: 29, offset: 29, line: 1, column: 30 });
  });

  it("the app's own lines have no sender", () => {
    const { segments } = read('12/31/23, 9:38 PM - Dana Reyes created group "Intake"\n12/31/23, 9:39 PM - Dana Reyes: hi');
    expect(segments.map((s) => s.location)).toEqual([
      { kind: 'chat', message: 1, date: '2023-12-31T21:38' },
      { kind: 'chat', message: 2, date: '2023-12-31T21:39', sender: 'Dana Reyes', field: 'sender' },
      { kind: 'chat', message: 2, date: '2023-12-31T21:39', sender: 'Dana Reyes' },
    ]);
  });

  it('each sender is scanned once, as a reader would read it', () => {
    const { segments } = read('[12/31/23, 9:44:51 PM] \u202a+1 (415) 555\u20112671\u202c: a\n[12/31/23, 9:45:00 PM] \u202a+1 (415) 555\u20112671\u202c: b');
    expect(segments.filter((s) => s.location.kind === 'chat' && s.location.field === 'sender').map((s) => s.text)).toEqual(['+1 (415) 555-2671']);
  });

  it('positions are the file offsets, in UTF-8 bytes past a byte-order mark', () => {
    const ctx = newContext();
    const [, body] = [...extractChat('[1/2/24, 9:41:07 AM] José: é SSN', ctx, { inFile: { bomBytes: 3 } })];
    expect(body!.origin).toEqual({ index: 27, offset: 3 + 28, line: 1, column: 28 });
  });
});
