/**
 * Command-line arguments → the list of things to scan: files (from paths, folders
 * and globs) and stdin. Folders are walked in sorted order, skipping `.git` and
 * `node_modules` and honouring `.gitignore` (but never for a file git tracks); problems
 * are collected, not thrown, so one unreadable path never hides the rest.
 */
import type { Diagnostic } from '../model/scan.js';
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { compareText } from '../text/compare.js';
import { importModule } from '../runtime/import-module.js';
import { trackedFilesUnder, type TrackedFiles } from './git-tracked.js';

/** 1-based line numbers, first and last inclusive, sorted and not overlapping. */
export interface LineRange {
  start: number;
  end: number;
}

/** Where a git blob's bytes come from (`git cat-file --batch`), one blob at a time. */
export interface BlobSource {
  open(oid: string): AsyncIterable<Uint8Array>;
}

/** What paths, folders, globs and `-` resolve to. */
export type Input = { kind: 'file'; path: string; display: string } | { kind: 'stdin'; display: '-' };

/** A file's content as stored in git (the index, for --staged), read by object id. */
export interface GitBlobInput {
  kind: 'git-blob';
  oid: string;
  /** Where the file lives in the working tree (absolute): excludes and the baseline go by it. */
  path: string;
  display: string;
  blobs: BlobSource;
  /** Only findings touching these lines count (undefined: every line). */
  changedLines?: readonly LineRange[];
}

/**
 * Everything a scan can read. Kept apart from `Input` so commands that only take paths (redact)
 * never have to handle a blob.
 */
export type ScanInput = Input | GitBlobInput;

export interface InputOptions {
  cwd: string;
  /** Honour .gitignore files inside walked folders. */
  gitignore: boolean;
  /** Gitignore-syntax patterns, each list relative to its own folder (the config's; the working folder for --exclude). */
  exclude: ReadonlyArray<{ base: string; patterns: readonly string[] }>;
  /** Follow symbolic links in folders and globs (loops are detected). */
  followSymlinks?: boolean;
}

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);
const GLOB_CHARS = /[*?[\]{}]/;

export const toPosix = (p: string): string => p.split(sep).join('/');

/** A path for messages: relative to the working folder, unless that climbs more than one level. */
export function displayPath(cwd: string, abs: string): string {
  const rel = toPosix(relative(cwd, abs));
  return rel === '' || rel.startsWith('../../') || isAbsolute(rel) ? abs : rel;
}

/**
 * Inputs one at a time, as folders are walked: a scan of a million files never holds the list.
 * Problems go to `diagnostics` as they are met.
 */
export async function* walkInputs(args: readonly string[], opts: InputOptions, diagnostics: Diagnostic[]): AsyncGenerator<Input> {
  // Overlapping arguments (`docs docs/a.txt`) could name a file twice; one argument cannot.
  const seen = args.length > 1 ? new Set<string>() : undefined;
  const isExcluded = excluder(opts.exclude);
  const accept = (abs: string, display: string): Input | undefined => {
    if (seen?.has(abs)) return undefined;
    seen?.add(abs);
    if (isExcluded(abs)) {
      diagnostics.push({ path: display, level: 'skipped', message: 'excluded by configuration' });
      return undefined;
    }
    return { kind: 'file', path: abs, display };
  };

  for (const arg of args) {
    if (arg === '-') {
      yield { kind: 'stdin', display: '-' };
      continue;
    }
    const abs = resolve(opts.cwd, arg);
    let s;
    try {
      s = await stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && GLOB_CHARS.test(arg)) {
        // Loaded only for glob arguments: a draft or a folder scan does not pay for it.
        const fg = ((await importModule('fast-glob')) as { default: typeof import('fast-glob') }).default;
        const matches = await fg(toPosix(arg), {
          cwd: opts.cwd,
          dot: true,
          onlyFiles: true,
          followSymbolicLinks: opts.followSymlinks === true,
          // node_modules is skipped unless the pattern itself asks for it.
          ignore: arg.includes('node_modules') ? ['**/.git/**'] : ['**/.git/**', '**/node_modules/**'],
        });
        if (matches.length === 0) diagnostics.push({ path: arg, level: 'error', message: 'no files match this pattern' });
        for (const m of matches.sort()) {
          const input = accept(resolve(opts.cwd, m), m);
          if (input) yield input;
        }
      } else {
        diagnostics.push({ path: arg, level: 'error', message: describeError(code, e) });
      }
      continue;
    }
    if (s.isDirectory()) {
      for (const [file, display] of walk(abs, arg, opts, diagnostics)) {
        const input = accept(file, display);
        if (input) yield input;
      }
    } else if (s.isFile() || s.isFIFO()) {
      const input = accept(abs, arg);
      if (input) yield input;
    } else diagnostics.push({ path: arg, level: 'error', message: 'not a regular file (device or socket)' });
  }
}

