/**
 * The third-party checkers two validators call (libphonenumber-js for `phone`, validator's isEmail
 * for `email`), as the engine receives them. Until the runtime provides its copies
 * (runtime/libraries.ts: in the bundled CLI, one file each compiled from a code cache), the
 * packages themselves load on first use. The engine reads no file and compiles no code.
 * Validators are synchronous, hence `require` rather than `import()`.
 */
import { createRequire } from 'node:module';

export type PhoneLib = typeof import('libphonenumber-js/max');
export type IsEmail = (str: string, options?: Record<string, unknown>) => boolean;

/** The package each checker comes from. */
export const LIBRARY_PACKAGES = {
  phone: 'libphonenumber-js/max',
  isEmail: 'validator/lib/isEmail',
} as const;
export type LibraryName = keyof typeof LIBRARY_PACKAGES;

/** Loads a checker's module (its CommonJS exports) by name. */
export type LibraryLoader = (name: LibraryName) => unknown;

const fromPackage: LibraryLoader = (name) => createRequire(import.meta.url)(LIBRARY_PACKAGES[name]);

let loader: LibraryLoader = fromPackage;
let phone: PhoneLib | undefined;
let isEmailFn: IsEmail | undefined;

/** Where the checkers come from from now on (called before the first scan). */
export function provideLibraries(load: LibraryLoader): void {
  loader = load;
  phone = undefined;
  isEmailFn = undefined;
}

/** libphonenumber-js with the full ("max") metadata: validity per region, not just length. */
export function phoneLib(): PhoneLib {
  return (phone ??= loader('phone') as PhoneLib);
}

/** validator's isEmail. */
export function isEmail(): IsEmail {
  if (isEmailFn === undefined) {
    const mod = loader('isEmail') as IsEmail & { default?: IsEmail };
    isEmailFn = typeof mod.default === 'function' ? mod.default : mod;
  }
  return isEmailFn;
}
