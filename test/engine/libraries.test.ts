/**
 * The CLI and the phone and e-mail checkers as they load: one bundled file each, compiled from the
 * V8 code cache the build wrote beside it. Reads the build's output (npm test builds first).
 */
import { expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Script } from 'node:vm';
import type { PhoneLib } from '../../src/engine/libraries.js';
import { BUNDLED_LIBRARIES } from '../../src/runtime/libraries.js';
import { runCommonJs } from '../../src/runtime/common-js.js';
// @ts-expect-error a build script, untyped
import { asciiOnly } from '../../scripts/ascii-bundle.mjs';

const bundled = (file: string) => new URL(`../../dist/cli/${file}`, import.meta.url).pathname;

it('uses the code cache the build made, under the flags the CLI runs with', () => {
  // In a process of its own: V8 checks its flags against the cache's, and tests in this one change them.
  const dist = new URL('../../dist/', import.meta.url).href;
  const probe = `
    const { applyV8Flags } = await import('${dist}cli/v8-flags.js');
    const { BUNDLED_LIBRARIES } = await import('${dist}runtime/libraries.js');
    const { compileCommonJs, readCodeCache } = await import('${dist}runtime/common-js.js');
    applyV8Flags();
    const path = (file) => new URL(file, '${dist}cli/').pathname;
    // Compiled, not run: the CLI would start.
    const rejected = (file) => compileCommonJs(path(file), readCodeCache(path(file))).cachedDataRejected;
    console.log(JSON.stringify([...Object.values(BUNDLED_LIBRARIES).map(({ file }) => file), './pii-scan.cjs'].map(rejected)));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual([false, false, false]);
});

it('ships its bundles in ASCII, which Node reads into a one-byte string', () => {
  for (const file of ['pii-scan.cjs', 'scan-worker.mjs', 'api.mjs', 'person-names-table.cjs', ...Object.values(BUNDLED_LIBRARIES).map((l) => l.file)]) {
    expect({ file, nonAscii: /[^\x00-\x7f]/.test(readFileSync(bundled(file), 'latin1')) }).toEqual({ file, nonAscii: false });
  }
});

it('writes a bundle in ASCII with escapes where they mean the same, and stops where they would not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ascii-'));
  const file = join(dir, 'b.cjs');
  writeFileSync(file, "// a \u2192 b\nexports.re = /n\u00b0[\u0142\u0141]/u;\n");
  asciiOnly(file);
  const written = readFileSync(file, 'utf8');
  expect(/[^\x00-\x7f]/.test(written)).toBe(false);
  expect((runCommonJs(file).exports as { re: RegExp }).re.test('n\u00b0\u0141')).toBe(true);
  writeFileSync(file, 'exports.s = String.raw`\u00b0`;\n');
  expect(() => asciiOnly(file)).toThrow(/template literal/);
  rmSync(dir, { recursive: true });
});

it('checks numbers the same from the cached bundle as from the package', () => {
  const path = bundled(BUNDLED_LIBRARIES.phone.file);
  const fromCache = runCommonJs(path, readFileSync(`${path}.cache`)).exports as PhoneLib;
  const fromPackage = createRequire(import.meta.url)(BUNDLED_LIBRARIES.phone.from) as PhoneLib;
  // The bundle runs in Node's own context, which under jest is not the test's: its options object must come from there.
  const options = (inContext: boolean) => {
    const literal = "({ defaultCountry: 'US', extract: false })";
    return (inContext ? new Script(literal).runInThisContext() : { defaultCountry: 'US', extract: false }) as { defaultCountry: 'US' };
  };
  const read = (lib: PhoneLib, n: string, inContext: boolean) => {
    const p = lib.parsePhoneNumberFromString(n, options(inContext));
    return [p?.number, p?.isValid()];
  };
  for (const n of ['(213) 621-0002', '+44 20 7946 0958', '555-0100', '12', '+49 30 901820', '+1 (800) 356-9377']) {
    expect(read(fromCache, n, true)).toEqual(read(fromPackage, n, false));
  }
});
