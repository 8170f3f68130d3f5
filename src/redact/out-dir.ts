/**
 * Where `redact --out-dir OUT ARG…` puts each copy: its path relative to the argument it came
 * from (a folder: inside it; a file: its name; a glob: below the pattern's fixed folders), so
 * `redact --out-dir OUT docs` writes OUT/a.txt for docs/a.txt, whether docs was given relative
 * or absolute. Two inputs that would land on one copy are refused, never written over each other.
 */
import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface OutDirPlacer {
  /** The copy's path under the folder, or an error message when another input already took it. */
  place(path: string): { dest: string } | { error: string };
}

const GLOB_CHARS = /[*?[\]{}()!]/;

export function outDirPlacer(outDir: string, args: readonly string[], cwd: string): OutDirPlacer {
  const bases = args.filter((a) => a !== '-').map((a) => baseOf(a, cwd));
  const taken = new Map<string, string>();
  return {
    place(path) {
      const rel = bestRelative(path, bases);
      const dest = join(outDir, rel);
      const earlier = taken.get(dest);
      if (earlier !== undefined && earlier !== path) return { error: `its copy ${relative(cwd, dest) || dest} is already written from another input` };
      taken.set(dest, path);
      return { dest };
    },
  };
}

/** The folder an argument's inputs are placed relative to. */
function baseOf(arg: string, cwd: string): string {
  const abs = resolve(cwd, arg);
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs);
  } catch {
    // A glob: its segments before the first one with a pattern character.
    const parts = abs.split(sep);
    const fixed = parts.findIndex((p) => GLOB_CHARS.test(p));
    return fixed <= 0 ? dirname(abs) : parts.slice(0, fixed).join(sep) || sep;
  }
}

/** Relative to the deepest base holding the path; a path under none keeps only its name. */
function bestRelative(path: string, bases: readonly string[]): string {
  let best: string | undefined;
  for (const b of bases) {
    const rel = relative(b, path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) continue;
    if (best === undefined || rel.length < best.length) best = rel;
  }
  return best ?? basename(path);
}
