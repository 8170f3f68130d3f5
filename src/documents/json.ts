/**
 * JSON: every string and number leaf, labelled with its key (so `"ssn": "…"` and `"dob": "…"`
 * give their values context) and located by its path, `$.people[2].ssn`.
 */
import { remembered } from '../text/remembered.js';
import { checkTime, segment, type ExtractContext, type Segment } from './types.js';

/** Segments of a JSON text, or undefined when it does not parse (the caller scans it as plain text). */
export function extractJson(text: string, ctx: ExtractContext): Generator<Segment> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return leaves(value, ctx);
}

function* leaves(root: unknown, ctx: ExtractContext): Generator<Segment> {
  // Depth-first in document order, without recursion (deeply nested input must not overflow the stack).
  const stack: Array<{ value: unknown; path: string; key: string | undefined }> = [{ value: root, path: '$', key: undefined }];
  let n = 0;
  while (stack.length > 0) {
    const { value, path, key } = stack.pop()!;
    if (++n % 10_000 === 0) checkTime(ctx);
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value);
      if (text.trim()) yield segment(ctx, text, { kind: 'json', path }, key);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]`, key });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, v] = entries[i]!;
        stack.push({ value: v, path: path + pathStep(k), key: keyWords(k) });
      }
    }
  }
}

/** `.name`, or `["odd key"]` when the key is not an identifier. */
const pathStep = remembered((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`));

/** `passport_no`, `dateOfBirth` as words, so a key works as context for its value. */
export const keyWords = remembered((key) =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-.\s]+/g, ' ')
    .trim(),
);
