/**
 * HTML: visible text as blocks, a block ending at each block-level tag, plus the values of title,
 * alt, value, placeholder, content and href attributes (a link's address: `mailto:` or a query
 * string may hold what its text does not show); then what a reader does not see, each as a
 * segment of its own: comments and the contents of script, template and noscript elements (a
 * commented-out record or data embedded for a script leaks like a tracked deletion). Styles are
 * left out.
 */
import { decodeEntities } from './xml.js';
import { keyWords } from './json.js';
import { checkTime, segment, type ExtractContext, type HiddenHtml, type Segment } from './types.js';

const BLOCK = /^(p|div|br|hr|tr|td|th|li|dt|dd|h[1-6]|table|thead|tbody|tfoot|ul|ol|dl|section|article|aside|header|footer|nav|main|blockquote|pre|form|fieldset|legend|label|option|caption|figure|figcaption|address|title|body|html|head)$/;
const SCANNED_ATTRS = /\s(title|alt|value|placeholder|content|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

export function* extractHtml(html: string, ctx: ExtractContext): Generator<Segment> {
  const hidden: Segment[] = [];
  const hide = (text: string, part: HiddenHtml) => {
    const shown = (part === 'template' || part === 'noscript' ? decodeEntities(text.replace(/<[^>]*>/g, ' ')) : text).trim();
    if (shown) hidden.push(segment(ctx, shown, { kind: 'html', hidden: part }));
  };
  const clean = html
    .replace(/<!--([\s\S]*?)-->/g, (_, body: string) => {
      hide(body, 'comment');
      return '';
    })
    .replace(/<(script|style|template|noscript)\b[\s\S]*?<\/\1\s*>/gi, (element: string, name: string) => {
      const part = name.toLowerCase();
      // The contents: after the opening tag's `>`, before the closing tag.
      if (part !== 'style') hide(element.slice(element.indexOf('>') + 1, element.lastIndexOf('<')), part as HiddenHtml);
      return ' ';
    });
  const attrs: Segment[] = [];
  let block = 0;
  let element: string | undefined;
  let text = '';
  const flush = function* (): Generator<Segment> {
    const shown = decodeEntities(text.replace(/&nbsp;/g, ' ')).replace(/[ \t\r\n\f]+/g, ' ').trim();
    text = '';
    if (!shown) return;
    block++;
    yield segment(ctx, shown, { kind: 'html', block, ...(element ? { element } : {}) });
  };
  const TAG = /<(\/?)([A-Za-z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<[!?][^>]*>/g;
  let last = 0;
  let n = 0;
  for (let m = TAG.exec(clean); m; m = TAG.exec(clean)) {
    if (++n % 10_000 === 0) checkTime(ctx);
    text += clean.slice(last, m.index);
    last = TAG.lastIndex;
    const name = m[2]?.toLowerCase();
    if (name === undefined) continue;
    if (BLOCK.test(name)) {
      yield* flush();
      if (m[1] !== '/') element = name;
    } else {
      text += ' ';
    }
    const raw = m[3] ?? '';
    if (m[1] !== '/' && raw) {
      const label = /\s(?:name|id|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(raw);
      const context = label ? keyWords(decodeEntities(label[1] ?? label[2] ?? '')) : undefined;
      for (const a of raw.matchAll(SCANNED_ATTRS)) {
        const value = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '').trim();
        if (value) attrs.push(segment(ctx, value, { kind: 'html', element: name, attribute: a[1]!.toLowerCase() }, context));
      }
    }
  }
  text += clean.slice(last);
  yield* flush();
  yield* attrs;
  yield* hidden;
}
