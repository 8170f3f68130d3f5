/**
 * The checkers validators use, as the runtime provides them to the engine (engine/libraries.ts).
 *
 * The bundled CLI (scripts/bundle.mjs) ships a one-file copy of each beside itself and says so
 * through PII_SCAN_BUNDLED_LIBRARIES: libphonenumber-js is some eighty modules to resolve and
 * compile. Run from the compiled modules (tests), the packages themselves load.
 */
import { fileURLToPath } from 'node:url';
import { LIBRARY_PACKAGES, provideLibraries, type LibraryName } from '../engine/libraries.js';
import { readCodeCache, runCommonJs } from './common-js.js';

/** Replaced with `true` by the bundle step; undeclared anywhere else. */
declare const PII_SCAN_BUNDLED_LIBRARIES: boolean | undefined;
const bundled = typeof PII_SCAN_BUNDLED_LIBRARIES !== 'undefined' && PII_SCAN_BUNDLED_LIBRARIES;

/** Where the bundle step puts each copy, relative to the bundled CLI, and the package it copies. */
export const BUNDLED_LIBRARIES = {
  phone: { file: './phone-lib.cjs', from: LIBRARY_PACKAGES.phone },
  isEmail: { file: './is-email.cjs', from: LIBRARY_PACKAGES.isEmail },
} as const satisfies Record<LibraryName, { file: string; from: string }>;

/** A bundled copy, with the cache the build made after running what validators call: libphonenumber-js loads in half the time. */
const loadBundled = (name: LibraryName): unknown => {
  const path = fileURLToPath(new URL(BUNDLED_LIBRARIES[name].file, import.meta.url));
  return runCommonJs(path, readCodeCache(path)).exports;
};

/** Called by each entry point (the CLI, a scan worker, the library) before anything scans. */
export function useRuntimeLibraries(): void {
  if (bundled) provideLibraries(loadBundled);
}
