/**
 * Compile and run a CommonJS file as Node's loader would, from a V8 code cache when there is one:
 * V8 then neither parses nor compiles what the cache holds. Used for the bundled CLI (bin/pii-scan)
 * and the checkers validators load (runtime/libraries.ts); the build writes each file's cache
 * (scripts/bundle.mjs). A cache this V8 cannot use (another Node, other flags) is set aside by V8
 * itself, and the file compiles as usual.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** The file's cache as the build wrote it beside the file, if it did. */
export function readCodeCache(path: string): Buffer | undefined {
  try {
    return readFileSync(`${path}.cache`);
  } catch {
    return undefined; // not built: compiled as usual
  }
}

/** The file compiled as Node's loader wraps it, not run yet; `cachedDataRejected` tells whether V8 took the cache. */
export function compileCommonJs(path: string, cachedData?: Buffer): Script {
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(path, 'utf8')}\n})`;
  return new Script(source, { filename: path, ...(cachedData ? { cachedData } : {}) });
}

export function runCommonJs(path: string, cachedData?: Buffer): { script: Script; exports: unknown } {
  const script = compileCommonJs(path, cachedData);
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(path), module, path, dirname(path));
  return { script, exports: module.exports };
}
