/**
 * CSV and TSV (RFC 4180): quoted fields with separators, line breaks and doubled quotes; CRLF or
 * LF; a byte-order mark is the decoder's business. Parsed incrementally, one row at a time, so a
 * large export is never held whole. Each cell keeps its raw source text and where it starts in the
 * file, so a finding inside it can be placed exactly (line, column and byte offset of the file).
 */
import type { Place } from '../text/positions.js';
import { keyWords } from './json.js';
import { checkTime, segment, type ExtractContext, type Segment } from './types.js';

export interface CsvCell {
  /** The value, quotes removed and doubled quotes undone. */
  text: string;
  /** The cell's characters in the file (between the quotes when quoted). */
  raw: string;
  /** Where `raw` starts in the file: UTF-16 index, byte offset, 1-based line and column. */
  index: number;
  byte: number;
  line: number;
  column: number;
}

export class CsvParser {
  private row: CsvCell[] = [];
  private field = '';
  private raw = '';
  /** Inside a quoted field. */
  private inQuotes = false;
  /** A quote was just seen inside a quoted field: the end of it, or the first half of `""`. */
  private quoteSeen = false;
  private started = false;
  private start = { index: 0, byte: 0, line: 1, column: 1 };
  /** Where the next character is. */
  private index = 0;
  private byte: number;
  private line = 1;
  private column = 1;
  private lastCr = false;
  /**
   * The text being pushed, and where in it the current run of plain field characters began (-1:
   * none). A run is added to the field in one piece when something else comes: one slice per
   * field, not one new string per character.
   */
  private text = '';
  private runStart = -1;

  /** `bomBytes`: skipped before the first character; `utf16`: two bytes a code unit instead of UTF-8. */
  constructor(
    private readonly separator: string,
    bomBytes = 0,
    private readonly utf16 = false,
  ) {
    this.byte = bomBytes;
    this.start.byte = bomBytes;
  }

  /** Text in, complete rows out. `final` ends the last row (an unterminated quote ends with the file). */
  push(text: string, final: boolean): CsvCell[][] {
    const rows: CsvCell[][] = [];
    this.text = text;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      this.step(c, i, rows);
      this.advance(c);
    }
    this.flush(text.length);
    this.text = '';
    if (final && (this.started || this.row.length > 0)) this.endRow(rows);
    return rows;
  }

  /** Characters from the open run up to `i` join the field (and its raw text). */
  private flush(i: number): void {
    if (this.runStart === -1) return;
    const run = this.text.slice(this.runStart, i);
    this.field += run;
    this.raw += run;
    this.runStart = -1;
  }

  /** A plain character of the field: the run it belongs to is added later, whole. */
  private keep(i: number): void {
    if (this.runStart === -1) this.runStart = i;
  }

  private advance(c: string): void {
    this.index++;
    this.byte += unitBytes(c.charCodeAt(0), this.utf16);
    if (c === '\n') {
      if (!this.lastCr) this.line++;
      this.column = 1;
    } else if (c === '\r') {
      this.line++;
      this.column = 1;
    } else {
      this.column++;
    }
    this.lastCr = c === '\r';
  }

  private here() {
    return { index: this.index, byte: this.byte, line: this.line, column: this.column };
  }

  private step(c: string, i: number, rows: CsvCell[][]): void {
    if (c === '\n' && this.lastCr && !this.started && this.row.length === 0) return; // the LF of CRLF
    if (!this.started) {
      this.started = true;
      this.start = this.here();
      if (c === '"') {
        this.inQuotes = true;
        this.start = { index: this.index + 1, byte: this.byte + 1, line: this.line, column: this.column + 1 };
        return;
      }
    }
    if (this.inQuotes) {
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (c === '"') {
          this.field += '"';
          this.raw += '""';
          return;
        }
        this.inQuotes = false; // the closing quote; c is handled below
      } else if (c === '"') {
        this.flush(i);
        this.quoteSeen = true;
        return;
      } else {
        this.keep(i);
        return;
      }
    }
    if (c === this.separator) {
      this.flush(i);
      this.endField();
      this.started = false;
      // The next field starts after the separator (a quote there opens a quoted field).
      this.start = { index: this.index + 1, byte: this.byte + 1, line: this.line, column: this.column + 1 };
      return;
    }
    if (c === '\n' || c === '\r') {
      this.flush(i);
      this.endRow(rows);
      return;
    }
    // Text after a closing quote, or a stray quote in an unquoted field: kept as written.
    this.keep(i);
  }

  private endField(): void {
    if (this.quoteSeen) this.quoteSeen = false;
    this.row.push({ text: this.field, raw: this.raw, ...this.start });
    this.field = '';
    this.raw = '';
    this.inQuotes = false;
  }

  private endRow(rows: CsvCell[][]): void {
    if (this.started || this.row.length > 0) this.endField();
    rows.push(this.row);
    this.row = [];
    this.started = false;
  }
}

