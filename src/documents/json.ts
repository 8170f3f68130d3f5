/**
 * JSON: every string and number leaf, labelled with its key (so `"ssn": "…"` and `"dob": "…"`
 * give their values context) and located by its path, `$.people[2].ssn`; and every member name,
 * since a key can be a value too (records keyed by SSN or email), located as that key.
 *
 * Read straight from the text, in document order, not through JSON.parse: a parsed object keeps
 * only the last of two equal keys (`{"ssn": "536-22-4391", "ssn": ""}` hid the SSN), rounds
 * numbers past 2^53 (a 19-digit account number written as a number lost its last digits) and puts
 * integer-like keys first. What JSON.parse refuses is refused here too (the caller then scans the
 * text as plain text).
 */
import { remembered } from '../text/remembered.js';
import { checkTime, segment, type ExtractContext, type Segment } from './types.js';

/** Segments of a JSON text, or undefined when it is not JSON (the caller scans it as plain text). */
export function extractJson(text: string, ctx: ExtractContext): Generator<Segment> | undefined {
  // Checked whole first, so a text that turns out not to be JSON gives no segments at all.
  if (!readJson(text, () => {})) return undefined;
  return leaves(text, ctx);
}

function* leaves(text: string, ctx: ExtractContext): Generator<Segment> {
  const found: Segment[] = [];
  let n = 0;
  // The reader calls back for each leaf; a few at a time are handed on, so the text is read once.
  const reader = new JsonReader(text, (value, path, key, _written, name) => {
    if (++n % 10_000 === 0) checkTime(ctx);
    if (value.trim()) found.push(segment(ctx, value, name ? { kind: 'json', path, key: true } : { kind: 'json', path }, key));
  });
  while (reader.step()) {
    if (found.length > 0) yield* found.splice(0);
  }
  yield* found;
}

/** Whether `text` is JSON as JSON.parse reads it; `leaf` is called for each string and number in document order. */
export function readJson(text: string, leaf: Leaf): boolean {
  const reader = new JsonReader(text, leaf);
  while (reader.step());
  return reader.ok;
}

/**
 * Where `text` stops being JSON, in words that quote none of it (JSON.parse's messages quote the
 * text around the problem, which may be anything: a report, a baseline, someone's records).
 */
