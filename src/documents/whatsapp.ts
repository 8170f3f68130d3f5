/**
 * WhatsApp chat exports ("Export chat"): a text file, one message a line led by its time stamp in
 * the phone's own date format — iOS `[12/31/23, 9:41:07 PM] Sender: text`, Android
 * `12/31/23, 9:41 PM - Sender: text`, 24-hour and day-first (`31/12/2023, 21:41`, `31.12.23`) as the
 * locale writes them, often with U+200E marks and a narrow no-break space before AM/PM. A line
 * without a time stamp continues the message above it; a stamped line without `Sender:` is the
 * app's own (someone joined, the chat is encrypted). Media travel beside the text in the exported
 * zip, where they are read as its entries; the text only names them.
 */
import { describeNote } from './location.js';
import { segment, type DocLocation, type ExtractContext, type Segment, type TextOrigin } from './types.js';

type ChatLocation = Extract<DocLocation, { kind: 'chat' }>;

const SPACE = '[ \\u00a0\\u202f]';
/** Date (d/m/y, m/d/y or y-m-d; `/`, `.` or `-`), time, optional seconds and AM/PM (`p. m.` too). */
const STAMP = `(\\d{1,4})([./-])(\\d{1,2})\\2(\\d{1,4}),?${SPACE}+(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?(?:${SPACE}*([AaPp])\\.?${SPACE}?[Mm]\\.?)?`;
const IOS_LINE = new RegExp(`^[\\u200e\\u200f]?\\[${STAMP}\\]${SPACE}?`);
const ANDROID_LINE = new RegExp(`^[\\u200e\\u200f]?${STAMP}${SPACE}?[-–]${SPACE}`);
/** `Sender: ` after the stamp: a contact's name or a phone number (`~ Name` for one not saved). */
const SENDER = /^([^:\n]{1,120}?): /;
const ATTACHED_IOS = /<attached: ([^>\n]+)>/g;
const ATTACHED_ANDROID = /^(.+\.\w{1,6}) \(file attached\)$/gm;
const OMITTED = /<Media omitted>|^\u200e?(?:image|video|audio|sticker|GIF|document|Contact card) omitted$/gim;

interface Stamp {
  a: number;
  b: number;
  c: number;
  /** The first number was written with three or more digits: a year (y-m-d). */
  yearFirst: boolean;
  dotted: boolean;
  hour: number;
  minute: string;
  second: string | undefined;
  meridiem: 'a' | 'p' | undefined;
}

interface Message {
  stamp: Stamp;
  /** `asWritten`: the name is the file's own text (not cleaned of marks), so it can be placed in the file. */
  sender?: { name: string; at: TextOrigin; asWritten: boolean };
  /** From after `Sender: ` to the end of its last line: the file's own text. */
  text: string;
  at: TextOrigin;
}

/** A chat export's name: a text file (`_chat.txt`, `WhatsApp Chat with …txt`, or renamed). */
export function isChatName(name: string): boolean {
  return /\.txt$/i.test(name);
}

/** The first line that is not blank is a message with its time stamp. */
export function looksLikeChat(head: Uint8Array | string): boolean {
  const text = typeof head === 'string' ? head.slice(0, 8000) : new TextDecoder('utf-8').decode(head.subarray(0, 8000));
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '');
  return first !== undefined && stampOf(first) !== undefined;
}

export interface ChatOptions {
  /** The media the messages attach sit beside the text (the exported zip): not noted as missing. */
  mediaBeside?: boolean;
  /**
   * The text is the file's own, decoded from UTF-8 with this many bytes of byte-order mark before
   * it: findings are placed in the file (line, column, offset), not only in their message.
   */
  inFile?: { bomBytes: number };
}

/** Each message's text (continuation lines included) at its message, and each sender once. */
export function* extractChat(text: string, ctx: ExtractContext, options: ChatOptions = {}): Generator<Segment> {
  const messages = parse(text, options.inFile?.bomBytes ?? 0);
  const placed = (seg: Segment, at: TextOrigin): Segment => (options.inFile ? { ...seg, origin: at } : seg);
  const dayFirst = dayComesFirst(messages.map((m) => m.stamp));
  const senders = new Set<string>();
  const missing: number[] = [];
  const omitted: number[] = [];
  for (const [i, m] of messages.entries()) {
    const where: ChatLocation = { kind: 'chat', message: i + 1, date: isoTime(m.stamp, dayFirst), ...(m.sender !== undefined ? { sender: m.sender.name } : {}) };
    const body = m.text;
    if (m.sender !== undefined && !senders.has(m.sender.name)) {
      senders.add(m.sender.name);
      const seg = segment(ctx, m.sender.name, { ...where, field: 'sender' }, 'sender');
      yield m.sender.asWritten ? placed(seg, m.sender.at) : seg;
    }
    if (body.trim()) yield placed(segment(ctx, body, where), m.at);
    for (const _ of [...body.matchAll(ATTACHED_IOS), ...body.matchAll(ATTACHED_ANDROID)]) missing.push(i + 1);
    for (const _ of body.matchAll(OMITTED)) omitted.push(i + 1);
  }
  if (!options.mediaBeside && missing.length > 0) {
    ctx.notes.push(noteFor(ctx, `${count(missing.length, 'file')} the messages attach (${firstOf(missing)}) not in this text; not scanned (scan the exported zip, which holds them)`));
  }
  if (omitted.length > 0) ctx.notes.push(noteFor(ctx, `${count(omitted.length, 'media file')} left out of the export (${firstOf(omitted)}); not scanned`));
}

