/**
 * The files git tracks under a folder, for a folder walk that honours `.gitignore`: git keeps
 * tracking a file that a `.gitignore` written later matches, and commits its changes, so the walk
 * must still scan it. Asked once per walked folder, and only when a `.gitignore` rule first excludes
 * something (most trees never pay for it).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';

export interface TrackedFiles {
  files: ReadonlySet<string>;
  /** Every folder that holds a tracked file, at any depth. */
  folders: ReadonlySet<string>;
}

const NONE: TrackedFiles = { files: new Set(), folders: new Set() };

/**
 * Absolute paths of the files the index holds under `dir` (`git ls-files`, so a `git add`ed new
 * file counts, and inside a hook the commit's own index), or none outside a work tree or without git.
 */
export function trackedFilesUnder(dir: string): TrackedFiles {
  const r = spawnSync('git', ['ls-files', '-z', '--cached', '--', '.'], { cwd: dir, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  if (r.status !== 0 || !r.stdout) return NONE;
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const rel of r.stdout.toString('utf8').split('\0')) {
    if (rel === '') continue;
    const abs = join(dir, rel);
    files.add(abs);
    for (let d = dirname(abs); d.length > dir.length && !folders.has(d); d = dirname(d)) folders.add(d);
  }
  return { files, folders };
}
