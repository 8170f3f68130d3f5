import { inflateSync } from 'node:zlib';

/** Every stream of the file inflated (where it is zlib), and the file itself, as Latin-1 text: where a value hidden in a PDF would be. */
export function everyStream(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes);
  const parts = [buf.toString('latin1')];
  for (let at = buf.indexOf('stream'); at >= 0; at = buf.indexOf('stream', at + 6)) {
    let data = at + 6;
    if (buf[data] === 0x0d) data++;
    if (buf[data] === 0x0a) data++;
    try {
      parts.push(inflateSync(buf.subarray(data), { finishFlush: 2 }).toString('latin1'));
    } catch {
      // not a zlib stream
    }
  }
  return parts.join('\n');
}
