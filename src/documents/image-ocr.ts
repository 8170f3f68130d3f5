/**
 * The OCR engine: tesseract.js (Tesseract compiled to WebAssembly) with the English model of
 * @tesseract.js-data/eng, both read from node_modules. Nothing is fetched and nothing is written:
 * the model's folder is given as a local path (the default is a CDN), and its cache is off (the
 * default writes eng.traineddata into the current folder). One worker per process (per scan
 * thread), created on the first image; it holds the process open only while it reads one, so a
 * scan exits without being told to end it (closeOcr does, for a library user or a test). What it
 * read is kept by content hash for the rest of the process.
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { importModule } from '../runtime/import-module.js';

/** A line of text OCR read, with its box in the picture's pixels. */
export interface OcrLine {
  text: string;
  box: PixelBox;
  /** The block (a column, a form box) the line is in: lines of one block are read together. */
  block: number;
  /** How sure the engine is of the line, 0..100. */
  confidence: number;
  /** Each word's place in `text` (UTF-16, end exclusive) and its box: a finding's own box is its words'. */
  words: OcrWord[];
}

export interface OcrWord {
  start: number;
  end: number;
  box: PixelBox;
}

export interface PixelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Bbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TesseractWorker {
  worker: { ref(): void; unref(): void };
  setParameters(p: Record<string, string>): Promise<unknown>;
  recognize(image: Buffer, opts: object, output: object): Promise<{ data: { blocks: { paragraphs: { lines: { text: string; bbox: Bbox; confidence: number; words: { text: string; bbox: Bbox }[] }[] }[] }[] | null } }>;
  terminate(): Promise<unknown>;
}
interface Tesseract {
  createWorker(langs: string, oem: number, options: object): Promise<TesseractWorker>;
  OEM: { LSTM_ONLY: number };
  PSM: { AUTO: string };
}
interface EngData {
  langPath: string;
  gzip: boolean;
}

let engine: Promise<TesseractWorker> | undefined;
let busy = 0;

function start(): Promise<TesseractWorker> {
  engine ??= (async () => {
    const lib = (await importModule('tesseract.js')) as Tesseract & { default?: Tesseract };
    const tesseract = lib.default ?? lib;
    const eng = (await importModule('@tesseract.js-data/eng')) as EngData & { default?: EngData };
    const data = eng.default ?? eng;
    const worker = await tesseract.createWorker('eng', tesseract.OEM.LSTM_ONLY, {
      // The package's integer model beside its full one: the one tesseract.js itself takes for LSTM.
      langPath: join(dirname(data.langPath), '4.0.0_best_int'),
      gzip: data.gzip,
      cacheMethod: 'none',
      // A picture it cannot decode rejects the job; without a handler tesseract.js also throws it uncaught.
      errorHandler: () => {},
    });
    // AUTO: the default reads the page as one block, and drops values in boxes of a form.
    // debug_file: Tesseract's own messages (its resolution estimate) go nowhere, not to stderr.
    await worker.setParameters({ tessedit_pageseg_mode: tesseract.PSM.AUTO, debug_file: '/dev/null' });
    return worker;
  })();
  return engine;
}

/**
 * What was read, by the picture's content (SHA-256 of its bytes): the same attachment met again in a
 * run (a draft checked twice, a picture in a zip and in a mail) is not read again. Held for the
 * process, up to CACHED pictures, the oldest dropped first.
 */
const cache = new Map<string, Promise<OcrLine[]>>();
const CACHED = 256;

/** The lines of text in a picture (PNG, JPEG, GIF, WebP, BMP); throws when it cannot be decoded. */
export function readImageText(bytes: Uint8Array): Promise<OcrLine[]> {
  const key = createHash('sha256').update(bytes).digest('base64');
  const known = cache.get(key);
  if (known) return known;
  const reading = recognize(bytes);
  cache.set(key, reading);
  if (cache.size > CACHED) cache.delete(cache.keys().next().value!);
  // A failure is not kept: a picture stopped by a deadline may be read in full next time.
  reading.catch(() => cache.delete(key));
  return reading;
}

async function recognize(bytes: Uint8Array): Promise<OcrLine[]> {
  busy++;
  let worker: TesseractWorker | undefined;
  try {
    const started = start();
    worker = await started;
    // Ended while it started (a deadline passed): a job sent now would fail where no one catches it.
    if (engine !== started) throw new Error('OCR ended');
    worker.worker.ref();
    const { data } = await worker.recognize(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {}, { text: false, blocks: true });
    const lines: OcrLine[] = [];
    (data.blocks ?? []).forEach((block, b) => {
      for (const p of block.paragraphs) {
        for (const l of p.lines) {
          const text = l.text.replace(/\s+$/, '');
          if (text.trim()) lines.push({ text, block: b, confidence: l.confidence, box: boxOf(l.bbox), words: placeWords(text, l.words) });
        }
      }
    });
    return lines;
  } catch (e) {
    throw new Error(typeof e === 'string' ? e : (e as Error).message);
  } finally {
    if (--busy === 0) worker?.worker.unref();
  }
}

const boxOf = (b: Bbox): PixelBox => ({ x: b.x0, y: b.y0, w: b.x1 - b.x0, h: b.y1 - b.y0 });

/** The words of a line at their places in its text (the line's text is its words with spaces between). */
function placeWords(text: string, words: readonly { text: string; bbox: Bbox }[]): OcrWord[] {
  const placed: OcrWord[] = [];
  let from = 0;
  for (const w of words) {
    const start = text.indexOf(w.text, from);
    if (start < 0 || !w.text) continue;
    placed.push({ start, end: start + w.text.length, box: boxOf(w.bbox) });
    from = start + w.text.length;
  }
  return placed;
}

/** Ends the OCR worker, if one was started. */
export async function closeOcr(): Promise<void> {
  const running = engine;
  engine = undefined;
  busy = 0; // a job the ended worker held never settles
  if (running) await (await running).terminate();
}