/** Every input at once, for commands that need the count first (redact decides stdout or not). */
export async function resolveInputs(args: readonly string[], opts: InputOptions): Promise<{ inputs: Input[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const inputs: Input[] = [];
  for await (const input of walkInputs(args, opts, diagnostics)) inputs.push(input);
  return { inputs, diagnostics };
}

/** A predicate for the config's and the command line's exclude patterns, each relative to its own folder. */
export function excluder(exclude: InputOptions['exclude']): (abs: string) => boolean {
  const excluded = exclude.map(({ base, patterns }) => ({ base, rules: ignore().add([...patterns]) }));
  return (abs) =>
    excluded.some(({ base, rules }) => {
      const rel = toPosix(relative(base, abs));
      return rel !== '' && !rel.startsWith('..') && rules.ignores(rel);
    });
}

export function describeError(code: string | undefined, e: unknown): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    default:
      return code ?? (e instanceof Error ? e.message : String(e));
  }
}

interface IgnoreScope {
  base: string;
  rules: Ignore;
}

/**
 * Files under `root` in sorted order, as [absolute path, display path]. Symbolic links are not
 * followed unless asked; when they are, a folder reached twice (a link loop) is skipped.
 * Synchronous: each call is short (metadata in the page cache), and awaiting thousands of them left
 * the scanning thread idle for a quarter of a second on 8,000 files, and workers waiting for work.
 */
function* walk(root: string, display: string, opts: InputOptions, diagnostics: Diagnostic[]): Generator<[string, string]> {
  const shown = (abs: string): string => {
    const rel = toPosix(relative(root, abs));
    return display === '.' ? rel : posix.join(toPosix(display), rel);
  };
  const visited = new Set<string>();
  let tracked: TrackedFiles | undefined;
  // A file git tracks is scanned whatever .gitignore says: git still commits it.
  const isTracked = (abs: string, isDir: boolean): boolean => {
    tracked ??= trackedFilesUnder(root);
    return (isDir ? tracked.folders : tracked.files).has(abs);
  };
  function* visit(dir: string, scopes: IgnoreScope[]): Generator<[string, string]> {
    if (opts.followSymlinks) {
      const real = tryOr(() => realpathSync(dir), dir);
      if (visited.has(real)) {
        diagnostics.push({ path: shown(dir) || display, level: 'skipped', message: 'symbolic link loop: folder already scanned' });
        return;
      }
      visited.add(real);
    }
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      diagnostics.push({ path: shown(dir) || display, level: 'error', message: describeError((e as NodeJS.ErrnoException).code, e) });
      return;
    }
    if (opts.gitignore && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const text = tryOr(() => readFileSync(join(dir, '.gitignore'), 'utf8'), '');
      scopes = [...scopes, { base: dir, rules: ignore().add(text) }];
    }
    const ignored = (abs: string, isDir: boolean): boolean =>
      scopes.some(({ base, rules }) => {
        const rel = toPosix(relative(base, abs));
        return rel !== '' && rules.ignores(isDir ? `${rel}/` : rel);
      }) && !isTracked(abs, isDir);
    entries.sort((a, b) => compareText(a.name, b.name));
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      let kind: 'dir' | 'file' | 'link' | 'special' = entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : entry.isSymbolicLink() ? 'link' : 'special';
      if (kind === 'link') {
        if (!opts.followSymlinks) {
          if (!ignored(abs, false)) diagnostics.push({ path: shown(abs), level: 'skipped', message: 'symbolic link not followed (--follow-symlinks follows them)' });
          continue;
        }
        const target = tryOr(() => statSync(abs), undefined);
        if (!target) {
          diagnostics.push({ path: shown(abs), level: 'skipped', message: 'broken symbolic link' });
          continue;
        }
        kind = target.isDirectory() ? 'dir' : target.isFile() ? 'file' : 'special';
      }
      if (kind === 'dir') {
        if (ALWAYS_SKIPPED.has(entry.name) || ignored(abs, true)) continue;
        yield* visit(abs, scopes);
      } else if (kind === 'file') {
        if (!ignored(abs, false)) yield [abs, shown(abs)];
      } else {
        diagnostics.push({ path: shown(abs), level: 'skipped', message: 'special file (FIFO, socket or device) not read', notScanned: true });
      }
    }
  }
  yield* visit(root, []);
}

function tryOr<T, F>(f: () => T, fallback: F): T | F {
  try {
    return f();
  } catch {
    return fallback;
  }
}
