import { detach } from './detach.js';

/**
 * `f`, remembering its results for up to `limit` distinct strings (then starting afresh): labels
 * repeat on every record of a document (a column's header, a JSON key), and working each out
 * again for every cell was a measurable part of scanning a spreadsheet. Keys are kept as copies:
 * a key cut from scanned text would keep that text alive.
 */
export function remembered<T>(f: (s: string) => T, limit = 4096): (s: string) => T {
  const results = new Map<string, T>();
  return (s) => {
    let r = results.get(s);
    if (r === undefined) {
      if (results.size >= limit) results.clear();
      results.set(detach(s), (r = f(s)));
    }
    return r;
  };
}
