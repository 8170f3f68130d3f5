/**
 * `f`, remembering its results for up to `limit` distinct strings (then starting afresh): labels
 * repeat on every record of a document (a column's header, a JSON key), and working each out
 * again for every cell was a measurable part of scanning a spreadsheet.
 */
export function remembered<T>(f: (s: string) => T, limit = 4096): (s: string) => T {
  const results = new Map<string, T>();
  return (s) => {
    let r = results.get(s);
    if (r === undefined) {
      if (results.size >= limit) results.clear();
      results.set(s, (r = f(s)));
    }
    return r;
  };
}
