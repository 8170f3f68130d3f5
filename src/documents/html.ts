/**
 * HTML: visible text as blocks, a block ending at each block-level tag (inline elements such as
 * span, b or a do not break a word: `536<span>-22-</span>4391` is one value), plus the values of
 * title, alt, value, placeholder, content, href and data-* attributes (a link's address: `mailto:`
 * or a query string may hold what its text does not show); then what a reader does not see, each
 * as a segment of its own: comments and the contents of script, template and noscript elements
 * (a commented-out record or data embedded for a script leaks like a tracked deletion). Styles
 * are left out.
 *
 * Tokenised by htmlparser2's tokenizer, which decodes every HTML5 named and numeric character
 * reference (with the entities package). Its tree-building Parser is not used: it keeps a stack of
 * open elements that unclosed tag soup makes quadratic; nothing here needs the tree, so reading
 * stays linear in the input.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { keyWords } from './json.js';
import { checkTime, segment, type ExtractContext, type HiddenHtml, type Segment } from './types.js';

export const BLOCK = new Set(
  ('p div br hr tr td th li dt dd h1 h2 h3 h4 h5 h6 table thead tbody tfoot caption colgroup ul ol dl dir menu section article aside ' +
    'header footer nav main blockquote pre form fieldset legend option optgroup select textarea figure figcaption address details ' +
    'summary dialog center hgroup title body html head frameset frame iframe object video audio canvas svg math').split(' '),
);
/** Elements that sit inside a line of text: no space where they begin or end. */
export const INLINE = new Set(
  ('a abbr acronym b bdi bdo big blink cite code data del dfn em font i ins kbd label mark nobr q rb rp rt rtc ruby s samp small ' +
    'span strike strong sub sup time tt u var wbr').split(' '),
);
/** Elements with no closing tag: never on the stack of open blocks. */
const VOID = new Set('area base br col embed hr img input link meta param source track wbr frame'.split(' '));
const HIDDEN = new Set<string>(['script', 'style', 'template', 'noscript']);
const SCANNED_ATTRS = /^(?:title|alt|value|placeholder|content|href|src|action|formaction|cite|label|aria-label|aria-description|summary|srcdoc|data-.+)$/;
const LABEL_ATTRS = /^(?:name|id|aria-label)$/;
/** How many open blocks a closing tag looks back through (bounded, so that tag soup stays linear). */
const LOOK_BACK = 16;
const CHUNK = 64 * 1024;

export function* extractHtml(html: string, ctx: ExtractContext): Generator<Segment> {
  const reader = new HtmlReader(html, ctx);
  const tokenizer = new Tokenizer({ decodeEntities: true }, reader);
  for (let at = 0; at < html.length; at += CHUNK) {
    checkTime(ctx);
    tokenizer.write(html.slice(at, at + CHUNK));
    yield* reader.blocks.splice(0);
  }
  tokenizer.end();
  yield* reader.finish();
}

interface Hidden {
  part: HiddenHtml | 'style';
  text: string;
}

/** Tokenizer events → segments. Positions the tokenizer gives are offsets into the whole text. */
class HtmlReader implements TokenizerCallbacks {
  /** Visible blocks ready to be scanned. */
  readonly blocks: Segment[] = [];
  private readonly attrs: Segment[] = [];
  private readonly comments: Segment[] = [];
  private readonly hiddenParts: Segment[] = [];
  private block = 0;
  private text = '';
  /** Open block elements, innermost last: the current block's element is the last. */
  private readonly open: string[] = [];
  /** Open script, style, template and noscript elements, innermost last: their text is theirs. */
  private readonly hidden: Hidden[] = [];
  private tag = '';
  private attrName = '';
  private attrValue = '';
  private tagAttrs: [string, string][] = [];

  constructor(
    private readonly html: string,
    private readonly ctx: ExtractContext,
  ) {}

  *finish(): Generator<Segment> {
    this.flush();
    while (this.hidden.length > 0) this.endHidden();
    yield* this.blocks.splice(0);
    yield* this.attrs;
    yield* this.comments;
    yield* this.hiddenParts;
  }

