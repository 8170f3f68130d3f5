/**
 * Document properties of all three formats (core, extended, custom) and custom XML parts (data
 * stored with a document, bound to its fields or kept for other programs), found through the
 * package's relationships and by their usual names.
 */
import { segment, type DocLocation, type ExtractContext, type Segment } from '../types.js';
import { NS } from './namespaces.js';
import { byNumber, type OoxmlKind, type Package } from './package.js';

export function* properties(kind: OoxmlKind, pkg: Package, main: string, ctx: ExtractContext): Generator<Segment> {
  const at = (property: string): DocLocation => (kind === 'docx' ? { kind, part: 'properties', property } : { kind, part: 'properties', property });
  const parts = (kinds: string[], usual: string[]) => [...new Set([...pkg.related('', ...kinds), ...usual.filter((n) => pkg.names.has(n))])];
  // Leaf values with their element's name; app.xml's statistics (word counts) are numbers and harmless to scan too.
  for (const name of parts(['core-properties', 'extended-properties'], ['docProps/core.xml', 'docProps/app.xml'])) {
    for (const [element, text] of leafValues(pkg, name)) yield segment(ctx, `${element}: ${text}`, at(element));
  }
  const customXml = [...pkg.related(main, 'customXml'), ...[...pkg.names].filter((n) => /^customXml\/item\d+\.xml$/.test(n))];
  for (const name of [...new Set(customXml)].sort(byNumber)) {
    for (const [element, text] of leafValues(pkg, name)) yield segment(ctx, `${element}: ${text}`, at(`${name} ${element}`));
  }
  for (const name of parts(['custom-properties'], ['docProps/custom.xml'])) {
    let property: string | undefined;
    let text = '';
    const out: Segment[] = [];
    pkg.xml(name, {
      open(el) {
        if (el.uri === NS.customProperties && el.local === 'property') [property, text] = [el.attr('name'), ''];
      },
      close(el) {
        if (el.uri !== NS.customProperties || el.local !== 'property') return;
        if (property !== undefined && text.trim()) out.push(segment(ctx, `${property}: ${text.trim()}`, at(property)));
        property = undefined;
      },
      text(t) {
        if (property !== undefined) text += t;
      },
    });
    yield* out;
  }
}

/** Each element that holds text directly: its local name and its text. */
function leafValues(pkg: Package, part: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let current: string | undefined;
  let text = '';
  pkg.xml(part, {
    open(el) {
      [current, text] = [el.local, ''];
    },
    close() {
      if (current && text.trim()) out.push([current, text.trim()]);
      current = undefined;
    },
    text(t) {
      if (current) text += t;
    },
  });
  return out;
}
