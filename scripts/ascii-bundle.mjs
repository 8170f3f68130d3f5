/**
 * Build step (scripts/bundle.mjs): a bundle written in ASCII only. esbuild escapes non-ASCII
 * characters in strings but leaves them in comments, regular expression literals and template
 * literals; one such character makes Node decode the whole file the slow way into a two-byte
 * string, which V8 then hashes and keeps at twice the size, at every start.
 *
 * Comments and regex literals take `\uXXXX` with the same meaning. A template literal would not
 * (String.raw keeps the escape as written), nor would a character escaped by a backslash: the
 * build stops there, and the source writes that character as an escape itself.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';

const NON_ASCII = /[^\x00-\x7f]/g;
const ANY_NON_ASCII = /[^\x00-\x7f]/;
const escapeOf = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Where in `source` a template literal's text runs, as [start, end) pairs. */
function templateSpans(source) {
  const file = ts.createSourceFile('bundle.js', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const spans = [];
  const visit = (node) => {
    if (ts.isTemplateLiteralToken(node) || ts.isNoSubstitutionTemplateLiteral(node)) spans.push([node.getStart(file), node.end]);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return spans;
}

/** Rewrites `path` in ASCII (see above); throws where an escape would change what the code means. */
export function asciiOnly(path) {
  const source = readFileSync(path, 'utf8');
  if (!ANY_NON_ASCII.test(source)) return;
  const spans = templateSpans(source);
  const where = (i) => `${path}:${source.slice(0, i).split('\n').length}`;
  const out = source.replace(NON_ASCII, (c, i) => {
    if (spans.some(([s, e]) => i >= s && i < e)) throw new Error(`${where(i)}: non-ASCII character in a template literal; write it as an escape in the source`);
    if (source[i - 1] === '\\') throw new Error(`${where(i)}: a non-ASCII character escaped by a backslash; write it as \\u escape in the source`);
    return escapeOf(c);
  });
  writeFileSync(path, out);
}
