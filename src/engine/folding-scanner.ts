/**
 * The streaming scanner over the normalised view (text/normalised-view.ts): a value written with a
 * zero-width space, an NBSP, an en dash or Arabic-Indic digits is found as if typed plainly, and
 * reported at its exact place in the original text, with the original characters as its value.
 *
 * Until a chunk holds a character the view folds, chunks go to the scanner as they are (one
 * cheap test each). From the first such chunk on, the scanner is fed the view, and each finding
 * is mapped back: its span through the view's offset map, its line, column and bytes by a
 * position tracker of its own over the original text, which starts where the scanner had decided
 * everything before (StreamScanner.committed).
 *
 * A labelled value wrapped across lines (`Card: 4532 0151 1283` / `0366`) is joined two ways: a
 * whole text is read twice, unjoined and joined (scanText below); a stream is read unjoined, and
 * each break that cuts a labelled value again in a window around it (wrap-windows.ts). Either way
 * the joined reading only adds values that cross a break: a join never loses a finding.
 *
 * Its findings then pass the overlap stage (overlaps.ts): one finding per span, as placed in the
 * original text. This is the scanner every source uses (ByteScanner, scanText below).
 */
import { PositionTracker, singleByteCounter, utf16Counter, Utf8Counter, type ByteCounter, type Place } from '../text/positions.js';
import { endsValuePiece, labelledWrap, mayNeedFolding, normalisedView, WRAP_LOOK_BACK, type WrapLabel } from '../text/normalised-view.js';
import { wrapCutOf } from './wrap-labels.js';
import { WrapWindows } from './wrap-windows.js';
import { StreamScanner, type ScannerOptions } from './scanner.js';
import { CONTEXT_CHARS, hashContext } from './context-hash.js';
import { OverlapStage } from './overlaps.js';
import { detach } from '../text/detach.js';
import type { RuleSet } from './ruleset.js';
import type { Finding, ScanSettings } from '../model/finding.js';

/** A stretch of the folded text and where it came from. */
interface Piece {
  /** Absolute index of its first folded character, and of the original character it starts at. */
  folded: number;
  original: number;
  length: number;
  /** The view's map (see NormalisedView); absent where the stretch is the original as it was. */
  starts?: Int32Array;
  ends?: Int32Array;
}

/** What folding needs from the switch on. */
interface Folding {
  /** Original absolute index the tracker counts from, and its place. */
  base: number;
  basePlace: Place;
  counter: ByteCounter;
  utf8?: Utf8Counter;
  tracker: PositionTracker;
  /** Original text from `textStart` (absolute): from the context hash's reach before `safe` on. */
  text: string;
  textStart: number;
  pieces: Piece[];
  /** Folded absolute index before which no finding can start any more. */
  safe: number;
  /** Input characters the view held back for the next chunk. */
  held: string;
}

const NOTE = 'read in the normalised view';

/**
 * How labelled values wrapped across lines are joined: by the view, in the text read (one reading
 * of a whole text, see scanText); in windows around each cut, beside a stream read unjoined; not at all.
 */
export type LabelledJoins = 'view' | 'windows' | 'off';

export class FoldingScanner {
  private readonly inner: StreamScanner;
  /** Characters received (original), and pushed to the scanner (folded). */
  private received = 0;
  private pushed = 0;
  /** The last characters pushed (a wrapped value's "digit-dash", or its label, before a chunk's first break). */
  private recent = '';
  /** The rules' labels, when the view joins a value wrapped across lines after one (normalised-view.ts). */
  private readonly wrapLabel: WrapLabel | undefined;
  /** A stream's labelled cuts, read again joined. */
  private readonly windows: WrapWindows | undefined;
  /** Before folding starts: absolute indices of U+FFFD characters that stand for one byte, recent ones. */
  private synthetic: number[] = [];
  private folding: Folding | undefined;
  /** One finding per span (overlaps.ts), on the findings as placed in the original text. */
  private readonly overlaps: OverlapStage;

