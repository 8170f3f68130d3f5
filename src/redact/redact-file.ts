/**
 * Redacting one file safely: scan it, write the rewritten bytes to a new file, rescan that file
 * and redact again until it is clean (a placeholder can bring a context word next to a value that
 * was below the threshold), flush it to disk, and only then let the caller rename it into place
 * (safe-replace.ts). The source is never opened for writing, so any failure leaves it as it was.
 */
import type { RedactFs } from './redact-fs.js';
import type { FileRedaction, RedactJob } from './redact-job.js';
import { open as fsOpen, readFile, rename as fsRename } from 'node:fs/promises';
import type { Finding } from '../model/finding.js';
import { formatByName, sniffStreamed } from '../documents/extract.js';
import type { LocatedFinding } from '../documents/scan-document.js';
import { fileChunks } from '../sources/file-chunks.js';
import type { Input } from '../sources/inputs.js';
import { collectInput, type ScanContext } from '../run/scan-input.js';
import { Ebcdic037Decoder, encodeEbcdic037, type EncodingLabel } from '../text/decoder.js';
import { isRedactablePicture, redactPictureInto } from './image-file.js';
import { rewriteJson } from './json-rewrite.js';
import { redactDocument, RedactError } from './documents/index.js';
import { DEFAULT_LIMITS, DocumentError, type DocumentKind } from '../documents/types.js';
import { labelMasker } from '../masking/mask-labels.js';
import { planSpans, type Span } from './plan.js';
import { rewrite } from './rewrite.js';
import { tempBeside } from '../fs/replace-file.js';
import { releaseTemp, removeTemp } from '../fs/temp-files.js';
import { copyOwnerAndMode, createTemp, type OutputMeta } from './safe-replace.js';
import { replacementText, type Replacement } from './styles.js';
import { rescanJob } from './rescan.js';

export const realFs: RedactFs = { open: fsOpen, rename: fsRename };
export type { FileRedaction, RedactJob } from './redact-job.js';

/** Rescans after the first rewrite; a fourth pass that still finds something is an error. */
const MAX_ROUNDS = 3;

/**
 * Redact `src` into `dest` (a new file, created exclusively, given `meta` and flushed). `display`
 * names the source in errors, and its extension says how the file is read. On failure every file
 * this call created is removed and the error rethrown; on success `dest` stays registered as a
 * temporary file until the caller renames it into place (`releaseTemp`) or removes it.
 *
 * Documents, HTML pages and message exports are rewritten by their format's redactor
 * (src/redact/documents), other text by its bytes. The file is refused, never passed as clean,
 * when a value that `scan` reports is still there after the last pass.
 */
export async function redactInto(src: string, display: string, dest: string, metaOrMode: OutputMeta | number, job: RedactJob): Promise<FileRedaction> {
  const meta = typeof metaOrMode === 'number' ? { mode: metaOrMode } : metaOrMode;
  if (startsAsPicture(src)) return redactPictureInto(src, display, dest, meta, job);
  const structural = readByStructure(src, display);
  const first = await findingsToRedact(src, display, job, structural);
  if (first.status === 'binary') return first;
  const created: string[] = [];
  const redacted: Finding[] = [];
  // A document (Office, zip, email, PDF, picture) or a page is rewritten by its format's redactor, text by its bytes.
  const document = structural !== undefined || (first.document !== undefined && DOCUMENT_KINDS.has(first.document)) ? { name: display, notes: [] as string[] } : undefined;
  let current = src;
  let findings = first.findings;
  let notes = first.notes ?? [];
  try {
    for (let round = 0; findings.length > 0; round++) {
      if (round === MAX_ROUNDS) throw new Error('redacted output still holds findings after several passes');
      const target = round === 0 ? dest : tempBeside(dest);
      created.push(target);
      await writeRound(current, target, findings, first.encoding, meta, job, document);
      if (round > 0) {
        await job.fs.rename(target, dest);
        created.pop();
        releaseTemp(target);
      }
      for (const f of findings) redacted.push(f); // not push(...findings): a file may hold more findings than a call takes arguments
      current = dest;
      // A copy that cannot be read back (or not in time) cannot be said to be clean.
      const rescan = await findingsToRedact(dest, display, rescanJob(job), structural).catch((e: Error) => {
        throw new Error(`the redacted copy could not be read back to check it (${e.message}); not written`);
      });
      if (rescan.status !== 'scanned') throw new Error('the redacted copy could not be read back to check it; not written');
      findings = rescan.findings;
      notes = rescan.notes ?? [];
    }
  } catch (e) {
    await Promise.all(created.map((f) => removeTemp(f)));
    throw e;
  }
  const told = [...new Set(document?.notes ?? [])];
  // What the last scan (of the copy, or of the original when nothing changed) could not read.
  const unread = [...new Set(notes)];
  return { status: 'done', findings: redacted, changed: created.length > 0, ...(told.length > 0 ? { notes: told } : {}), ...(unread.length > 0 ? { unread } : {}) };
}

/** A PNG or JPEG: burnt boxes instead of rewritten text (image-file.ts). */
function startsAsPicture(path: string): boolean {
  const chunks = fileChunks(path);
  const first = chunks.next();
  chunks.return(undefined); // closes the file
  return !first.done && isRedactablePicture(first.value);
}

/**
 * What redaction rewrites in a file (and `--dry-run` lists): the findings in its bytes, and for
 * an HTML page or a message export (a phone backup, a chat) also what `scan` reads in it, since
 * it is rewritten through its format's redactor.
 */
