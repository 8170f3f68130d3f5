/**
 * What the build's saved files (the rules snapshot, the saved prefilter) were made from: the code
 * that made them and the rule files. A file whose stamp differs from the running code's, or whose
 * content is not what its stamp says, is set aside and the rules are compiled from rules/.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../runtime/version.js';

/** Set by the bundle (scripts/bundle.mjs): the digest of the compiled modules it was made from. */
declare const PII_SCAN_CODE_DIGEST: string | undefined;

const sha256 = (parts: readonly (string | Uint8Array)[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? `${p.length}:${p}` : p);
  return h.digest('hex');
};

/** Digest of named contents (sorted by name), each name and length included. */
export function digestOf(files: readonly { name: string; bytes: Uint8Array }[]): string {
  return sha256([...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).flatMap((f) => [f.name, String(f.bytes.length), f.bytes]));
}

/**
 * The compiled modules under `dist` (tsc's `.js` output, not the bundles made from it): what the
 * build stamps its saved files with, and what unbundled code compares them with.
 */
export function compiledCodeDigest(dist: string): string {
  const files = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return { name: relative(dist, path).split('\\').join('/'), bytes: readFileSync(path) };
    });
  return digestOf(files);
}

let running: string | undefined;

/** The running code's version and digest (the bundle's own, or that of the compiled modules beside this one). */
export function codeVersion(): string {
  running ??= `${VERSION}+${typeof PII_SCAN_CODE_DIGEST === 'string' ? PII_SCAN_CODE_DIGEST : compiledCodeDigest(fileURLToPath(new URL('../', import.meta.url)))}`;
  return running;
}

/** What a saved file records about its making. */
export interface BuildStamp {
  /** codeVersion() of the code that wrote it. */
  code: string;
  /** Digest of what it was made from (the rule files; the prefilter's patterns). */
  inputs: string;
}

const MAGIC = 'pii-scan saved 1 ';

/** A saved file: one header line (its stamp, its body's length and digest), then the body. */
export function frameSaved(stamp: BuildStamp, body: Uint8Array): Buffer {
  const header = { code: stamp.code, inputs: stamp.inputs, length: body.length, sha256: createHash('sha256').update(body).digest('hex') };
  return Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8'), body]);
}

/**
 * The body of a saved file, if it is whole and was made by this code (and, when `inputs` is given,
 * from those inputs); else why it is set aside.
 */
export function readSaved(bytes: Buffer, expect: { code: string; inputs?: string }): { body: Buffer } | { problem: string } {
  const end = bytes.indexOf(0x0a);
  const line = end < 0 ? '' : bytes.subarray(0, end).toString('utf8');
  if (!line.startsWith(MAGIC)) return { problem: 'not a file this build writes (truncated or damaged)' };
  let header: Partial<BuildStamp & { length: number; sha256: string }>;
  try {
    header = JSON.parse(line.slice(MAGIC.length)) as typeof header;
  } catch {
    return { problem: 'its header is damaged' };
  }
  if (header.code !== expect.code) return { problem: 'made by another build of pii-scan' };
  if (expect.inputs !== undefined && header.inputs !== expect.inputs) return { problem: 'made from other rule files' };
  const body = bytes.subarray(end + 1);
  if (body.length !== header.length) return { problem: `truncated or damaged (${body.length} of ${header.length ?? '?'} bytes)` };
  if (createHash('sha256').update(body).digest('hex') !== header.sha256) return { problem: 'damaged (its content does not match its digest)' };
  return { body };
}
