/**
 * Phone backups (SMS Backup & Restore XML): the messages' text attributes are rewritten as any
 * XML's (xml-text.ts), and a file an MMS carries (its part's base64 `data`: a DOCX, a PDF, a text)
 * is decoded, redacted as the document it is through the registry and encoded again. Messages and
 * parts are counted as the reader counts them: every `sms` and `mms` element in order, and each
 * `part` of its MMS.
 */
import { decodeEntities } from '../../documents/xml.js';
import { byContainer } from './containers.js';
import { spliceWrites, type Write } from './pieces.js';
import { RedactError, type DocumentRedactor } from './types.js';
import { decodeText } from './encoded-text.js';
import { checkWellFormed, redactXml } from './xml-text.js';

/** Comments and CDATA (skipped, as a parser skips them) and the start tags that count. */
const TOKENS = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(sms|mms|part)(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const DATA = /(\sdata\s*=\s*)(["'])([^"']*)\2/;
const NAME = /\s(?:cl|name|fn)\s*=\s*(["'])([^"']*)\1/;

export const redactSmsBackup: DocumentRedactor = async (bytes, findings, options) => {
  const decoded = decodeText(bytes, 'the backup');
  if (!decoded) throw new RedactError('binary content holds findings');
  const { inner } = byContainer(findings);
  const text = decoded.text;
  const writes: Write[] = [];
  const notes: string[] = [];
  const wanted = new Map(inner.map((g) => [g.where.kind === 'sms' ? `${g.where.message}\u0000${g.where.part ?? ''}` : '', g]));
  let message = 0;
  let part = 0;
  for (const m of text.matchAll(TOKENS)) {
    if (m[1] === 'sms' || m[1] === 'mms') {
      message++;
      part = 0;
      continue;
    }
    if (m[1] !== 'part') continue;
    part++;
    const group = wanted.get(`${message}\u0000${part}`);
    const data = group ? DATA.exec(m[0]) : null;
    if (!group || !data) continue;
    wanted.delete(`${message}\u0000${part}`);
    const content = Buffer.from(decodeEntities(data[3]!), 'base64');
    const name = decodeEntities(NAME.exec(m[0])?.[2] ?? '');
    const out = await options.nested(content, name, group.findings, group.where);
    notes.push(...out.notes);
    const start = m.index + data.index + data[1]!.length + 1;
    writes.push({ start, end: start + data[3]!.length, raw: Buffer.from(out.bytes).toString('base64') });
  }
  // Every value is also rewritten where the XML itself holds it (a part's text attribute is located as the part too).
  const withData = spliceWrites(text, writes);
  const out = redactXml(withData, findings, options) ?? withData;
  checkWellFormed(text, out, 'backup');
  return { bytes: out === text ? bytes : decoded.encode(out), notes };
};
