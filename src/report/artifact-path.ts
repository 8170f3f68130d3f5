/**
 * A reported path as CI tools want it. Findings carry paths as shown to the user (relative to the
 * working folder, `../x` from a subfolder, or absolute); SARIF and GitLab resolve paths from the
 * repository root, so a report names each file relative to that root, and only a file outside it
 * by its absolute path.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the reported paths start from (the working folder) and the root they are reported relative to. */
export interface PathBase {
  cwd: string;
  root: string;
}

/** `dir/a.txt` relative to the root; undefined for standard input or a file outside the root. */
export function rootRelative(path: string, base: PathBase | undefined): string | undefined {
  if (path === '-') return undefined;
  if (!base) return isAbsolute(path) || path === '..' || path.startsWith('../') ? undefined : path;
  const rel = relative(base.root, resolve(base.cwd, path));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** The absolute path of a reported path. */
export function absolutePath(path: string, base: PathBase | undefined): string {
  return resolve(base?.cwd ?? '.', path);
}

/** A relative path as a URI reference: encodeURI leaves `#` and `?`, which would start a fragment or query. */
export function relativeUri(path: string): string {
  return encodeURI(path).replace(/[#?]/g, (c) => encodeURIComponent(c));
}

/** A folder as a file URI ending in `/`, as SARIF's originalUriBaseIds must. */
export function folderUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** A file's absolute path as a file URI. */
export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}
