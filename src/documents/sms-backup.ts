/**
 * Android "SMS Backup & Restore" XML: every SMS and MMS of a phone, as
 * `<smses><sms address= date= body= contact_name= …/><mms …><parts><part ct= text= data=…/></parts>
 * <addrs><addr address=…/></addrs></mms></smses>`. Backups reach gigabytes, so the XML is read as it
 * streams (saxes, fed a slice at a time) and each message's text leaves as soon as its element is
 * read; only one element's attributes are held at once (an MMS part's base64 `data`), up to a cap.
 *
 * Scanned: each SMS body and subject, each MMS subject and text part, the contact name, the thread
 * address and every other party's address (phone numbers are data too); MMS parts holding a file
 * (PDF, DOCX, zip, text …) are read as documents; pictures, sound and video are noted.
 */
import { isImage } from './image.js';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { sniff } from '../text/decoder.js';
import { describeNote } from './location.js';
import { mediaByType } from './media.js';
import { checkTime, DocumentError, segment, type DocLocation, type ExtractContext, type Segment, type SmsField } from './types.js';

type Nested = (bytes: Uint8Array, where: DocLocation, ctx: ExtractContext) => Generator<Segment>;
type SmsLocation = Extract<DocLocation, { kind: 'sms' }>;

/** Characters of one element's attributes held at most (an MMS part's base64 data is in one). */
export const MAX_ELEMENT_CHARS = 64 * 1024 * 1024;
/** Text handed to the parser at a time, so an element over the cap is stopped near the cap. */
const SLICE = 1024 * 1024;
/** Parse problems noted one by one; more are counted. */
const MAX_PROBLEMS_NOTED = 5;

/** The file starts (after the XML declaration, comments and processing instructions) with `<smses`. */
export function isSmsBackup(head: Uint8Array): boolean {
  const text = Buffer.from(head.subarray(0, 8000)).toString('utf8').replace(/^\uFEFF/, '');
  return /^\s*(?:<\?[^]*?\?>\s*|<!--[^]*?-->\s*)*<smses[\s/>]/.test(text);
}

interface OpenMms {
  where: SmsLocation;
  parts: number;
}

/**
 * Text in (any slices), segments out. `push` returns what the text so far completes; `end` what
 * is left, and throws DocumentError when a message part could not be read (after reading the rest).
 */
export class SmsBackupReader {
  private readonly parser = new SaxesParser();
  private out: Segment[] = [];
  private message = 0;
  private declared: number | undefined;
  private mms: OpenMms | undefined;
  /** Where in the text the open start tag began (-1: not inside one). */
  private tagStart = -1;
  private problems: string[] = [];
  private moreProblems = 0;
  private failures: string[] = [];
  private ended = false;
  /**
   * Addresses and contact names scanned: a thread's repeat on each of its messages (and in an
   * MMS's `addr` list), so each is scanned once, at the first message it is on.
   */
  private readonly seen = new Set<string>();

  constructor(
    private readonly ctx: ExtractContext,
    private readonly nested: Nested,
    private readonly maxElementChars = MAX_ELEMENT_CHARS,
  ) {
    const p = this.parser;
    p.on('opentagstart', () => {
      this.tagStart = p.position;
    });
    p.on('opentag', (tag) => {
      this.tagStart = -1;
      this.open(tag as SaxesTagPlain);
    });
    p.on('closetag', (tag) => {
      if (tag.name === 'mms') this.mms = undefined;
    });
    p.on('error', (e) => {
      // The app writes characters outside the BMP as two references to surrogates (`&#55357;&#56832;`),
      // which XML refuses: the references are kept as written and joined again below (`attr`).
      if (/entity/.test(e.message)) return;
      if (this.problems.length < MAX_PROBLEMS_NOTED) this.problems.push(e.message);
      else this.moreProblems++;
    });
  }

  push(text: string): Segment[] {
    for (let at = 0; at < text.length; at += SLICE) {
      this.parser.write(text.slice(at, at + SLICE));
      if (this.tagStart >= 0 && this.parser.position - this.tagStart > this.maxElementChars) {
        throw new DocumentError(`${this.place()}: an element larger than ${this.maxElementChars / (1024 * 1024)} MB of text; the backup was read up to it, not past it`);
      }
    }
    return this.take();
  }

  end(): Segment[] {
    if (!this.ended) {
      this.ended = true;
      this.parser.close();
      const read = this.message;
      if (this.declared !== undefined && read < this.declared) this.note(`${read} of the ${this.declared} messages the backup declares were found; the file may be cut short`);
      if (this.problems.length > 0) {
        const shown = this.problems.map((m) => m.replace(/\.$/, '')).join('; ');
        const more = this.moreProblems > 0 ? ` and ${this.moreProblems} more` : '';
        this.note(`malformed XML (${shown}${more}); what could be parsed was read`);
      }
    }
    const rest = this.take();
    if (this.failures.length > 0) {
      const more = this.failures.length > 1 ? ` (and ${this.failures.length - 1} more parts)` : '';
      throw new DocumentError(`${this.failures[0]}${more}; the rest of the backup was read`);
    }
    return rest;
  }

  /** A message part read elsewhere (a PDF, read asynchronously) that failed. */
  failed(where: DocLocation, e: DocumentError): void {
    this.failures.push(describeNote([...this.ctx.chain, where], e.message));
  }

