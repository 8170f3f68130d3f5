/**
 * The hand-written cutters the document redactors place values with, held against the libraries
 * the readers use: the XML cutter's text and attribute values against saxes, the MIME cutter's
 * parts against postal-mime's, the HTML cutter's text against the reader's.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { SaxesParser } from 'saxes';
import PostalMime from 'postal-mime';
import { scanXml } from '../../src/redact/documents/xml-text.js';
import { parseRaw, type RawPart } from '../../src/redact/documents/mime.js';
import { FIXTURES } from '../documents/helpers.js';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

/** Character data and attribute values as saxes reads them. */
function saxesRead(xml: string): { text: string; attrs: string[] } {
  const parser = new SaxesParser({ xmlns: false });
  let text = '';
  const attrs: string[] = [];
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.on('opentag', (tag) => {
    for (const v of Object.values(tag.attributes)) attrs.push(v as string);
  });
  parser.write(xml).close();
  return { text, attrs };
}

describe('the XML cutter reads what saxes reads', () => {
  const parts = walk(FIXTURES)
    .filter((p) => /\.(docx|xlsx|pptx)$/.test(p))
    .flatMap((p) => Object.entries(unzipSync(readFileSync(p))).filter(([n]) => /\.(xml|rels)$/.test(n)).map(([n, b]) => [`${p}:${n}`, strFromU8(b)] as const));

  it('in every part of every Office fixture: the same text, the same attribute values', () => {
    expect(parts.length).toBeGreaterThan(100);
    for (const [name, xml] of parts) {
      const mine = scanXml(xml);
      const theirs = saxesRead(xml);
      // saxes leaves out the text before the root element (a line break after the declaration).
      const text = mine.blocks.flat().map((p) => p.text).join('');
      expect({ name, text: text.slice(text.length - theirs.text.length) }).toEqual({ name, text: theirs.text });
      expect({ name, attrs: mine.attrs.map((a) => a.text) }).toEqual({ name, attrs: theirs.attrs });
    }
  });
});

describe('the MIME cutter finds the parts postal-mime finds', () => {
  const leaves = (p: RawPart): RawPart[] => (p.children.length > 0 ? p.children.flatMap(leaves) : [p]);
  for (const file of walk(FIXTURES).filter((p) => p.endsWith('.eml'))) {
    it(file.slice(FIXTURES.length + 1), async () => {
      const bytes = readFileSync(file);
      const mine = leaves(parseRaw(bytes.toString('latin1')));
      const parser = new PostalMime({ forceRfc822Attachments: true, maxRfc822NestingDepth: 0 });
      await parser.parse(bytes);
      type Node = { childNodes: Node[]; contentType: { parsed: { value: string } } };
      const flat = (n: Node): Node[] => (n.childNodes.length > 0 ? n.childNodes.flatMap(flat) : [n]);
      const theirs = flat((parser as unknown as { root: Node }).root);
      expect(mine.map((p) => p.type)).toEqual(theirs.map((n) => n.contentType.parsed.value));
    });
  }
});