function parse(text: string, bomBytes: number): Message[] {
  const messages: Message[] = [];
  let open: { message: Message; end: number } | undefined;
  const close = () => {
    if (open) open.message.text = text.slice(open.message.at.index, open.end);
  };
  let byte = bomBytes;
  for (let start = 0, line = 1; start <= text.length; line++) {
    const nl = text.indexOf('\n', start);
    const next = nl < 0 ? text.length + 1 : nl + 1;
    const end = nl > start && text[nl - 1] === '\r' ? nl - 1 : nl < 0 ? text.length : nl;
    const content = text.slice(start, end);
    const found = stampOf(content);
    if (found) {
      // A new message; a line without a stamp belongs to the one above (a message may hold line breaks).
      close();
      const rest = content.slice(found.length);
      const sender = SENDER.exec(rest);
      const skip = found.length + (sender ? sender[0].length : 0);
      const at = { index: start + skip, offset: byte + Buffer.byteLength(content.slice(0, skip)), line, column: skip + 1 };
      const message: Message = { stamp: found.stamp, text: '', at };
      if (sender) {
        const name = plainName(sender[1]!);
        message.sender = { name, asWritten: name === sender[1], at: { index: start + found.length, offset: byte + Buffer.byteLength(content.slice(0, found.length)), line, column: found.length + 1 } };
      }
      messages.push(message);
      open = { message, end };
    } else if (open && content.trim() !== '') {
      open.end = end;
    }
    byte += Buffer.byteLength(text.slice(start, Math.min(next, text.length)));
    start = next;
  }
  close();
  return messages;
}

/**
 * A sender as it reads: iOS wraps an unsaved number in directional marks and writes its hyphens
 * as non-breaking ones (`\u202a+1 (415) 555\u20112671\u202c`), which no number format expects.
 */
function plainName(sender: string): string {
  return sender.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\u2011/g, '-');
}

function stampOf(line: string): { stamp: Stamp; length: number } | undefined {
  const m = IOS_LINE.exec(line) ?? ANDROID_LINE.exec(line);
  if (!m) return undefined;
  const stamp: Stamp = {
    a: Number(m[1]),
    b: Number(m[3]),
    c: Number(m[4]),
    yearFirst: m[1]!.length >= 3,
    dotted: m[2] === '.',
    hour: Number(m[5]),
    minute: m[6]!,
    second: m[7],
    meridiem: m[8] ? (m[8].toLowerCase() as 'a' | 'p') : undefined,
  };
  const month = stamp.yearFirst ? stamp.b : Math.min(stamp.a, stamp.b);
  if (month < 1 || month > 12 || stamp.hour > 23 || Number(stamp.minute) > 59) return undefined;
  return { stamp, length: m[0].length };
}

/**
 * Whether dates are day/month: the locale decides and the file does not say, so the stamps do —
 * a first number over 12 is a day, a second over 12 is one; when none is, 12-hour clocks go with
 * month first (the US habit) and 24-hour ones and dotted dates with day first.
 */
function dayComesFirst(stamps: Stamp[]): boolean {
  const plain = stamps.filter((s) => !s.yearFirst);
  if (plain.some((s) => s.a > 12)) return true;
  if (plain.some((s) => s.b > 12)) return false;
  if (plain.some((s) => s.dotted)) return true;
  return !plain.some((s) => s.meridiem !== undefined);
}

/** Local time as the phone wrote it, ISO 8601 without a zone: `2023-12-31T21:41:07`. */
function isoTime(s: Stamp, dayFirst: boolean): string {
  const [year, month, day] = s.yearFirst ? [s.a, s.b, s.c] : dayFirst ? [s.c, s.b, s.a] : [s.c, s.a, s.b];
  const hour = s.meridiem === undefined ? s.hour : (s.hour % 12) + (s.meridiem === 'p' ? 12 : 0);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${year < 100 ? 2000 + year : year}-${two(month)}-${two(day)}T${two(hour)}:${s.minute}${s.second !== undefined ? `:${s.second}` : ''}`;
}

function noteFor(ctx: ExtractContext, what: string): string {
  return describeNote(ctx.chain, what);
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function firstOf(messages: number[]): string {
  const shown = [...new Set(messages)];
  return `message${shown.length === 1 ? '' : 's'} ${shown.slice(0, 5).join(', ')}${shown.length > 5 ? ', …' : ''}`;
}
