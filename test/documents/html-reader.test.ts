/**
 * The HTML reader (htmlparser2's tokenizer): inline elements do not split a word, block elements
 * do; every HTML5 character reference decodes; tag soup reads in linear time; the deadline holds.
 */
import { describe, expect, it } from '@jest/globals';
import { extractHtml } from '../../src/documents/html.js';
import { scanDocument, type LocatedFinding } from '../../src/documents/scan-document.js';
import { DEFAULT_LIMITS, DocumentError, newContext } from '../../src/documents/types.js';
import { SETTINGS, shippedRules } from '../helpers/rules.js';
import { scanJson, type Located } from './helpers.js';
import { HOSTILE, hostileGenerator } from './hostile-fixtures.js';

const where = (findings: Located[]) => findings.map((f) => `${f.entity} ${f.location?.description ?? '(none)'}`);
const texts = (html: string) => [...extractHtml(html, newContext())].map((s) => s.text);

describe('HTML through a real tokenizer', () => {
  it('a value cut by inline elements (span, b, font, em) is one value; block elements end a block', async () => {
    const { code, report } = await scanJson(['split-inline.html'], HOSTILE);
    expect(code).toBe(1);
    expect(where(report.findings)).toEqual(['US_SSN <p> block 1', 'PHONE_NUMBER <p> block 2']);
    expect(texts('<table><tr><td>536</td><td>22</td></tr></table><p>a<br>b</p><p>x<wbr>y<sup>2</sup> <img src=i>z</p>')).toEqual([
      '536',
      '22',
      'a',
      'b',
      'xy2 z',
      'i',
    ]);
  });

  it('decodes every HTML5 named character reference, not only the XML five', async () => {
    const { report } = await scanJson(['entities.html'], HOSTILE);
    expect(where(report.findings)).toEqual(['EMAIL_ADDRESS <p> block 1', 'CREDIT_CARD <p> block 2', 'US_SSN <p> block 3']);
    expect(texts('<p title="a&hyphen;b">1&ndash;2&hyphen;3&nbsp;4&NewLine;5&Tab;6&commat;&period;&amp;&lt;&notin;&#x2D;&#45;</p>')).toEqual([
      '1\u20132\u20103 4 5 6@.&<\u2209--',
      'a\u2010b',
    ]);
  });

  it('keeps attributes (with the element\u2019s name as context), comments and hidden contents apart, and duplicate attributes too', () => {
    const segs = [...extractHtml('<input name="applicant_ssn" value="1" value="536224391"><!--c--><script>s</script><style>t</style><noscript><b>n</b></noscript>', newContext())];
    expect(segs.map((s) => [s.text, s.location, s.context])).toEqual([
      ['1', { kind: 'html', element: 'input', attribute: 'value' }, 'applicant ssn'],
      ['536224391', { kind: 'html', element: 'input', attribute: 'value' }, 'applicant ssn'],
      ['c', { kind: 'html', hidden: 'comment' }, undefined],
      ['s', { kind: 'html', hidden: 'script' }, undefined],
      ['n', { kind: 'html', hidden: 'noscript' }, undefined],
    ]);
  });

  it('tag soup (unclosed tags, unquoted attributes) reads to the end in linear time: the value is found', async () => {
    const { tagSoupHtml } = await hostileGenerator();
    const found: LocatedFinding[] = [];
    const soup = new TextEncoder().encode(tagSoupHtml(600 * 1024));
    const limits = { ...DEFAULT_LIMITS, maxMillis: 30_000 };
    const started = Date.now();
    const scan = await scanDocument(soup, await shippedRules(), SETTINGS, (f) => found.push(f), limits, 'html');
    // Well within the document's deadline (a quadratic reader took minutes).
    expect(Date.now() - started).toBeLessThan(limits.maxMillis);
    expect(scan?.kind).toBe('html');
    expect(found.map((f) => f.entity)).toEqual(['US_SSN']);
  });

  it('a document past its deadline stops with an error, not a partial clean', () => {
    const ctx = { ...newContext(), deadline: Date.now() - 1 };
    expect(() => [...extractHtml('<p>SSN 536-22-4391</p>', ctx)]).toThrow(DocumentError);
    expect(() => [...extractHtml('<p>SSN 536-22-4391</p>', ctx)]).toThrow(/took longer than 60 s/);
  });
});
