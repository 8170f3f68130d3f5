/**
 * CSV and TSV (RFC 4180): quoted fields with separators, line breaks and doubled quotes; CRLF or
 * LF; a byte-order mark is the decoder's business. Parsed incrementally, one row at a time, so a
 * large export is never held whole. Each cell keeps its raw source text and where it starts in the
 * file, so a finding inside it can be placed exactly (line, column and byte offset of the file).
 */

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
  private quoted = false;
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
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      this.step(c, rows);
      this.advance(c);
    }
    if (final && (this.started || this.row.length > 0)) this.endRow(rows);
    return rows;
  }

  private advance(c: string): void {
    this.index++;
    this.byte += unitBytes(c, this.utf16);
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

  private step(c: string, rows: CsvCell[][]): void {
    if (c === '\n' && this.lastCr && !this.started && this.row.length === 0) return; // the LF of CRLF
    if (!this.started) {
      this.started = true;
      this.start = this.here();
      if (c === '"') {
        this.quoted = true;
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
        this.quoteSeen = true;
        return;
      } else {
        this.field += c;
        this.raw += c;
        return;
      }
    }
    if (c === this.separator) {
      this.endField();
      this.started = false;
      // The next field starts after the separator (a quote there opens a quoted field).
      this.start = { index: this.index + 1, byte: this.byte + 1, line: this.line, column: this.column + 1 };
      return;
    }
    if (c === '\n' || c === '\r') {
      this.endRow(rows);
      return;
    }
    // Text after a closing quote, or a stray quote in an unquoted field: kept as written.
    this.field += c;
    this.raw += c;
  }

  private endField(): void {
    if (this.quoteSeen) this.quoteSeen = false;
    this.row.push({ text: this.field, raw: this.raw, ...this.start });
    this.field = '';
    this.raw = '';
    this.quoted = false;
    this.inQuotes = false;
  }

  private endRow(rows: CsvCell[][]): void {
    if (this.started || this.row.length > 0) this.endField();
    rows.push(this.row);
    this.row = [];
    this.started = false;
  }
}

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * Where character `k` of a cell's value is in the file: doubled quotes are two characters there,
 * line breaks inside a quoted cell start new lines.
 */
export function cellPosition(cell: CsvCell, k: number, utf16 = false): { index: number; byte: number; line: number; column: number } {
  let raw = 0;
  for (let v = 0; v < k && raw < cell.raw.length; v++) raw += cell.raw[raw] === '"' && cell.raw[raw + 1] === '"' ? 2 : 1;
  const before = cell.raw.slice(0, raw);
  const breaks = before.match(/\r\n|\r|\n/g)?.length ?? 0;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return {
    index: cell.index + raw,
    byte: cell.byte + Array.from({ length: before.length }, (_, i) => unitBytes(before[i]!, utf16)).reduce((a, b) => a + b, 0),
    line: cell.line + breaks,
    column: breaks === 0 ? cell.column + raw : raw - lastBreak,
  };
}

/** Bytes of one UTF-16 code unit in the file (a surrogate half is half of a 4-byte UTF-8 sequence). */
function unitBytes(c: string, utf16: boolean): number {
  if (utf16) return 2;
  const u = c.charCodeAt(0);
  if (u < 0x80) return 1;
  if (u < 0x800) return 2;
  if (u >= 0xd800 && u <= 0xdfff) return 2;
  return 3;
}