  constructor(
    private readonly rules: RuleSet,
    private readonly options: ScannerOptions,
    /**
     * Join a value wrapped after its dash across a line break. For whole texts (documents'
     * segments); a stream would have to read every ASCII chunk for it, which it otherwise skips.
     */
    private readonly joinWrapped = false,
    /** How a value wrapped across lines after its label is joined (the same in any chunks). */
    joinLabelled: LabelledJoins = joinWrapped ? 'view' : 'windows',
  ) {
    this.inner = new StreamScanner(rules, options);
    const wrap = joinLabelled === 'off' ? undefined : wrapCutOf(rules, options.settings, readLine(options.settings));
    this.wrapLabel = joinLabelled === 'view' ? wrap : undefined;
    const { initialByte: _, ...windowOptions } = options;
    this.windows =
      joinLabelled === 'windows' && wrap ? new WrapWindows(wrap, rules, options, (text, synthetic) => joinedAcross(rules, text, windowOptions, joinWrapped, readWhole(rules, text, windowOptions, joinWrapped, 'off', synthetic), synthetic)) : undefined;
    const order = new Map(rules.rules.map((r, i) => [r.def.id, i]));
    this.overlaps = new OverlapStage((f) => order.get(f.ruleId) ?? order.size);
  }

  get belowThreshold(): number {
    return this.inner.belowThreshold;
  }

  push(text: string, synthetic: readonly number[] = [], ascii = false): Finding[] {
    const found = this.pushText(text, synthetic, ascii);
    return this.resolve(found, this.windows?.push(text, synthetic, ascii));
  }

