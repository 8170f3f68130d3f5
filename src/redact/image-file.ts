/**
 * Redacting a picture file (PNG, JPEG): scan it as `scan` does (OCR, each finding at its words'
 * box), burn a box over each finding (image.ts) and OCR the copy again: what is still found is
 * burnt too, up to MAX_ROUNDS, and a copy that is still not clean, or that cannot be read back, is
 * refused. Only a clean copy is written to `dest`. Metadata findings (EXIF GPS) are removed by re-encoding; the
 * rescan checks that too. Any other finding with no box is refused: it could not be placed.
 */
import { readFile } from 'node:fs/promises';
import type { Finding } from '../model/finding.js';
import type { LocatedFinding } from '../documents/scan-document.js';
import { pictureFormat } from '../documents/image-decode.js';
import { collectInput } from '../run/scan-input.js';
import { removeTemp } from '../fs/temp-files.js';
import { redactImage, type PixelBox } from './image.js';
import type { FileRedaction, RedactJob } from './redact-job.js';
import { rescanJob } from './rescan.js';
import { copyOwnerAndMode, createTemp, type OutputMeta } from './safe-replace.js';

const MAX_ROUNDS = 3;

/** Whether a file's first bytes are a picture redactImage rewrites (other pictures are refused as documents). */
export function isRedactablePicture(head: Uint8Array): boolean {
  const format = pictureFormat(head);
  return format === 'png' || format === 'jpeg';
}

export async function redactPictureInto(src: string, display: string, dest: string, meta: OutputMeta, job: RedactJob): Promise<FileRedaction> {
  // The file's bytes are scanned as read (a picture is held whole anyway), and each redacted copy in memory.
  const scan = async (bytes: Uint8Array, ctx = job.ctx) => {
    const r = await collectInput({ kind: 'file', path: src, display }, [bytes], ctx);
    if (r.status === 'error') throw new Error(r.message);
    return r;
  };
  let bytes: Uint8Array = await readFile(src);
  const first = await scan(bytes);
  if (first.status === 'binary') return first; // not read (too small, OCR off): said as not redacted
  if (first.findings.length === 0) return { status: 'done', findings: [], changed: false };
  const redacted: Finding[] = [...first.findings];
  let findings: LocatedFinding[] = first.findings;
  for (let round = 0; findings.length > 0; round++) {
    if (round === MAX_ROUNDS) throw new Error('the redacted picture still shows findings after several passes');
    bytes = await redactImage(bytes, boxesOf(findings));
    const again = await scan(bytes, rescanJob(job).ctx);
    if (again.status === 'binary') throw new Error(`the redacted picture could not be read back to check it (${again.reason})`);
    findings = again.findings;
    for (const f of findings) redacted.push(f);
  }
  await writeNew(dest, bytes, meta, job);
  return { status: 'done', findings: redacted, changed: true };
}

/** Each finding's box; metadata findings have none (re-encoding drops them); any other finding without one cannot be placed. */
export function boxesOf(findings: readonly Pick<LocatedFinding, 'entity' | 'location' | 'unmaskedLocation'>[]): PixelBox[] {
  const boxes: PixelBox[] = [];
  for (const f of findings) {
    const loc = f.unmaskedLocation ?? f.location;
    if (loc?.kind === 'image' && loc.box) boxes.push(loc.box);
    else if (!(loc?.kind === 'image' && loc.metadata)) throw new Error(`a finding (${f.entity}) could not be placed in the picture`);
  }
  return boxes;
}

/** `dest` created exclusively, written, given `meta`, flushed; removed if any of that fails. */
async function writeNew(dest: string, bytes: Uint8Array, meta: OutputMeta, job: RedactJob): Promise<void> {
  const out = await createTemp(dest, job.fs);
  try {
    await out.write(bytes, 0, bytes.length, 0);
    copyOwnerAndMode(out, meta);
    await out.sync();
    await out.close();
  } catch (e) {
    await out.close().catch(() => {});
    await removeTemp(dest);
    throw e;
  }
}
