/** CSV and TSV read as they stream in: each cell scanned on its own, with its column's header as context. */
import type { RuleSet } from '../engine/ruleset.js';
import type { ScanSettings } from '../model/finding.js';
import type { TextDecoderStream } from '../text/decoder.js';
import { CellPlacer, columnLetter, CsvParser, CsvTable, type TableCell } from './csv.js';
import { keyWords } from './json.js';
import { scanSegment, type LocatedFinding } from './scan-document.js';

/**
 * CSV/TSV, row by row as the text arrives: each cell scanned on its own with its column's header
 * (the first row that is not a `#` comment) as context. Findings are placed in the file (line,
 * column, offset of the value itself) and carry the cell as their location.
 */
export function csvFeed(
  decoder: TextDecoderStream,
  format: 'csv' | 'tsv',
  rules: RuleSet,
  settings: ScanSettings,
  emit: (f: LocatedFinding) => void,
): (chunk: Uint8Array, final: boolean) => void {
  const utf16 = decoder.encoding === 'utf16';
  let parser: CsvParser | undefined; // made after the first decode, which is when the byte-order mark is known
  const table = new CsvTable();
  const scanCell = ({ cell, row, column, header }: TableCell) => {
    if (!cell.text.trim()) return;
    const context = header ? keyWords(header) : undefined;
    // Made on the first finding: most cells have none.
    let location: Extract<LocatedFinding['location'], { kind: 'csv' }> | undefined;
    let starts: CellPlacer | undefined;
    let ends: CellPlacer | undefined;
    scanSegment(context ? { text: cell.text, context } : { text: cell.text }, rules, settings, (f) => {
      location ??= { kind: 'csv', row, column, cell: `${columnLetter(column)}${row}`, ...(header ? { header } : {}) };
      // Findings come in order of their start; their ends nearly so: one placer for each.
      const start = (starts ??= new CellPlacer(cell, utf16)).at(f.index);
      const end = (ends ??= new CellPlacer(cell, utf16)).at(f.index + f.value.length);
      emit({ ...f, index: start.index, offset: start.byte, length: end.byte - start.byte, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, location });
    });
  };
  return (chunk, final) => {
    const text = decoder.decode(chunk, final).text;
    parser ??= new CsvParser(format === 'tsv' ? '\t' : ',', decoder.bomLength, utf16);
    for (const c of table.cells(parser.push(text, final))) scanCell(c);
  };
}
