/**
 * Redacting JSON by its structure, so the result is still JSON. Findings come from the JSON
 * reader (a leaf's path, and the match's position in the leaf's unescaped value); each leaf that
 * holds one is unescaped, rewritten and written back as a JSON string: an escaped value
 * (`"\u0035\u0033\u0036-22-4391"`) is rewritten like a plain one, and a number becomes a string
 * holding its mask (`536224391` → `"*****4391"`), since a mask is not a number. Everything outside
 * the rewritten leaves is kept as written.
 */
import type { Finding } from '../model/finding.js';
import { readJson } from '../documents/json.js';
import type { LocatedFinding } from '../documents/scan-document.js';
import { planSpans } from './plan.js';
import type { Replacement } from './styles.js';

interface JsonLeaf {
  value: string;
  start: number;
  end: number;
  /** Findings placed in this leaf, positions in the unescaped value (UTF-16 units). */
  found: Finding[];
}

export interface JsonRewrite {
  text: string;
  /** Findings that matched no leaf: their value is not where the reader said. */
  unplaced: number;
}

/** `text` with every finding's leaf rewritten; `render` turns a value's original text into its replacement. */
export function rewriteJson(
  text: string,
  findings: readonly LocatedFinding[],
  replacementFor: (f: Finding) => Replacement,
  render: (original: string, r: Replacement) => string,
): JsonRewrite {
  const byPath = new Map<string, JsonLeaf[]>();
  // A member name is a leaf of its own (a record keyed by an SSN), apart from its member's value.
  const ok = readJson(text, (value, path, _key, written, name) => {
    const leaf = { value, start: written.start, end: written.end, found: [] };
    const at = name ? `${path} name` : path;
    const same = byPath.get(at);
    if (same) same.push(leaf);
    else byPath.set(at, [leaf]);
  });
  if (!ok) return { text, unplaced: findings.length };
  let unplaced = 0;
  for (const f of findings) {
    // The document's own path: the reported one has its labels masked (a key that is an SSN).
    const loc = f.unmaskedLocation ?? f.location;
    // Equal keys give one path several leaves: every leaf holding the value at that place is rewritten.
    const leaves = loc?.kind === 'json' ? (byPath.get(loc.key ? `${loc.path} name` : loc.path) ?? []).filter((l) => l.value.startsWith(f.value, f.index)) : [];
    if (leaves.length === 0) unplaced++;
    // In the leaf's own units: planSpans merges overlapping matches as it does for bytes.
    for (const l of leaves) l.found.push({ ...f, offset: f.index, length: f.value.length });
  }
  const edited = [...byPath.values()].flat().filter((l) => l.found.length > 0).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const leaf of edited) {
    let value = '';
    let pos = 0;
    for (const span of planSpans(leaf.found, replacementFor)) {
      value += leaf.value.slice(pos, span.start) + render(leaf.value.slice(span.start, span.end), span);
      pos = span.end;
    }
    value += leaf.value.slice(pos);
    out += text.slice(at, leaf.start) + JSON.stringify(value);
    at = leaf.end;
  }
  return { text: out + text.slice(at), unplaced };
}
