/** Text stored as bytes (an XML part, a text entry), decoded and encoded back in its own encoding and byte-order mark. */
import { sniff } from '../../text/decoder.js';
import { encodeEbcdic037, type EncodingLabel } from '../../text/decoder.js';
import { RedactError } from './types.js';

export interface EncodedText {
  text: string;
  encode(text: string): Uint8Array;
}

/** Undefined for binary content. Throws when the bytes would not come back the same (text that is not valid in its encoding). */
export function decodeText(bytes: Uint8Array, what: string): EncodedText | undefined {
  const sniffed = sniff(bytes.subarray(0, 8000));
  if (sniffed.kind === 'binary') return undefined;
  const { label, bomLength } = sniffed.decoder;
  const text = sniffed.decoder.decode(bytes, true).text;
  const bom = bytes.subarray(0, bomLength);
  const encode = (t: string) => Buffer.concat([bom, encodeAs(t, label)]);
  if (!Buffer.from(encode(text)).equals(Buffer.from(bytes))) throw new RedactError(`${what} is not valid ${label} text: it cannot be rewritten without changing other bytes`);
  return { text, encode };
}

function encodeAs(text: string, label: EncodingLabel): Uint8Array {
  if (label === 'utf-8') return Buffer.from(text, 'utf8');
  if (label === 'ibm037') return encodeEbcdic037(text);
  const le = Buffer.from(text, 'utf16le');
  return label === 'utf-16le' ? le : le.swap16();
}
