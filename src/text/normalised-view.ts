/**
 * The normalised view of a text: what a value looks like once the characters people and tools put
 * into it are folded away, with an exact map from every folded character back to the original.
 *
 * Folded: format characters (zero-width space and joiners, word joiner, BOM, soft hyphen, bidi
 * marks: Unicode Cf) are removed; space variants (NBSP, thin and narrow NBSP, ideographic space:
 * Zs) and U+FFFD (a cp1252 NBSP read as UTF-8) become a space; dash variants (hyphen, non-breaking
 * hyphen, en and em dash, full-width hyphen: Pd) and the minus sign become '-'; decimal digits of
 * any script become ASCII digits; compatibility forms (full-width letters, superscripts, circled
 * digits, ligatures) are NFKC-folded one code point at a time; with `joinWrapped`, a line
 * break right after "digit-dash" and before a digit (a value wrapped at its separator) is removed;
 * and, with `wrapLabel`, a line break that cuts a value following a label on its line (a hard wrap
 * at 72 columns, a reply's `> ` on the next line) is folded to the space it replaced, or removed
 * after a dash, with the quote prefix of the next line.
 *
 * Pure. A text with none of these characters is its own view (`identity`), found by one cheap test.
 */

/** Non-ASCII characters the view folds (see above). */
const FOLDABLE = new RegExp(
  '[[\\p{Cf}\\p{Zs}\\p{Pd}\\p{Nd}\\u2212\\uFFFD\\u00AA\\u00B2\\u00B3\\u00B9\\u00BA\\u00BC-\\u00BE\\u2070-\\u209F\\u2150-\\u218F' +
    '\\u2460-\\u24FF\\u2776-\\u2793\\uFB00-\\uFB06\\uFF01-\\uFF5E\\u{1D400}-\\u{1D7FF}\\u{1F100}-\\u{1F10A}]--[\\x00-\\x7F]]',
  'v',
);
const FOLDABLE_FROM = new RegExp(FOLDABLE.source, 'gv');
const FOLDABLE_OR_BREAK = new RegExp(`${FOLDABLE.source}|[\\r\\n]`, 'gv');
const NON_ASCII = /[^\x00-\x7F]/;

const CF = /^\p{Cf}$/u;
const SPACE = /^[\p{Zs}\uFFFD]$/u;
const DASH = /^[\p{Pd}\u2212]$/u;
const DIGIT = /^\p{Nd}$/u;

export interface NormalisedView {
  /** The folded text. */
  text: string;
  /** True when nothing was folded: `text` is the input, and the map is the identity. */
  identity: boolean;
  /**
   * Per folded character, the index in the input of the character it came from, and the index just
   * after that character; absent when `identity`.
   */
  starts?: Int32Array;
  ends?: Int32Array;
  /** Input characters the view covers: less than the input's length when its end was held back. */
  consumed: number;
}

export interface ViewOptions {
  /**
   * More text follows: a line break at the very end (whose next character decides whether it is
   * folded) and a lone high surrogate are left for the next call, which gets them again.
   */
  more?: boolean;
  /** The last folded characters before this text (a break fold looks back at "digit-dash"). */
  before?: string;
  /** Remove a line break inside a value wrapped after its dash (on unless set false). */
  joinWrapped?: boolean;
  /** A line break that cuts a value written after a label on its line is folded (see the module comment). Unset: none. */
  wrapLabel?: WrapLabel;
}

/** The labels values follow, and when a value's piece after one is cut by the break after it. */
export interface WrapLabel {
  /** The labels (`card`, `iban`, `ssn` …) as one regex: global, case-insensitive, whole words. */
  re: RegExp;
  /**
   * Whether the value piece that ends `line`, from `valueStart`, after the label `label`, is only a
   * part of its value (a value complete on its line is not joined to the next one). Unset: always.
   */
  cut?: (line: string, valueStart: number, label: string) => boolean;
}

