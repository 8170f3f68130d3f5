/** CSV findings are placed in the file itself: line, column and byte offset through quotes and line breaks. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CellPlacer, CsvParser, type CsvCell } from '../../src/documents/csv.js';

/** The definition: count over the cell's raw text up to the character, from scratch. */
function place(cell: CsvCell, k: number, utf16: boolean) {
  let raw = 0;
  for (let v = 0; v < k && raw < cell.raw.length; v++) raw += cell.raw[raw] === '"' && cell.raw[raw + 1] === '"' ? 2 : 1;
  const before = cell.raw.slice(0, raw);
  const breaks = before.match(/\r\n|\r|\n/g)?.length ?? 0;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  const bytes = utf16 ? 2 * before.length : Buffer.byteLength(before.replace(/[\ud800-\udfff]/g, 'xx'));
  return { index: cell.index + raw, byte: cell.byte + bytes, line: cell.line + breaks, column: breaks === 0 ? cell.column + raw : raw - lastBreak };
}

describe('CellPlacer', () => {
  it('places every character of every cell as counting from the cell start does, in any order of asking (property)', () => {
    const piece = fc.constantFrom('a', 'é', '😀', ',', '"', '""', '\n', '\r\n', '\r', ' ', 'x'.repeat(30));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.array(fc.nat(60), { maxLength: 12 }), fc.boolean(), (pieces, asks, utf16) => {
        // A quoted cell after a plain one, on the file's second line.
        const body = pieces.join('').replaceAll('"', '""');
        const rows = new CsvParser(',', 0, utf16).push(`id,notes\n1,"${body}"\n`, true);
        const cell = rows[1]![1]!;
        expect(cell.text).toBe(pieces.join(''));
        const placer = new CellPlacer(cell, utf16);
        for (const k of [...asks].sort((a, b) => a - b).concat(asks)) expect(placer.at(k)).toEqual(place(cell, k, utf16));
      }),
      { numRuns: 2000 },
    );
  });
});
