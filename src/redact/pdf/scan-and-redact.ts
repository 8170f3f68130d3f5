/**
 * A PDF scanned, redacted and rescanned until clean, in memory: the entry point for tests and
 * for a caller that has no findings yet. The output is refused (an error) if a rescan still
 * finds something after a few passes.
 */
import type { LocatedFinding } from '../../documents/scan-document.js';
import { collectInput, type ScanContext } from '../../run/scan-input.js';
import { redactPdf, type PdfRedaction, type PdfRedactOptions } from './redact-pdf.js';

const MAX_ROUNDS = 3;
const NAME = 'document.pdf';

export async function scanAndRedactPdf(bytes: Uint8Array, ctx: ScanContext, options: PdfRedactOptions = {}): Promise<PdfRedaction & { findings: LocatedFinding[] }> {
  let findings = await scanPdf(bytes, ctx);
  const redacted: LocatedFinding[] = [];
  let current: PdfRedaction = { bytes, notes: [], replacedPages: [] };
  const notes: string[] = [];
  const replaced = new Set<number>();
  for (let round = 0; findings.length > 0 || (round === 0 && options.boxes); round++) {
    if (round === MAX_ROUNDS) throw new Error('redacted PDF still holds findings after several passes');
    current = await redactPdf(current.bytes, findings, round === 0 ? options : { ...options, boxes: undefined });
    for (const f of findings) redacted.push(f);
    notes.push(...current.notes);
    for (const p of current.replacedPages) replaced.add(p);
    findings = await scanPdf(current.bytes, ctx);
  }
  return { bytes: current.bytes, notes, replacedPages: [...replaced].sort((a, b) => a - b), findings: redacted };
}

async function scanPdf(bytes: Uint8Array, ctx: ScanContext): Promise<LocatedFinding[]> {
  const r = await collectInput({ kind: 'file', path: NAME, display: NAME }, [bytes], ctx);
  if (r.status === 'error') throw new Error(r.message);
  if (r.status === 'binary' || r.document !== 'pdf') throw new Error('not read as a PDF');
  return r.findings;
}
