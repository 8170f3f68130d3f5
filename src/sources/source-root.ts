/**
 * The root that CI tools resolve a report's paths against: the git work tree holding the working
 * folder (code scanning and GitLab resolve paths from the repository's root), else the folder itself.
 * Found by looking for `.git` (a folder, or the file of a linked worktree or submodule) upwards.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function sourceRoot(cwd: string): string {
  const start = resolve(cwd);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}