export async function findingsToRedact(path: string, display: string, job: Pick<RedactJob, 'ctx'>, structural = readByStructure(path, display)) {
  const bytes = await scanPath(path, display, { ...job.ctx, structured: planStructure(display) });
  if (!structural || bytes.status !== 'scanned') return bytes;
  const read = await scanPath(path, display, { ...job.ctx, structured: 'all' });
  const seen = new Set(read.findings.map((f) => `${f.ruleId}\u0000${f.value}`));
  // A chat's notes are about media outside the text (not in the copy either); a backup's about parts inside it.
  const inside = structural !== 'whatsapp' && read.status === 'scanned' ? (read.notes ?? []) : [];
  const notes = [...(bytes.notes ?? []), ...inside];
  return { ...bytes, notes, findings: [...read.findings, ...bytes.findings.filter((f) => !seen.has(`${f.ruleId}\u0000${f.value}`))] };
}

/** The format a file is rewritten by its structure in (an HTML page, a phone backup, a chat export), if any. */
function readByStructure(path: string, display: string): 'html' | DocumentKind | undefined {
  if (formatByName(display) === 'html') return 'html';
  const chunks = fileChunks(path);
  const head = chunks.next();
  chunks.return(undefined); // closes the file
  return head.done ? undefined : sniffStreamed(head.value, display);
}

/** Kinds read as documents, held whole: rewritten through the document redactor registry (src/redact/documents). */
const DOCUMENT_KINDS: ReadonlySet<string> = new Set(['zip', 'docx', 'xlsx', 'pptx', 'eml', 'pdf', 'image', 'cfb']);

/** JSON is planned by its structure (its findings say which value holds them); other files by their bytes (CSV findings are placed exactly). */
function planStructure(display: string): 'all' | 'csv' {
  return formatByName(display) === 'json' ? 'all' : 'csv';
}

async function scanPath(path: string, display: string, ctx: ScanContext) {
  const input: Input = { kind: 'file', path, display };
  const r = await collectInput(input, fileChunks(path), ctx);
  if (r.status === 'error') throw new Error(r.message);
  // A derived finding (PROFILE, WATCHLIST_MATCH) lies on a finding of its own: that one is rewritten, in its own style.
  const derived = new Set(ctx.ruleSet.rules.filter((rule) => rule.def.derived).map((rule) => rule.def.id));
  return derived.size === 0 ? r : { ...r, findings: r.findings.filter((f) => !derived.has(f.ruleId)) };
}

/** One pass: `src` rewritten into the new file `dest`. Every finding must land on bytes of the file, or the file is refused. */
async function writeRound(
  src: string,
  dest: string,
  findings: LocatedFinding[],
  encoding: EncodingLabel,
  meta: OutputMeta,
  job: RedactJob,
  document?: { name: string; notes: string[] },
): Promise<void> {
  const render = (original: string, r: Replacement) => replacementText(original, r, job.pseudonym);
  if (document) {
    const labels = labelMasker(job.ctx.ruleSet, job.ctx.settings, job.ctx.minConfidence);
    // The document's own locations (the reported ones have their labels masked).
    const own = findings.map((f) => ({ ...f, location: f.unmaskedLocation ?? f.location }));
    let out;
    try {
      out = await redactDocument(await readFile(src), document.name, own, { replacementFor: job.replacementFor, render, limits: job.ctx.documentLimits ?? DEFAULT_LIMITS });
    } catch (e) {
      // Entry and attachment names are the document's content: masked as a report masks them.
      if (e instanceof RedactError || e instanceof DocumentError) throw new Error(labels.text(e.message));
      throw e;
    }
    document.notes.push(...out.notes.map(labels.text));
    return writeTemp(dest, meta, job, [Buffer.from(out.bytes.buffer, out.bytes.byteOffset, out.bytes.byteLength)]);
  }
  if (findings.some((f) => f.location?.kind === 'json')) {
    const bytes = await readFile(src);
    const text = bytes.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(bytes)) throw new Error('JSON that is not valid UTF-8 cannot be rewritten without changing other bytes');
    const out = rewriteJson(text, findings, job.replacementFor, render);
    if (out.unplaced > 0) throw new Error(`${out.unplaced} of the findings could not be placed in the JSON text`);
    return writeTemp(dest, meta, job, [Buffer.from(out.text, 'utf8')]);
  }
  const unplaced = findings.filter((f) => f.location !== undefined && f.location.kind !== 'csv' && f.location.kind !== 'text').length;
  if (unplaced > 0) throw new Error(`${unplaced} of the findings could not be placed in the file's bytes`);
  const spans = planSpans(findings, job.replacementFor);
  const renderBytes = (span: Span, original: Buffer): Buffer => encode(render(decode(original, encoding), span), encoding);
  return writeTemp(dest, meta, job, rewrite(fileChunks(src), spans, renderBytes));
}

/** Bytes gathered before each write of a redacted file. */
const WRITE_BATCH = 1 << 16;

/** Create `dest` exclusively (0600), write `pieces`, give it `meta`, flush it to disk. */
async function writeTemp(dest: string, meta: OutputMeta, job: RedactJob, pieces: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<void> {
  const out = await createTemp(dest, job.fs);
  try {
    // Pieces are gathered into large writes: a write per piece (two per value) made a file with
    // 200,000 findings take 20 s, most of it in system calls.
    let batch: Buffer[] = [];
    let size = 0;
    for await (const piece of pieces) {
      batch.push(piece);
      size += piece.length;
      if (size >= WRITE_BATCH) {
        await out.write(Buffer.concat(batch, size));
        batch = [];
        size = 0;
      }
    }
    if (size > 0) await out.write(Buffer.concat(batch, size));
    copyOwnerAndMode(out, meta);
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
