/** How characters map to source bytes: UTF-8, UTF-16 (two a code unit), or one byte each (EBCDIC). */
export type SourceEncoding = 'utf8' | 'utf16' | 'single-byte';