/** A cell with its place in the table and its column's header. */
export interface TableCell {
  cell: CsvCell;
  /** 1-based, as a spreadsheet numbers them. */
  row: number;
  column: number;
  header?: string;
}

/**
 * Rows → cells, each with its column's header: the first row that is not a `#` comment and is not
 * empty. Fed the rows as the parser completes them.
 */
export class CsvTable {
  private row = 0;
  private headers: string[] | undefined;

  *cells(rows: CsvCell[][]): Generator<TableCell> {
    for (const cells of rows) {
      this.row++;
      const comment = this.headers === undefined && cells[0]?.text.startsWith('#') === true;
      for (const [i, cell] of cells.entries()) {
        const header = comment ? undefined : this.headers?.[i];
        yield { cell, row: this.row, column: i + 1, ...(header ? { header } : {}) };
      }
      if (this.headers === undefined && !comment && cells.some((c) => c.text.trim())) this.headers = cells.map((c) => c.text.trim());
    }
  }
}

/**
 * A CSV or TSV held whole (a zip entry, an email attachment): each cell a segment labelled with
 * its column's header, located by its cell. A file on its own is streamed instead (scan-stream),
 * placed in the file itself.
 */
export function* extractCsv(text: string, separator: ',' | '\t', ctx: ExtractContext): Generator<Segment> {
  const table = new CsvTable();
  let n = 0;
  for (const { cell, row, column, header } of table.cells(new CsvParser(separator).push(text, true))) {
    if (++n % 10_000 === 0) checkTime(ctx);
    if (!cell.text.trim()) continue;
    yield segment(ctx, cell.text, { kind: 'csv', row, column, cell: `${columnLetter(column)}${row}`, ...(header ? { header } : {}) }, header ? keyWords(header) : undefined);
  }
}

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** A place in the file: line, column and byte offset, and the UTF-16 index. */
export interface FilePlace extends Place {
  index: number;
}

/**
 * Where characters of a cell's value are in the file: doubled quotes are two characters there, line
 * breaks inside a quoted cell start new lines. Findings arrive in order, so each call walks on from
 * the last place asked for (back to the cell's start only for an earlier one): a long cell with many
 * findings costs one pass, not one pass per finding.
 */
export class CellPlacer {
  /** Value characters and raw characters passed, and what the raw ones add up to. */
  private v = 0;
  private raw = 0;
  private bytes = 0;
  private breaks = 0;
  private lastBreak = -1;

  constructor(
    private readonly cell: CsvCell,
    private readonly utf16 = false,
  ) {}

  /** Where character `k` of the value is. */
  at(k: number): FilePlace {
    if (k < this.v) [this.v, this.raw, this.bytes, this.breaks, this.lastBreak] = [0, 0, 0, 0, -1];
    const s = this.cell.raw;
    for (; this.v < k && this.raw < s.length; this.v++) {
      const doubled = s.charCodeAt(this.raw) === 34 && s.charCodeAt(this.raw + 1) === 34; // "" is one "
      this.take(s, this.raw);
      if (doubled) this.take(s, this.raw);
    }
    const { cell } = this;
    return {
      index: cell.index + this.raw,
      byte: cell.byte + this.bytes,
      line: cell.line + this.breaks,
      column: this.breaks === 0 ? cell.column + this.raw : this.raw - this.lastBreak,
    };
  }

  /** One raw character: its bytes, and a line break (CRLF is one). */
  private take(s: string, i: number): void {
    const c = s.charCodeAt(i);
    this.bytes += unitBytes(c, this.utf16);
    if (c === 13 || (c === 10 && s.charCodeAt(i - 1) !== 13)) this.breaks++;
    if (c === 10 || c === 13) this.lastBreak = i;
    this.raw = i + 1;
  }
}

/** Bytes of one UTF-16 code unit in the file (a surrogate half is half of a 4-byte UTF-8 sequence). */
function unitBytes(u: number, utf16: boolean): number {
  if (utf16) return 2;
  if (u < 0x80) return 1;
  if (u < 0x800) return 2;
  if (u >= 0xd800 && u <= 0xdfff) return 2;
  return 3;
}
