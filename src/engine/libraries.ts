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
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

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
  return bundled ? loadBundled(fileURLToPath(new URL(file, import.meta.url))) : createRequire(import.meta.url)(from);
};

/**
 * A bundled copy, compiled with the code cache the build wrote beside it: V8 then skips parsing
 * and compiling it (libphonenumber-js loads in half the time). A cache this Node's V8 cannot use
 * is set aside by V8 itself, and the file compiles as usual.
 */
function loadBundled(path: string): unknown {
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(`${path}.cache`);
  } catch {
    cachedData = undefined; // not built: compiled as usual
  }
  return runCommonJs(path, cachedData).exports;
}

/** Compile and run a CommonJS file as Node's loader would, from a V8 code cache if given one. */
export function runCommonJs(path: string, cachedData?: Buffer): { script: Script; exports: unknown } {
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(path, 'utf8')}\n})`;
  const script = new Script(source, { filename: path, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(path), module, path, dirname(path));
  return { script, exports: module.exports };
}

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