export function jsonSyntaxError(text: string): string {
  const reader = new JsonReader(text, () => {});
  while (reader.step());
  if (reader.ok) return 'no error';
  const at = Math.min(reader.position, text.length);
  const before = text.slice(0, at);
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  const line = (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
  const what = at === text.length ? 'unexpected end of the text' : 'unexpected character';
  return `${what} at line ${line}, column ${at - lineStart + 1} (byte offset ${Buffer.byteLength(before, 'utf8')})`;
}

/**
 * A string or number value (strings unescaped, numbers as written), its path, its key as words,
 * and where it is written in the text (quotes included; redaction rewrites it there); or (`name`)
 * a member name, which can hold a value as well (`{"536-22-4391": {…}}`), with the path of its
 * member and no key.
 */
export type Leaf = (value: string, path: string, key: string | undefined, written: { start: number; end: number }, name?: true) => void;

interface Frame {
  array: boolean;
  path: string;
  /** The key whose value this container is: context for the leaves of an array. */
  key: string | undefined;
  /** Elements read so far (arrays). */
  count: number;
}

/** Whitespace as JSON defines it: space, tab, line feed, carriage return. */
const isWs = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * A pull reader over RFC 8259 JSON: `step()` reads one value or container edge, so the caller
 * can hand leaves on as they come. No recursion: deeply nested input cannot overflow the stack.
 */
class JsonReader {
  private at = 0;
  private readonly stack: Frame[] = [];
  /** Where reading stopped: after the text, or where it stopped being JSON. */
  get position(): number {
    return this.at;
  }
  /** What comes next: a value (at the start, after `:` or `[` or `,` in an array), or done. */
  private expectValue = true;
  private done = false;
  ok = false;

  constructor(
    private readonly text: string,
    private readonly leaf: Leaf,
  ) {}

  /** Read on; false once the text is read (then `ok` says whether it was JSON). */
  step(): boolean {
    if (this.done) return false;
    if (!this.advance()) {
      this.done = true;
      return false;
    }
    return true;
  }

  private fail(): false {
    this.ok = false;
    this.done = true;
    return false;
  }

  private skipWs(): void {
    const t = this.text;
    while (this.at < t.length && isWs(t.charCodeAt(this.at))) this.at++;
  }

  /** One step; false when finished (successfully or not). */
  private advance(): boolean {
    const t = this.text;
    this.skipWs();
    const top = this.stack[this.stack.length - 1];
    if (this.expectValue) {
      if (!top) return this.value('$', undefined);
      if (top.array) return this.value(`${top.path}[${top.count++}]`, top.key);
      // In an object: a member name, then its value.
      if (t.charCodeAt(this.at) !== 0x22) return this.fail();
      const nameStart = this.at;
      const name = this.string();
      if (name === undefined) return this.fail();
      const nameEnd = this.at;
      this.skipWs();
      if (t.charCodeAt(this.at) !== 0x3a) return this.fail();
      this.at++;
      this.skipWs();
      const path = top.path + pathStep(name);
      this.leaf(name, path, undefined, { start: nameStart, end: nameEnd }, true);
      return this.value(path, keyWords(name));
    }
    // After a value: the end of the text, a comma or the end of the container.
    if (!top) {
      if (this.at !== t.length) return this.fail();
      this.ok = true;
      return false;
    }
    const c = t.charCodeAt(this.at);
    if (c === 0x2c) {
      this.at++;
      this.expectValue = true;
      return true;
    }
    if (c !== (top.array ? 0x5d : 0x7d)) return this.fail();
    this.at++;
    this.stack.pop();
    return true;
  }

  /** The value at `at`; containers are entered (their first element is read by the next step). */
  private value(path: string, key: string | undefined): boolean {
    const t = this.text;
    const c = t.charCodeAt(this.at);
    this.expectValue = false;
    if (c === 0x7b || c === 0x5b) {
      this.at++;
      this.skipWs();
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (t.charCodeAt(this.at) === close) {
        this.at++; // empty: nothing to read inside
        return true;
      }
      this.stack.push({ array: c === 0x5b, path, key, count: 0 });
      this.expectValue = true;
      return true;
    }
    const start = this.at;
    if (c === 0x22) {
      const s = this.string();
      if (s === undefined) return this.fail();
      this.leaf(s, path, key, { start, end: this.at });
      return true;
    }
    if (c === 0x2d || isDigit(c)) {
      if (!this.number()) return this.fail();
      this.leaf(t.slice(start, this.at), path, key, { start, end: this.at });
      return true;
    }
    for (const word of ['true', 'false', 'null']) {
      if (t.startsWith(word, this.at)) {
        this.at += word.length;
        return true;
      }
    }
    return this.fail();
  }

  /** `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?` from `at`; whether it was one. */
  private number(): boolean {
    const t = this.text;
    if (t.charCodeAt(this.at) === 0x2d) this.at++;
    const first = t.charCodeAt(this.at);
    if (first === 0x30) this.at++;
    else if (isDigit(first)) while (isDigit(t.charCodeAt(this.at))) this.at++;
    else return false;
    if (t.charCodeAt(this.at) === 0x2e) {
      this.at++;
      if (!isDigit(t.charCodeAt(this.at))) return false;
      while (isDigit(t.charCodeAt(this.at))) this.at++;
    }
    const e = t.charCodeAt(this.at);
    if (e === 0x65 || e === 0x45) {
      this.at++;
      const sign = t.charCodeAt(this.at);
      if (sign === 0x2b || sign === 0x2d) this.at++;
      if (!isDigit(t.charCodeAt(this.at))) return false;
      while (isDigit(t.charCodeAt(this.at))) this.at++;
    }
    return true;
  }

  /** A string is not valid at `i`: reading stops there (where jsonSyntaxError points). */
  private stopAt(i: number): undefined {
    this.at = i;
    return undefined;
  }

  /** The string starting at the quote at `at`, unescaped; undefined when it is not a valid one. */
  private string(): string | undefined {
    const t = this.text;
    let i = this.at + 1;
    let out = '';
    let run = i; // start of the characters not yet copied to `out`
    for (;;) {
      if (i >= t.length) return this.stopAt(i);
      const c = t.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) return this.stopAt(i); // control characters must be escaped
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += t.slice(run, i);
      const e = t.charCodeAt(i + 1);
      const simple = ESCAPES.get(e);
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (e === 0x75) {
        const hex = t.slice(i + 2, i + 6);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) return this.stopAt(i);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else return this.stopAt(i);
      run = i;
    }
    this.at = i + 1;
    return out + t.slice(run, i);
  }
}

const ESCAPES = new Map<number, string>([
  [0x22, '"'],
  [0x5c, '\\'],
  [0x2f, '/'],
  [0x62, '\b'],
  [0x66, '\f'],
  [0x6e, '\n'],
  [0x72, '\r'],
  [0x74, '\t'],
]);

/** `.name`, or `["odd key"]` when the key is not an identifier. */
const pathStep = remembered((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`));

/** `passport_no`, `dateOfBirth` as words, so a key works as context for its value. */
export const keyWords = remembered((key) =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-.\s]+/g, ' ')
    .trim(),
);
