/** Comments parts of spreadsheets (notes, threaded comments) and slides: each comment's text and the cell it is on. */
import type { Package } from './package.js';

/**
 * Each comment (`element`, any namespace) of a comments part: the cell it is on (`ref`, when it
 * says) and its text, every text node inside it, a paragraph a line.
 */
export function commentTexts(pkg: Package, part: string, element: RegExp): Array<{ ref: string | undefined; text: string }> {
  const out: Array<{ ref: string | undefined; text: string }> = [];
  let text: string | undefined;
  let ref: string | undefined;
  let depth = 0;
  pkg.xml(part, {
    open(el) {
      if (!element.test(el.local)) return;
      if (depth++ === 0) [text, ref] = ['', el.attr('ref')];
    },
    close(el) {
      if (element.test(el.local) && text !== undefined && --depth === 0) {
        if (text.trim()) out.push({ ref, text: text.trim() });
        text = undefined;
      } else if (el.local === 'p' && text !== undefined) text += '\n';
    },
    text(t) {
      if (text !== undefined) text += t;
    },
  });
  return out;
}