/** What may follow a label before its value on the line: punctuation and a word such as "number". */
const AFTER_LABEL = /^[\s:#.=-]*(?:(?:is|number|no|num|nr|n°)\b[\s:#.=-]*)?/i;
/**
 * A value's first piece: groups of digits and capitals (one in parentheses, a phone's area code),
 * at least two digits, and the separator the wrap came after.
 */
const VALUE_PIECE = /^(?=(?:[^\d]*\d){2})\(?[0-9A-Z]+\)?(?:[ .-]\(?[0-9A-Z]+\)?)*[.-]?[ \t]*$/;
/** A continuation line: a reply's quote marks and an indent, then a value's next piece (a digit in its first two groups). */
const CONTINUATION = /^(?:[ \t]*>)*[ \t]*(?=[0-9A-Z]*\d|[A-Z]{1,4}[ -][0-9A-Z]*\d)/;
/** How much of the next line decides whether it continues a value. */
export const CONTINUATION_READ = 24;
/** How far back the line before a break is read for its label. */
export const WRAP_LOOK_BACK = 120;

/**
 * Whether `text` holds a character the view would fold, or (`joinWrapped`) a value wrapped at its
 * separator, or (`wrapLabel`) a labelled value wrapped across lines; `before` is the text just
 * ahead of it (its last line, for a label).
 */
export function mayNeedFolding(text: string, before = '', joinWrapped = true, wrapLabel?: WrapLabel, more = false): boolean {
  return hasFoldable(text) || (joinWrapped && wrappedValue(text, before.slice(-2))) || (wrapLabel !== undefined && labelledWrap(text, before, wrapLabel, more));
}

/**
 * Whether some line break of `text` is inside a labelled value (see labelledBreak); with `more`, also
 * a break after a labelled value's first piece whose next line has not arrived yet.
 */
export function labelledWrap(text: string, before: string, label: WrapLabel, more = false): boolean {
  // A CR at the very end may be a CRLF's first half, and spaces at the end may come before a break.
  if (more && /[\r \t]$/.test(text)) {
    let at = text.length;
    while (at > 0 && /[\r \t]/.test(text[at - 1]!)) at--;
    if (labelledBreak(text, at, text.length, before, label, true) !== undefined) return true;
  }
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    const at = i > 0 && text.charCodeAt(i - 1) === 0x0d ? i - 1 : i;
    // Cheap test first: a value's last character (and spaces) before the break.
    if (!endsValuePiece(lastNonSpace(text, at, before))) continue;
    if (labelledBreak(text, at, i + 1, before, label, more) !== undefined) return true;
  }
  return false;
}

/** A digit, capital, dash, dot or closing parenthesis: what a value's piece before a wrap ends with. */
export const endsValuePiece = (c: number): boolean => isAsciiDigit(c) || (c >= 0x41 && c <= 0x5a) || c === 0x2d || c === 0x2e || c === 0x29;

/** The last character before index `i` that is not a space or tab, from `before` when `s` has none (its char code, or -1). */
function lastNonSpace(s: string, i: number, before: string): number {
  let k = i - 1;
  while (k >= 0 && (s.charCodeAt(k) === 0x20 || s.charCodeAt(k) === 0x09)) k--;
  if (k >= 0) return s.charCodeAt(k);
  return before.length > 0 ? lastNonSpace(before, before.length, '') : -1;
}

/**
 * A line break at `at` (its characters end before `next`) inside a labelled value: the line before
 * it ends with a label and a value's first piece, the next line (after any quote prefix) starts
 * with the value's next piece. Returns where that next piece starts, else undefined.
 */
export function labelledBreak(text: string, at: number, next: number, before: string, label: WrapLabel, more = false): number | undefined {
  const resume = continuationAt(text, next, label, more);
  return resume !== undefined && endsLabelled(lineBefore(text, at, before), label) ? resume : undefined;
}

/** Where the next piece of a wrapped value starts on the line from `next`, or undefined when that line does not continue one. */
function continuationAt(text: string, next: number, label: WrapLabel, more = false): number | undefined {
  const ahead = text.slice(next, next + CONTINUATION_READ);
  const cont = CONTINUATION.exec(ahead);
  // With more text to come, a next line not complete yet may still continue the value.
  if (!cont && !(more && ahead.length < CONTINUATION_READ && !ahead.includes('\n'))) return undefined;
  // A next line that starts with a label (`SSN 536-…`) is the next field, not the rest of this value.
  if (cont) {
    label.re.lastIndex = 0;
    const m = label.re.exec(ahead.slice(cont[0].length));
    if (m !== null && m.index === 0) return undefined;
  }
  return next + (cont ? cont[0].length : 0);
}

/** The line of `text` before index `at` (its last WRAP_LOOK_BACK characters), continued from `before` when it began there. */
function lineBefore(text: string, at: number, before: string): string {
  const lineStart = at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
  const line = text.slice(Math.max(lineStart, at - WRAP_LOOK_BACK), at);
  return lineStart === 0 && line.length < WRAP_LOOK_BACK ? lastLine(before).slice(-(WRAP_LOOK_BACK - line.length)) + line : line;
}

const lastLine = (s: string): string => s.slice(s.lastIndexOf('\n') + 1);

