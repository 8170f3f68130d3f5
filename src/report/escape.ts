/**
 * Names come from outside (file names, zip entry, attachment and sheet names): one holding an
 * escape sequence, a line break or a bidi override could redraw a terminal, forge a report line
 * or reverse what a reader sees. Text outputs show such characters as escapes instead.
 */

/** C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');
/** What JSON.stringify leaves raw of those (it escapes C0 itself). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_IN_JSON_ALL = new RegExp(UNSAFE_IN_JSON.source, 'g');

const hex = (c: string, width: number): string => c.charCodeAt(0).toString(16).padStart(width, '0');

/** `s` for a line of text output: each unsafe character as `\xHH` (up to U+00FF) or `\uHHHH`. */
export function escapeControls(s: string): string {
  if (!UNSAFE.test(s)) return s;
  return s.replace(UNSAFE_ALL, (c) => (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/**
 * JSON text with the unsafe characters JSON.stringify leaves raw written as `\uHHHH`. Outside
 * strings JSON has none of them, so the whole text can be passed through: it parses the same.
 */
export function escapeJsonText(json: string): string {
  return UNSAFE_IN_JSON.test(json) ? json.replace(UNSAFE_IN_JSON_ALL, (c) => `\\u${hex(c, 4)}`) : json;
}
