/**
 * Redacting one file safely: scan it, write the rewritten bytes to a new file, rescan that file
 * and redact again until it is clean (a placeholder can bring a context word next to a value that
 * was below the threshold), flush it to disk, and only then let the caller rename it into place.
 * The source is never opened for writing, so any failure leaves it as it was.
 */
import { open as fsOpen, rename as fsRename, stat, unlink } from 'node:fs/promises';
import type { Finding } from '../engine/types.js';
import { fileChunks } from '../sources/file-chunks.js';
import type { Input } from '../sources/inputs.js';
import { collectInput, type ScanContext } from '../run/scan-input.js';
import { Ebcdic037Decoder, encodeEbcdic037, type EncodingLabel } from '../text/decoder.js';
import { planSpans, type Span } from './plan.js';
import { rewrite } from './rewrite.js';
import { replacementText, type Pseudonymizer, type Replacement } from './styles.js';

/** File operations that tests replace to simulate a full disk or a read-only folder. */
export interface RedactFs {
  open: typeof fsOpen;
  rename: typeof fsRename;
}

export const realFs: RedactFs = { open: fsOpen, rename: fsRename };

export interface RedactJob {
  ctx: ScanContext;
  replacementFor: (f: Finding) => Replacement;
  pseudonym?: Pseudonymizer;
  fs: RedactFs;
}

export type FileRedaction =
  | { status: 'binary'; reason: string }
  /** `changed: false`: nothing to redact and `dest` was not created. */
  | { status: 'done'; findings: Finding[]; changed: boolean };

/** Rescans after the first rewrite; a fourth pass that still finds something is an error. */
const MAX_ROUNDS = 3;

/**
 * Redact `src` into `dest` (a new file, created exclusively with `mode`). `display` names the
 * source in errors. On failure every file this call created is removed and the error rethrown.
 */
export async function redactInto(src: string, display: string, dest: string, mode: number, job: RedactJob): Promise<FileRedaction> {
  const first = await scanPath(src, display, job.ctx);
  if (first.status === 'binary') return first;
  if (first.findings.length === 0) return { status: 'done', findings: [], changed: false };
  const before = await stat(src);
  const created: string[] = [];
  const redacted: Finding[] = [];
  let current = src;
  let findings = first.findings;
  try {
    for (let round = 0; findings.length > 0; round++) {
      if (round === MAX_ROUNDS) throw new Error('redacted output still holds findings after several passes');
      const target = round === 0 ? dest : `${dest}.${round}`;
      created.push(target);
      await writeRewritten(current, target, mode, planSpans(findings, job.replacementFor), first.encoding, job);
      if (round === 0) {
        const after = await stat(src);
        if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) throw new Error('the file changed while it was being redacted');
      } else {
        await job.fs.rename(target, dest);
      }
      for (const f of findings) redacted.push(f); // not push(...findings): a file may hold more findings than a call takes arguments
      current = dest;
      const rescan = await scanPath(dest, display, job.ctx);
      findings = rescan.status === 'scanned' ? rescan.findings : [];
    }
  } catch (e) {
    await Promise.all(created.map((f) => unlink(f).catch(() => {})));
    throw e;
  }
  return { status: 'done', findings: redacted, changed: true };
}

async function scanPath(path: string, display: string, ctx: ScanContext) {
  const input: Input = { kind: 'file', path, display };
  const r = await collectInput(input, fileChunks(path), ctx);
  if (r.status === 'error') throw new Error(r.message);
  return r;
}

/** Bytes gathered before each write of a redacted file. */
const WRITE_BATCH = 1 << 16;

async function writeRewritten(src: string, dest: string, mode: number, spans: Span[], encoding: EncodingLabel, job: RedactJob): Promise<void> {
  const out = await job.fs.open(dest, 'wx', mode);
  try {
    const render = (span: Span, original: Buffer): Buffer =>
      encode(replacementText(decode(original, encoding), span, job.pseudonym), encoding);
    // Pieces are gathered into large writes: a write per piece (two per value) made a file with
    // 200,000 findings take 20 s, most of it in system calls.
    let batch: Buffer[] = [];
    let size = 0;
    for await (const piece of rewrite(fileChunks(src), spans, render)) {
      batch.push(piece);
      size += piece.length;
      if (size >= WRITE_BATCH) {
        await out.write(Buffer.concat(batch, size));
        batch = [];
        size = 0;
      }
    }
    if (size > 0) await out.write(Buffer.concat(batch, size));
    await out.sync();
  } finally {
    await out.close();
  }
}

function decode(bytes: Buffer, encoding: EncodingLabel): string {
  if (encoding === 'utf-8') return bytes.toString('utf8');
  if (encoding === 'ibm037') return new Ebcdic037Decoder().decode(bytes).text;
  return encoding === 'utf-16le' ? bytes.toString('utf16le') : Buffer.from(bytes).swap16().toString('utf16le');
}

function encode(text: string, encoding: EncodingLabel): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'ibm037') return encodeEbcdic037(text);
  const le = Buffer.from(text, 'utf16le');
  return encoding === 'utf-16le' ? le : le.swap16();
}
