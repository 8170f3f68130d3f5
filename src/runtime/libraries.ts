/**
 * The two third-party checkers validators use, loaded on first use: a scan that never meets a
 * phone or e-mail candidate does not pay for them. Validators are synchronous, hence `require`
 * rather than `import()`.
 *
 * The bundled CLI (scripts/bundle.mjs) ships a one-file copy of each beside itself and says so
 * through PII_SCAN_BUNDLED_LIBRARIES: libphonenumber-js is some eighty modules to resolve and
 * compile, about half of its 30 ms load. Run from the compiled modules (tests), the packages
 * themselves load.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { readCodeCache, runCommonJs } from './common-js.js';

export type PhoneLib = typeof import('libphonenumber-js/max');
export type IsEmail = (str: string, options?: Record<string, unknown>) => boolean;

/** Replaced with `true` by the bundle step; undeclared anywhere else. */
declare const PII_SCAN_BUNDLED_LIBRARIES: boolean | undefined;
const bundled = typeof PII_SCAN_BUNDLED_LIBRARIES !== 'undefined' && PII_SCAN_BUNDLED_LIBRARIES;

/** Where the bundle step puts each copy, relative to the bundled CLI, and the package it copies. */
export const BUNDLED_LIBRARIES = {
  phone: { file: './phone-lib.cjs', from: 'libphonenumber-js/max' },
  isEmail: { file: './is-email.cjs', from: 'validator/lib/isEmail' },
} as const;

const load = (name: keyof typeof BUNDLED_LIBRARIES): unknown => {
  const { file, from } = BUNDLED_LIBRARIES[name];
  if (!bundled) return createRequire(import.meta.url)(from);
  // A bundled copy, with the cache the build made after running what validators call: libphonenumber-js loads in half the time.
  const path = fileURLToPath(new URL(file, import.meta.url));
  return runCommonJs(path, readCodeCache(path)).exports;
};

let phone: PhoneLib | undefined;
let isEmailFn: IsEmail | undefined;

/** libphonenumber-js with the full ("max") metadata: validity per region, not just length. */
export function phoneLib(): PhoneLib {
  return (phone ??= load('phone') as PhoneLib);
}

/** validator's isEmail. */
export function isEmail(): IsEmail {
  if (isEmailFn === undefined) {
    const mod = load('isEmail') as IsEmail & { default?: IsEmail };
    isEmailFn = typeof mod.default === 'function' ? mod.default : mod;
  }
  return isEmailFn;
}