/** Whether `line` ends with a label and a value's first piece after it, which the break after it cuts. */
function endsLabelled(line: string, label: WrapLabel): boolean {
  const re = label.re;
  re.lastIndex = 0;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    const after = m.index + m[0].length;
    const rest = line.slice(after);
    const skip = AFTER_LABEL.exec(rest)![0].length;
    const value = rest.slice(skip);
    if (value.length > 0 && VALUE_PIECE.test(value)) {
      // The cut test reads the line (a scan): the regex's place is kept for the next label.
      const next = re.lastIndex;
      if (!label.cut || label.cut(line, after + skip, m[0])) return true;
      re.lastIndex = next;
    }
    if (m[0].length === 0) re.lastIndex++;
  }
  return false;
}

/**
 * Whether the line break between `line` (the text before it on its line) and `next` (the text after
 * it) cuts a labelled value, as the view decides it where the label's line is not joined to an
 * earlier one: for a stream, which reads the text unjoined and its labelled cuts again joined.
 */
export function labelledCut(line: string, next: string, label: WrapLabel): boolean {
  const folded = hasFoldable(line) ? normalisedView(line, { joinWrapped: false }).text : line;
  if (!endsValuePiece(lastNonSpace(folded, folded.length, ''))) return false;
  return continuationAt(next, 0, label) !== undefined && endsLabelled(folded.slice(-WRAP_LOOK_BACK), label);
}

/** The big character class is slow per character: it runs only from the first non-ASCII one. */
function hasFoldable(text: string): boolean {
  const first = text.search(NON_ASCII);
  if (first === -1) return false;
  FOLDABLE_FROM.lastIndex = first;
  return FOLDABLE_FROM.test(text);
}

/** A "digit-dash, line break, digit" in `text` (with `before` the characters just ahead of it). */
export function wrappedValue(text: string, before = ''): boolean {
  if (before !== '' && wrappedAt(before + text.slice(0, 4))) return true;
  return wrappedAt(text);
}

function wrappedAt(s: string): boolean {
  for (const needle of ['-\n', '-\r']) {
    for (let i = s.indexOf(needle); i !== -1; i = s.indexOf(needle, i + 1)) {
      if (i > 0 && isAsciiDigit(s.charCodeAt(i - 1)) && isAsciiDigit(s.charCodeAt(afterBreak(s, i + 1)))) return true;
    }
  }
  return false;
}

const isAsciiDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Index after the line break starting at `i` (CRLF counts as one). */
function afterBreak(s: string, i: number): number {
  return s.charCodeAt(i) === 0x0d && s.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
}