  private take(): Segment[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private open(tag: SaxesTagPlain): void {
    const a = tag.attributes;
    switch (tag.name) {
      case 'smses': {
        const count = Number(attr(a, 'count'));
        if (Number.isInteger(count)) this.declared = count;
        return;
      }
      case 'sms':
        this.fields(this.startMessage(a), a, { body: 'body', subject: 'subject' });
        return;
      case 'mms': {
        const where = this.startMessage(a);
        this.mms = { where, parts: 0 };
        this.fields(where, a, { sub: 'subject' });
        return;
      }
      case 'part':
        if (this.mms) this.part(this.mms, a);
        return;
      case 'addr': {
        // Each party (sender, recipients, copies), the phone's own number too: mostly the thread's again.
        const address = attr(a, 'address');
        if (this.mms && address) this.once(address, { ...this.mms.where, field: 'address' }, 'phone number');
        return;
      }
      default:
    }
  }

  private startMessage(a: Record<string, string>): SmsLocation {
    checkTime(this.ctx);
    this.message++;
    const date = isoDate(attr(a, 'date'));
    const address = attr(a, 'address');
    return { kind: 'sms', message: this.message, ...(date ? { date } : {}), ...(address ? { address } : {}) };
  }

  /** The message's own text: `text` attributes, then the contact name and the address. */
  private fields(where: SmsLocation, a: Record<string, string>, text: Record<string, SmsField>): void {
    for (const [name, field] of Object.entries(text)) {
      const value = attr(a, name);
      if (value) this.emit(value, field === 'body' ? where : { ...where, field }, field === 'subject' ? 'subject' : undefined);
    }
    const contact = attr(a, 'contact_name');
    if (contact && contact !== '(Unknown)') this.once(contact, { ...where, field: 'contact name' }, 'contact name');
    // A group's thread is its parties' numbers joined by `~`: each is scanned, once.
    for (const party of (where.address ?? '').split('~')) if (party.trim()) this.once(party, { ...where, field: 'address' }, 'phone number');
  }

  private once(text: string, where: SmsLocation, context: string): void {
    const key = `${context}\0${text.trim()}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.emit(text, where, context);
  }

  private part(mms: OpenMms, a: Record<string, string>): void {
    mms.parts++;
    const type = (attr(a, 'ct') ?? '').toLowerCase();
    if (type === 'application/smil') return; // the slides' layout, naming the other parts
    const name = attr(a, 'cl') ?? attr(a, 'name') ?? attr(a, 'fn');
    const where: SmsLocation = { ...mms.where, part: mms.parts, ...(name ? { name } : {}) };
    const text = attr(a, 'text');
    if (text) this.emit(text, where);
    const data = attr(a, 'data');
    if (!data) return;
    const bytes = Buffer.from(data, 'base64');
    const media = mediaByType(type);
    // Pictures are read (OCR); other media are noted.
    if (media && !isImage(bytes) && sniff(bytes.subarray(0, 8000)).kind === 'binary') {
      this.ctx.notes.push(describeNote([...this.ctx.chain, where], `${media}; not scanned`));
      return;
    }
    try {
      for (const seg of this.nested(bytes, where, partContext(this.ctx))) this.out.push(seg);
    } catch (e) {
      if (!(e instanceof DocumentError)) throw e;
      this.failed(where, e);
    }
  }

  private emit(text: string, where: SmsLocation, context?: string): void {
    if (text.trim()) this.out.push(segment(this.ctx, text, where, context));
  }

  private note(what: string): void {
    this.ctx.notes.push(describeNote(this.ctx.chain, what));
  }

  private place(): string {
    return this.message > 0 ? `after message ${this.message}` : 'at the start';
  }
}

/** An MMS part is read as a document of its own: its own time and size budget, the backup's notes and queue of PDFs. */
function partContext(ctx: ExtractContext): ExtractContext {
  return { ...ctx, budget: { bytes: ctx.limits.maxTotalBytes, entries: ctx.limits.maxEntries }, deadline: Date.now() + ctx.limits.maxMillis };
}

/** An attribute's value; the app writes `null` for one that has none. Surrogate references joined. */
function attr(a: Record<string, string>, name: string): string | undefined {
  const v = a[name];
  if (v === undefined || v === 'null' || v === '') return undefined;
  const joined = v.includes('&#') ? v.replace(/&#(\d+);/g, (ref, n: string) => (Number(n) >= 0xd800 && Number(n) <= 0xdfff ? String.fromCharCode(Number(n)) : ref)) : v;
  return joined.length <= OWN_COPY ? own(joined) : joined;
}

/**
 * Short values (addresses, names) outlive their message in locations, notes and the set of
 * numbers seen; the parser's strings can be slices of the whole chunk they were parsed from, which
 * would then stay in memory with them. A copy of its own keeps only the value.
 */
const OWN_COPY = 1024;
const own = (s: string): string => (' ' + s).slice(1);

/** Milliseconds since 1970 (seconds in some MMS records) → ISO time, to the second. */
function isoDate(value: string | undefined): string | undefined {
  if (!value || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  const d = new Date(n < 1e11 ? n * 1000 : n);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A whole backup already in memory (inside a zip, attached to an email): the same reader, sliced. */
export function* extractSmsBackup(bytes: Uint8Array, ctx: ExtractContext, nested: Nested): Generator<Segment> {
  const reader = new SmsBackupReader(ctx, nested);
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < bytes.length; at += SLICE) yield* reader.push(decoder.decode(bytes.subarray(at, at + SLICE), { stream: true }));
  yield* reader.push(decoder.decode());
  yield* reader.end();
}
