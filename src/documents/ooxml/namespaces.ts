/**
 * The namespaces OOXML parts are matched in. Strict OOXML (ISO 29500 Strict) names the same
 * vocabularies under http://purl.oclc.org/ooxml/…: each is read as its transitional equivalent.
 */

const TRANSITIONAL = 'http://schemas.openxmlformats.org/';

export const NS = {
  w: `${TRANSITIONAL}wordprocessingml/2006/main`,
  s: `${TRANSITIONAL}spreadsheetml/2006/main`,
  p: `${TRANSITIONAL}presentationml/2006/main`,
  a: `${TRANSITIONAL}drawingml/2006/main`,
  c: `${TRANSITIONAL}drawingml/2006/chart`,
  r: `${TRANSITIONAL}officeDocument/2006/relationships`,
  customProperties: `${TRANSITIONAL}officeDocument/2006/custom-properties`,
  relationships: `${TRANSITIONAL}package/2006/relationships`,
  contentTypes: `${TRANSITIONAL}package/2006/content-types`,
  threadedComments: 'http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments',
  modernComments: 'http://schemas.microsoft.com/office/powerpoint/2018/8/main',
} as const;

const STRICT = 'http://purl.oclc.org/ooxml/';
/** Strict names that are not the transitional ones with `2006/` put before the last segment. */
const RENAMED: Record<string, string> = {
  'officeDocument/customProperties': 'officeDocument/2006/custom-properties',
  'officeDocument/extendedProperties': 'officeDocument/2006/extended-properties',
};

/** A namespace URI as it is matched: a strict one as its transitional equivalent. */
export function canonicalNs(uri: string): string {
  if (!uri.startsWith(STRICT)) return uri;
  const rest = uri.slice(STRICT.length);
  const slash = rest.lastIndexOf('/');
  return TRANSITIONAL + (RENAMED[rest] ?? `${rest.slice(0, slash)}/2006/${rest.slice(slash + 1)}`);
}

/**
 * What a relationship type says a part is, its last segment: `header` for both
 * http://schemas.openxmlformats.org/officeDocument/2006/relationships/header and
 * http://purl.oclc.org/ooxml/officeDocument/relationships/header.
 */
export function relationKind(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}