  pushAscii(bytes: Uint8Array): Finding[] {
    if (!this.folding && !this.joinWrapped && !(this.wrapLabel && mayBeWrapped(bytes))) {
      // ASCII holds nothing to fold, and no line ends inside a value: nothing more to test.
      this.passed(bytes.length, Buffer.from(bytes.buffer, bytes.byteOffset + Math.max(0, bytes.length - WRAP_LOOK_BACK), Math.min(bytes.length, WRAP_LOOK_BACK)).toString('latin1'));
      const found = this.inner.pushAscii(bytes);
      return this.resolve(found, this.windows?.pushAscii(bytes));
    }
    return this.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), [], true);
  }

  end(): Finding[] {
    const out = this.folding ? this.pushFolded('', [], false, true) : [];
    for (const f of this.place(this.inner.end())) out.push(f);
    return this.resolve(out, this.windows?.end(), true);
  }

  /** The stream's findings and the values its windows add, in order, through the overlap stage. */
  private resolve(found: Finding[], added: Finding[] | undefined, final = false): Finding[] {
    const all = added && added.length > 0 ? [...found, ...added].sort((a, b) => a.index - b.index) : found;
    return this.overlaps.add(all, final ? Infinity : Math.min(this.cut(), this.windows?.from ?? Infinity));
  }

  /** Original index before which no later finding starts (the scanner decides a horizon behind its input). */
  private cut(): number {
    return this.folding ? this.originalStart(this.folding.safe) : this.pushed - this.rules.horizon;
  }

  private pushText(text: string, synthetic: readonly number[], ascii: boolean): Finding[] {
    if (!this.folding) {
      if (!mayNeedFolding(text, this.recent, this.joinWrapped, this.wrapLabel, true)) {
        this.rememberSynthetic(synthetic);
        this.passed(text.length, text.slice(-WRAP_LOOK_BACK));
        return this.inner.push(text, synthetic, ascii);
      }
      this.startFolding();
    }
    return this.pushFolded(text, synthetic, ascii, false);
  }

  private passed(n: number, last: string): void {
    this.received += n;
    this.pushed += n;
    this.recent = (this.recent + last).slice(-WRAP_LOOK_BACK);
  }

  private rememberSynthetic(synthetic: readonly number[]): void {
    for (const i of synthetic) this.synthetic.push(this.received + i);
    // Only those the scanner may still place matter: it holds at most a horizon and a look-back.
    const keepFrom = this.received - 2 * (this.rules.horizon + this.rules.lookBack);
    if (this.synthetic.length > 256) this.synthetic = this.synthetic.filter((at) => at >= keepFrom);
  }

  /** From here on the scanner reads the view; the text it holds is still the original (unfolded). */
  private startFolding(): void {
    const { index, text, place, before } = this.inner.committed();
    this.inner.placesFindings = false; // place() places and hashes every finding on the original text
    let counter: ByteCounter;
    let utf8: Utf8Counter | undefined;
    if (this.options.encoding === 'utf16') counter = utf16Counter;
    else if (this.options.encoding === 'single-byte') counter = singleByteCounter;
    else counter = utf8 = new Utf8Counter();
    for (const at of this.synthetic) if (at >= index) utf8?.addSynthetic(at - index);
    this.synthetic = [];
    this.folding = {
      base: index,
      basePlace: place,
      counter,
      ...(utf8 ? { utf8 } : {}),
      tracker: new PositionTracker(counter, place.byte),
      text: before + text,
      textStart: index - before.length,
      pieces: [{ folded: index, original: index, length: text.length }],
      safe: index,
      held: '',
    };
  }

  private pushFolded(text: string, synthetic: readonly number[], ascii: boolean, final: boolean): Finding[] {
    const st = this.folding!;
    const start = this.received;
    this.received += text.length;
    for (const i of synthetic) st.utf8?.addSynthetic(start + i - st.base);
    if (ascii && text.length > 0) st.utf8?.addAscii(start - st.base, this.received - st.base);
    st.text += text;
    const input = st.held + text;
    const inputStart = start - st.held.length;
    const view = normalisedView(input, { more: !final, before: this.recent, joinWrapped: this.joinWrapped, ...(this.wrapLabel ? { wrapLabel: this.wrapLabel } : {}) });
    st.held = input.slice(view.consumed);
    if (view.text.length > 0) {
      const last = st.pieces[st.pieces.length - 1];
      if (view.identity && last && !last.starts && last.original - last.folded === inputStart - this.pushed) last.length += view.text.length;
      else st.pieces.push({ folded: this.pushed, original: inputStart, length: view.text.length, ...(view.identity ? {} : { starts: view.starts!, ends: view.ends! }) });
      this.pushed += view.text.length;
      this.recent = (this.recent + view.text.slice(-WRAP_LOOK_BACK)).slice(-WRAP_LOOK_BACK);
    }
    const found = view.text.length > 0 ? this.place(this.inner.push(view.text, [], view.identity && ascii)) : [];
    if (!final) this.advance(Math.max(st.safe, this.pushed - this.rules.horizon));
    return found;
  }

  /** Findings of the scanner, which read the view, placed in the original text. */
  private place(found: Finding[]): Finding[] {
    const st = this.folding;
    if (!st || found.length === 0) return found;
    const rel = st.textStart - st.base;
    const at = st.tracker.moveTo(st.text, rel, st.tracker.at);
    // Each finding is placed from the last one before it, not from the tracker: a chunk's text is
    // read once for all its findings, not once per finding.
    let fromIndex = st.tracker.at;
    let fromPlace = at;
    for (const f of found) {
      const start = this.originalStart(f.index);
      const end = this.originalEnd(f.index + f.value.length);
      if (start - st.base < fromIndex) {
        fromIndex = st.tracker.at;
        fromPlace = at;
      }
      const s = st.tracker.placeOf(st.text, rel, fromPlace, fromIndex, start - st.base);
      fromIndex = start - st.base;
      fromPlace = s;
      const e = st.tracker.placeOf(st.text, rel, s, start - st.base, end - st.base);
      const value = st.text.slice(start - st.textStart, end - st.textStart);
      // Hashed on the original text, as a scan before folding began would have: baselines keep matching.
      const contextHash = hashContext(st.text, start - st.textStart, end - st.textStart);
      // The inner scanner's finding is this one's alone: placed where it stands, not copied.
      const b = st.basePlace;
      if (value !== f.value) f.why = `${f.why}; ${NOTE}`;
      f.value = value;
      f.index = start;
      f.line = b.line + s.line - 1;
      f.column = s.line === 1 ? b.column + s.column - 1 : s.column;
      f.endLine = b.line + e.line - 1;
      f.endColumn = e.line === 1 ? b.column + e.column - 1 : e.column;
      f.offset = s.byte;
      f.length = e.byte - s.byte;
      f.contextHash = contextHash;
    }
    return found;
  }

  /** No finding starts before folded index `safe` any more: forget what lies before it. */
  private advance(safe: number): void {
    const st = this.folding!;
    st.safe = safe;
    const original = this.originalStart(safe);
    st.tracker.moveTo(st.text, st.textStart - st.base, original - st.base);
    const keepFrom = Math.max(st.textStart, original - CONTEXT_CHARS);
    st.text = detach(st.text.slice(keepFrom - st.textStart)); // a copy: a slice would keep the chunks it was cut from
    st.textStart = keepFrom;
    while (st.pieces.length > 1 && st.pieces[0]!.folded + st.pieces[0]!.length <= safe) st.pieces.shift();
  }

  private piece(folded: number): Piece {
    const pieces = this.folding!.pieces;
    for (let i = pieces.length - 1; i > 0; i--) if (pieces[i]!.folded <= folded) return pieces[i]!;
    return pieces[0]!;
  }

  /** Original index of the character folded index `f` came from (the end of the text at its end). */
  private originalStart(f: number): number {
    const p = this.piece(f);
    const k = f - p.folded;
    if (!p.starts) return p.original + k;
    return k < p.length ? p.original + p.starts[k]! : p.original + p.ends![p.length - 1]!;
  }

  /** Original index just after the character before folded index `f`. */
  private originalEnd(f: number): number {
    const p = this.piece(f - 1);
    const k = f - 1 - p.folded;
    if (!p.starts) return p.original + k + 1;
    return p.original + p.ends![Math.min(k, p.length - 1)]!;
  }
}

