/**
 * Where text sits inside a document, and the segments of text extractors hand on: plain types,
 * shared by the readers that make them and the reports that show them.
 */

export type DocxPart = 'body' | 'header' | 'footer' | 'footnote' | 'endnote' | 'comment' | 'deleted' | 'properties' | UnseenPart | StoredPart;

/**
 * Values stored with a document that it does not show as text: a field's code (a HYPERLINK's
 * address), a document variable (`property`: its name), a chart's cached data.
 */
export type StoredPart = 'field code' | 'document variable' | 'chart';

/** HTML a reader does not see: a comment, or the contents of a script, template or noscript element. */
export type HiddenHtml = 'comment' | 'script' | 'template' | 'noscript';

/** A PDF's text outside its pages' content and document info. */
export type PdfPart = 'xmp' | 'link' | 'outline' | 'javascript' | 'field';

/** Text in a part that a reader does not see: pictures' and shapes' descriptions, external links' addresses. */
export type UnseenPart = 'alt text' | 'link';

/** Where a piece of text sits inside a document. Containers (zip, email attachment) appear in `chain`. */
export type DocLocation =
  | {
      kind: 'docx';
      part: DocxPart;
      paragraph?: number;
      author?: string;
      table?: { index: number; row: number; cell: number };
      property?: string;
    }
  /** `comment`: a note or threaded comment on the cell. */
  | { kind: 'xlsx'; sheet: string; cell: string; comment?: true }
  | { kind: 'xlsx' | 'pptx'; part: 'properties'; property: string }
  /** A cell's formula (its string literals, the names and addresses it reads). */
  | { kind: 'xlsx'; part: 'formula'; sheet: string; cell: string }
  /** A workbook's defined name (`name`) and what it refers to. */
  | { kind: 'xlsx'; part: 'defined name'; name: string }
  /** A value kept in a pivot table's cache (the source data, even where the table shows none of it); `field`: its column. */
  | { kind: 'xlsx'; part: 'pivot cache'; field: string }
  /** What a sheet shows outside its cells: page headers and footers, text boxes and shapes, their alt text. */
  | { kind: 'xlsx'; part: 'header or footer' | 'shape' | 'alt text'; sheet: string }
  /** The data and titles a chart keeps; `chart`: its number on the sheet (1, 2 …). */
  | { kind: 'xlsx'; part: 'chart'; sheet: string; chart: number }
  | { kind: 'pptx'; slide: number; part: 'slide' | 'notes' | 'comments' | 'chart' | UnseenPart }
  | { kind: 'eml'; part: 'header' | 'body' | 'attachment'; name?: string; header?: string; message?: number }
  | { kind: 'zip'; entry: string }
  /** `cell` as a spreadsheet names it (C7); `header`: the column's first-row text. */
  | { kind: 'csv'; row: number; column: number; cell: string; header?: string }
  /** JSONPath of the value: `$.people[2].ssn`; `key`: the text is the member name at that path, not its value. */
  | { kind: 'json'; path: string; key?: true }
  /** `block`: the n-th block of visible text (paragraph, heading, cell …), or the attribute of an `element`, or what is `hidden`. */
  | { kind: 'html'; block?: number; element?: string; attribute?: string; hidden?: HiddenHtml }
  /** `field`: a form field's value (its name); `comment`: the text of an annotation (a note, a comment). */
  | { kind: 'pdf'; page: number; field?: string; comment?: true }
  | { kind: 'pdf'; part: 'properties'; property: string }
  /** A file attached to the PDF (its contents are read as a document of their own, with this in their chain). */
  | { kind: 'pdf'; attachment: string }
  /**
   * A message of a phone backup (SMS Backup & Restore): its place in the file, its time (ISO, UTC)
   * and thread address; `part` the n-th part of an MMS (`name` its file name), `field` which
   * attribute of the message (body when absent and no part).
   */
  | { kind: 'sms'; message: number; date?: string; address?: string; part?: number; name?: string; field?: SmsField }
  /** A message of a chat export (WhatsApp): its time as the export writes it (local, no zone) and its sender. */
  | { kind: 'chat'; message: number; date: string; sender?: string; field?: 'sender' }
  /**
   * What a PDF keeps outside its pages' text: `xmp` metadata (`name`: the property, dc:creator),
   * a `link`'s address (on `page`, or `name`: bookmark 2.1), an `outline` entry (a bookmark; `name`: its place, 2.1),
   * `javascript` (`name`: the action or script's name) and a form `field` no page shows (`name`: the field).
   */
  | { kind: 'pdf'; part: PdfPart; name?: string; page?: number }
  /**
   * Text OCR read in a picture: its `line` (1, 2 … in reading order) and that line's `box` in pixels
   * from the top left; `page`: a TIFF's page, or the PDF page whose `image` (1, 2 … on the page) it is;
   * `metadata`: what the picture's metadata says, not its pixels (EXIF GPS: where a photo was taken).
   */
  | { kind: 'image'; line?: number; box?: { x: number; y: number; w: number; h: number }; page?: number; image?: number; metadata?: 'EXIF GPS' }
  | { kind: 'text' };

export type SmsField = 'body' | 'subject' | 'contact name' | 'address';

/** A segment's location with the containers it sits in, outermost first (mail.eml → attachment → …). */
export type FindingLocation = DocLocation & { chain?: DocLocation[] };

export interface Segment {
  text: string;
  /**
   * Words that label the text (a CSV column header, a JSON key): scanned as `<context>: <text>`, so
   * they count as context for the detectors; positions stay relative to `text`, and a match inside
   * the label alone is not reported.
   */
  context?: string;
  location: FindingLocation;
  /**
   * Where `text` starts in the file, when it is a slice of the file's own text (a chat message):
   * findings are then placed in the file (line, column, offset), as CSV cells are.
   */
  origin?: TextOrigin;
  /**
   * Read by OCR: also scanned with look-alike characters folded (text/ocr-fold.ts); `words`: each
   * word's place in `text` and its box in pixels, so a finding is placed at its own words' box.
   */
  ocr?: { words: { start: number; end: number; box: { x: number; y: number; w: number; h: number } }[] };
}

/** A place in a file: UTF-16 index, UTF-8 byte offset, 1-based line and column (UTF-16 units). */
export interface TextOrigin {
  index: number;
  offset: number;
  line: number;
  column: number;
}

/** `cfb`: an OLE compound file (a password-protected Office document, or a legacy .doc/.xls/.ppt), refused. */
export type DocumentKind = 'zip' | 'docx' | 'xlsx' | 'pptx' | 'eml' | 'pdf' | 'csv' | 'json' | 'html' | 'cfb' | 'tsv' | 'sms-backup' | 'whatsapp' | 'image';
