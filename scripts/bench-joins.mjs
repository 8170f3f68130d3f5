/**
 * What the stream's joins of wrapped labelled values (src/engine/wrap-windows.ts) cost alone: each
 * 64 KB chunk of a file fed to a WrapWindows of each build given (its built dist/), as the
 * scanner feeds it (an ASCII chunk as bytes where the build takes them, else as a string), the
 * decoding not counted; min of 5 rounds, alternated.
 *
 *   node scripts/bench-joins.mjs bench/.corpus/corpus-100mb.txt . /tmp/old
 */
import { openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';

const [file, ...checkouts] = process.argv.slice(2);
if (!file || checkouts.length === 0) throw new Error('usage: node scripts/bench-joins.mjs FILE CHECKOUT…');
const builds = [];
for (const dir of checkouts.map((d) => resolve(d))) {
  const { loadRuleDefs, BUILTIN_RULES_DIR } = await import(`${dir}/dist/config/load.js`);
  const { compileRules } = await import(`${dir}/dist/engine/ruleset.js`);
  const { wrapCutOf } = await import(`${dir}/dist/engine/wrap-labels.js`);
  const { WrapWindows } = await import(`${dir}/dist/engine/wrap-windows.js`);
  const rules = compileRules(await loadRuleDefs([BUILTIN_RULES_DIR]));
  const settings = { defaultRegion: 'US' };
  // The cut test's and the windows' readings are the same in every build: not measured.
  const wrap = wrapCutOf(rules, settings, () => []);
  builds.push({ dir, make: () => new WrapWindows(wrap, rules, { settings }, () => []), ms: [] });
}
const fd = openSync(file, 'r');
const buf = Buffer.allocUnsafe(1 << 16);
const isAscii = (b) => b.every((x) => x < 0x80);
for (let round = 0; round < 5; round++) {
  for (const b of builds) {
    const w = b.make();
    let pos = 0;
    let n;
    let ns = 0;
    while ((n = readSync(fd, buf, 0, buf.length, pos)) > 0) {
      const chunk = buf.subarray(0, n);
      pos += n;
      const text = isAscii(chunk) ? undefined : chunk.toString('utf8'); // a chunk may cut a character: no matter here
      const t = process.hrtime.bigint();
      if (text !== undefined) w.push(text, [], false);
      else if (w.pushAscii) w.pushAscii(chunk);
      else w.push(chunk.toString('latin1'), [], true);
      ns += Number(process.hrtime.bigint() - t);
    }
    w.end();
    b.ms.push(ns / 1e6);
  }
}
for (const b of builds) console.log(`${b.dir}: ${Math.min(...b.ms).toFixed(0)} ms (min of 5; all ${b.ms.map((x) => x.toFixed(0)).join(' ')})`);
