import type { open as fsOpen, rename as fsRename } from 'node:fs/promises';

/** File operations that tests replace to simulate a full disk or a read-only folder. */
export interface RedactFs {
  open: typeof fsOpen;
  rename: typeof fsRename;
}