/**
 * Whether some line of `bytes` may end inside a value: an alphanumeric or dash (then spaces) before
 * its break and, after the next line's quote marks and indent, a digit or capital. Read byte by byte
 * only at line ends; the view decides (a label before the value) where this says maybe.
 */
function mayBeWrapped(bytes: Uint8Array): boolean {
  const end = bytes[bytes.length - 1];
  if (end === 0x0d || end === 0x20 || end === 0x09) return true; // a CRLF cut in two, or spaces before a break: the view decides
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) {
    let k = i - 1;
    if (k >= 0 && bytes[k] === 0x0d) k--;
    while (k >= 0 && (bytes[k] === 0x20 || bytes[k] === 0x09)) k--;
    if (k < 0) return true; // the line began in an earlier chunk: the view decides with it
    if (!endsValuePiece(bytes[k]!)) continue;
    let j = i + 1;
    while (j < bytes.length && (bytes[j] === 0x20 || bytes[j] === 0x09 || bytes[j] === 0x3e)) j++;
    const d = j < bytes.length ? bytes[j]! : 0x30; // the next line in the next chunk: maybe
    if ((d >= 0x30 && d <= 0x39) || (d >= 0x41 && d <= 0x5a)) return true;
  }
  return false;
}

/** Scan a whole string at once (rule examples, document segments, small inputs). */
export function scanText(rules: RuleSet, text: string, settings: ScanSettings): Finding[] {
  // Documents come as many short texts (spreadsheet cells, fields): once the prefilter is built, a
  // text where no pattern can match is done in one walk of the DFA, without a scanner.
  const filter = rules.prefilter?.built();
  const options = { settings };
  const wrap = wrapCutOf(rules, settings, readLine(settings));
  if (filter?.coversAll && !mayNeedFolding(text, '', true, wrap) && !filter.mayMatch(text)) return [];
  const plain = readWhole(rules, text, options, true, 'off');
  const mayJoin = wrap !== undefined && (labelledWrap(text, '', wrap) || (mayNeedFolding(text, '', false) && /[\r\n]/.test(text)));
  if (!mayJoin) return plain;
  const crossing = joinedAcross(rules, text, options, true, plain);
  if (crossing.length === 0) return plain;
  return [...plain, ...crossing].sort((a, b) => a.index - b.index);
}

/**
 * What the labelled joins add to the unjoined reading `plain` of `text`: the values the joined
 * reading finds across a line break, on spans `plain` does not hold. A join must never lose a
 * finding: a value complete at its line end, joined to a next line that starts with a number (a
 * log's timestamp), can be refused by its rule; so the unjoined findings stay, and these are added.
 */
function joinedAcross(rules: RuleSet, text: string, options: ScannerOptions, joinWrapped: boolean, plain: readonly Finding[], synthetic: readonly number[] = []): Finding[] {
  const joined = readWhole(rules, text, options, joinWrapped, 'view', synthetic);
  const spans = new Set(plain.map((f) => `${f.index}:${f.value.length}`));
  return joined.filter((f) => /[\r\n]/.test(f.value) && !spans.has(`${f.index}:${f.value.length}`));
}

/** How a label's line is read for the cut test (wrap-labels.ts): unjoined, with the rules that name the label. */
const readLine =
  (settings: ScanSettings) =>
  (named: RuleSet, line: string): Finding[] =>
    readWhole(named, line, { settings }, true, 'off');

function readWhole(rules: RuleSet, text: string, options: ScannerOptions, joinWrapped: boolean, joinLabelled: LabelledJoins, synthetic: readonly number[] = []): Finding[] {
  const s = new FoldingScanner(rules, options, joinWrapped, joinLabelled);
  return [...s.push(text, synthetic), ...s.end()];
}
