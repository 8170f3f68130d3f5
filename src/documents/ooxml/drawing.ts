/**
 * DrawingML, shared by the three formats: text paragraphs (slides, notes, comments, chart titles),
 * pictures' and shapes' descriptions, and the data a chart keeps in its part.
 */
import { NS } from './namespaces.js';
import type { Package } from './package.js';
import type { XmlHandler } from '../xml.js';

/** DrawingML paragraphs (`a:p` with `a:t` runs, breaks and tabs): `onPara` gets each one's text. */
export function drawingParagraphs(onPara: (text: string) => void): XmlHandler {
  let text: string | undefined;
  let inT = false;
  return {
    open(el) {
      if (el.uri !== NS.a) return;
      if (el.local === 'p') text = '';
      else if (el.local === 't') inT = true;
      else if (el.local === 'br' && text !== undefined) text += '\n';
      else if (el.local === 'tab' && text !== undefined) text += '\t';
    },
    close(el) {
      if (el.uri !== NS.a) return;
      if (el.local === 't') inT = false;
      else if (el.local === 'p') {
        if (text?.trim()) onPara(text);
        text = undefined;
      }
    },
    text(t) {
      if (inT && text !== undefined) text += t;
    },
  };
}

/** The descriptions (alt text) and titles of pictures and shapes (`docPr`, `cNvPr`, in whichever drawing namespace). */
export function altText(onText: (text: string) => void): XmlHandler {
  return {
    open(el) {
      if (el.local !== 'docPr' && el.local !== 'cNvPr') return;
      for (const name of ['descr', 'title']) {
        const text = el.attr(name);
        if (text?.trim()) onText(text);
      }
    },
  };
}

/** Caches holding a chart's data: category and series names and values, each point a line. */
const CACHES = new Set(['strCache', 'numCache', 'multiLvlStrCache']);

/**
 * What a chart part keeps: its cached data (the values it plots, copied from the cells, kept
 * when the cells are gone) a cache at a time, and its titles and labels, a paragraph at a time.
 */
export function chartTexts(pkg: Package, part: string): string[] {
  const out: string[] = [];
  let cache: string[] | undefined;
  let depth = 0;
  let inValue = false;
  let value = '';
  const titles = drawingParagraphs((t) => out.push(t));
  pkg.xml(part, {
    open(el) {
      titles.open!(el);
      if (el.uri !== NS.c) return;
      if (CACHES.has(el.local)) {
        if (depth++ === 0) cache = [];
      } else if (el.local === 'v' && cache) [inValue, value] = [true, ''];
    },
    close(el) {
      titles.close!(el);
      if (el.uri !== NS.c) return;
      if (el.local === 'v' && inValue) {
        inValue = false;
        if (value.trim()) cache?.push(value);
      } else if (CACHES.has(el.local) && --depth === 0) {
        if (cache?.length) out.push(cache.join('\n'));
        cache = undefined;
      }
    },
    text(t) {
      titles.text!(t);
      if (inValue) value += t;
    },
  });
  return out;
}