  ontext(start: number, end: number): void {
    this.append(this.html.slice(start, end));
  }
  ontextentity(codepoint: number): void {
    this.append(String.fromCodePoint(codepoint));
  }
  oncdata(start: number, end: number, offset: number): void {
    this.append(this.html.slice(start, end - offset));
  }
  oncomment(start: number, end: number, offset: number): void {
    const body = this.html.slice(start, end - offset).trim();
    if (body) this.comments.push(segment(this.ctx, body, { kind: 'html', hidden: 'comment' }));
  }

  onopentagname(start: number, end: number): void {
    this.tag = this.html.slice(start, end).toLowerCase();
    this.tagAttrs = [];
  }
  onattribname(start: number, end: number): void {
    this.attrName = this.html.slice(start, end).toLowerCase();
    this.attrValue = '';
  }
  onattribdata(start: number, end: number): void {
    this.attrValue += this.html.slice(start, end);
  }
  onattribentity(codepoint: number): void {
    this.attrValue += String.fromCodePoint(codepoint);
  }
  onattribend(): void {
    this.tagAttrs.push([this.attrName, this.attrValue]);
    this.attrValue = '';
  }
  onopentagend(): void {
    this.opened(false);
  }
  onselfclosingtag(): void {
    this.opened(true);
  }
  onclosetag(start: number, end: number): void {
    const name = this.html.slice(start, end).toLowerCase();
    const top = this.hidden.at(-1);
    if (HIDDEN.has(name)) {
      if (top && top.part === name) this.endHidden();
      return;
    }
    this.boundary(name);
    if (BLOCK.has(name) && this.hidden.length === 0) {
      const at = this.open.lastIndexOf(name, this.open.length - 1);
      if (at >= 0 && at >= this.open.length - LOOK_BACK) this.open.length = at;
    }
  }

  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  /** An opening tag with all its attributes read. */
  private opened(selfClosing: boolean): void {
    const name = this.tag;
    this.scanAttributes(name);
    if (HIDDEN.has(name)) {
      if (!selfClosing) this.hidden.push({ part: name as Hidden['part'], text: '' });
      return;
    }
    this.boundary(name);
    if (BLOCK.has(name) && !VOID.has(name) && !selfClosing && this.hidden.length === 0) this.open.push(name);
  }

  /** Where an element begins or ends: a new block, a space, or (inline) nothing. */
  private boundary(name: string): void {
    if (INLINE.has(name)) return;
    if (this.hidden.length > 0) this.append(BLOCK.has(name) ? '\n' : ' ');
    else if (BLOCK.has(name)) this.flush();
    else this.append(' ');
  }

  private append(s: string): void {
    const top = this.hidden.at(-1);
    if (top) top.text += s;
    else this.text += s;
  }

  private flush(): void {
    const shown = collapse(this.text);
    this.text = '';
    if (!shown) return;
    this.block++;
    const element = this.open.at(-1);
    this.blocks.push(segment(this.ctx, shown, { kind: 'html', block: this.block, ...(element ? { element } : {}) }));
  }

  private endHidden(): void {
    const { part, text } = this.hidden.pop()!;
    if (part === 'style') return;
    // A script's text is code, kept as written; template and noscript hold markup shown as text.
    const shown = part === 'script' ? text.trim() : collapse(text);
    if (shown) this.hiddenParts.push(segment(this.ctx, shown, { kind: 'html', hidden: part }));
  }

  /** The scanned attributes of an element, with its name, id or aria-label as context. */
  private scanAttributes(element: string): void {
    const attrs = this.tagAttrs;
    if (attrs.length === 0) return;
    const label = attrs.find(([k]) => LABEL_ATTRS.test(k))?.[1];
    const context = label ? keyWords(label) || undefined : undefined;
    for (const [attribute, raw] of attrs) {
      if (!SCANNED_ATTRS.test(attribute)) continue;
      const value = raw.trim();
      if (value) this.attrs.push(segment(this.ctx, value, { kind: 'html', element, attribute }, context));
    }
  }
}

/** Runs of white space (a no-break space too) as one space, as a browser shows them. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