/** The normalised view of `input` (see the module comment). */
export function normalisedView(input: string, options: ViewOptions = {}): NormalisedView {
  const more = options.more ?? false;
  let end = input.length;
  if (more && end > 0) {
    const last = input.charCodeAt(end - 1);
    if (last === 0x0a || last === 0x0d) end -= last === 0x0a && input.charCodeAt(end - 2) === 0x0d ? 2 : 1;
    else if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  }
  // A labelled wrap is decided by the next line's first characters: a break too near the end waits for them.
  if (more && options.wrapLabel) {
    const lastBreak = input.lastIndexOf('\n', end - 1);
    if (lastBreak !== -1 && end - lastBreak < CONTINUATION_READ) {
      end = lastBreak > 0 && input.charCodeAt(lastBreak - 1) === 0x0d ? lastBreak - 1 : lastBreak;
    }
    // Spaces at the end too (before the break, or before one still to come): a wrap folds them with it.
    while (end > 0 && (input.charCodeAt(end - 1) === 0x20 || input.charCodeAt(end - 1) === 0x09)) end--;
  }
  const text = end === input.length ? input : input.slice(0, end);
  const joinWrapped = options.joinWrapped ?? true;
  const wrapLabel = options.wrapLabel;
  if (!mayNeedFolding(text, options.before, joinWrapped, wrapLabel)) return { text, identity: true, consumed: end };

  let out = '';
  // The map is written into typed arrays as it grows (a stream's view maps every character of a chunk).
  let starts = new Int32Array(text.length + 16);
  let ends = new Int32Array(text.length + 16);
  let n = 0;
  const room = (more: number): void => {
    if (n + more <= starts.length) return;
    const size = Math.max(2 * starts.length, n + more);
    const [s, e] = [new Int32Array(size), new Int32Array(size)];
    s.set(starts.subarray(0, n));
    e.set(ends.subarray(0, n));
    [starts, ends] = [s, e];
  };
  let tail = (options.before ?? '').slice(-2);
  // The folded line so far (its last characters): a label is looked for in what the scanner reads,
  // so a stream, whose earlier lines arrive folded in `before`, decides as the whole text does.
  let line = lastLine(options.before ?? '').slice(-WRAP_LOOK_BACK);
  const onLine = (s: string): void => {
    line += s;
    if (line.length > 2 * WRAP_LOOK_BACK) line = line.slice(-WRAP_LOOK_BACK);
  };
  const emit = (s: string, from: number, to: number): void => {
    out += s;
    if (wrapLabel) onLine(s);
    room(s.length);
    starts.fill(from, n, n + s.length);
    ends.fill(to, n, n + s.length);
    n += s.length;
    tail = (tail + s).slice(-2);
  };
  const copy = (from: number, to: number): void => {
    if (to <= from) return;
    out += text.slice(from, to);
    room(to - from);
    for (let k = from; k < to; k++, n++) {
      starts[n] = k;
      ends[n] = k + 1;
    }
    if (joinWrapped) tail = (tail + text.slice(Math.max(from, to - 2), to)).slice(-2);
    if (wrapLabel) onLine(text.slice(Math.max(from, to - WRAP_LOOK_BACK), to));
  };

  // Line breaks matter only to join a wrapped value; the characters folded are all outside ASCII.
  const readsBreaks = joinWrapped || wrapLabel !== undefined;
  const re = readsBreaks ? FOLDABLE_OR_BREAK : FOLDABLE_FROM;
  let at = 0;
  re.lastIndex = readsBreaks ? 0 : Math.max(0, text.search(NON_ASCII));
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const i = m.index;
    copy(at, i);
    const ch = m[0];
    let next = i + ch.length;
    if (ch === '\r' || ch === '\n') {
      next = afterBreak(text, i);
      re.lastIndex = next;
      const wrapped = joinWrapped && tail.length === 2 && isAsciiDigit(tail.charCodeAt(0)) && tail[1] === '-' && next < text.length && isAsciiDigit(foldChar(codePointString(text, next)).charCodeAt(0));
      const cont = !wrapped && wrapLabel ? continuationAt(text, next, wrapLabel) : undefined;
      const resume = cont !== undefined && endsLabelled(line.slice(-WRAP_LOOK_BACK), wrapLabel!) ? cont : undefined;
      if (resume !== undefined) {
        // Spaces before the break, the break and the next line's quote prefix stand for the one space
        // the wrap replaced, or for nothing after a dash.
        let from = i;
        let k = 0;
        while (k < out.length && n - k > 0 && (out.charCodeAt(out.length - 1 - k) === 0x20 || out.charCodeAt(out.length - 1 - k) === 0x09)) k++;
        if (k > 0) {
          from = starts[n - k]!;
          out = out.slice(0, -k);
          line = line.slice(0, Math.max(0, line.length - k));
          n -= k;
        }
        const last = out.length > 0 ? out.charCodeAt(out.length - 1) : (options.before ?? '').charCodeAt((options.before ?? '').length - 1);
        tail = ((options.before ?? '') + out).slice(-2);
        // (A space already passed on in an earlier piece of a stream stays the one space.)
        emit(last === 0x2d || last === 0x20 || last === 0x09 ? '' : ' ', from, resume);
        next = resume;
        re.lastIndex = next;
      } else if (!wrapped) {
        copy(i, next);
        line = '';
      }
    } else {
      const folded = foldChar(ch);
      if (folded === ch) copy(i, next);
      else if (folded !== '') emit(folded, i, next);
    }
    at = next;
  }
  copy(at, text.length);
  if (out === text) return { text, identity: true, consumed: end };
  return { text: out, identity: false, starts: starts.subarray(0, n), ends: ends.subarray(0, n), consumed: end };
}

function codePointString(s: string, i: number): string {
  return String.fromCodePoint(s.codePointAt(i)!);
}

/** What one code point folds to ('' when removed). */
export function foldChar(ch: string): string {
  if (ch.charCodeAt(0) < 0x80) return ch;
  if (CF.test(ch)) return '';
  if (SPACE.test(ch)) return ' ';
  if (DASH.test(ch)) return '-';
  const nfkc = ch.normalize('NFKC');
  if (DIGIT.test(nfkc)) return String(digitValue(nfkc.codePointAt(0)!));
  return nfkc;
}

/** A decimal digit's value: digits of a script are a run of ten code points from zero. */
function digitValue(cp: number): number {
  let zero = cp;
  while (DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
  return (cp - zero) % 10;
}
