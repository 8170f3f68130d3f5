/**
 * `import()` of a package loaded only when needed (pdf.js, the glob walker). One place for it:
 * the bundled CLI runs as a script compiled from a V8 code cache (bin/pii-scan), where `import()`
 * would need an experimental hook, so the bundle step swaps this module for a one-line CommonJS
 * file beside the bundle that does the same in a module of Node's own (scripts/bundle.mjs).
 */
export const importModule = (specifier: string): Promise<unknown> => import(specifier);
