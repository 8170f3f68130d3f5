/** One input, start to finish: open it, scan it, apply the threshold and the allow-list. */
import type { DocumentKind } from '../model/location.js';
import type { Diagnostic } from '../model/scan.js';
import { dirname } from 'node:path';
import type { ProjectConfig } from '../config/config-file.js';
import type { RuleSet } from '../engine/ruleset.js';
import type { ScanSettings } from '../model/finding.js';
import { reportFilter, type FilterCounts } from '../filters/filters.js';
import { describeError, resolveInputs, walkInputs, type Input, type InputOptions, type ScanInput } from '../sources/inputs.js';
import type { EncodingLabel } from '../text/decoder.js';
import { fileChunks } from '../sources/file-chunks.js';
import { scanStream } from './scan-stream.js';
import { scanDocument, type LocatedFinding } from '../documents/scan-document.js';
import { DocumentError, type Limits } from '../documents/types.js';
import { formatByName } from '../documents/extract.js';
import { labelMasker, type LabelMasker } from '../masking/mask-labels.js';
import { PROFILE_RULE_ID, ProfileFinder } from '../filters/profile.js';
import { watchlistFinding, type WatchList } from '../filters/watchlist.js';


export interface ScanContext {
  ruleSet: RuleSet;
  settings: ScanSettings;
  minConfidence: number;
  /** Normalised allow-listed values. */
  allow: ReadonlySet<string>;
  /** Limits for documents (tests lower them). */
  documentLimits?: Limits;
  /**
   * Read files named .csv/.tsv (`csv`), and also .json/.html (`all`), by their structure (cells
   * with their headers, key paths, visible text) instead of as plain text. Redaction uses `csv`:
   * it rewrites the file's own bytes, and only CSV findings are placed in them exactly.
   */
  structured?: 'all' | 'csv';
  /**
   * Honour `pii-scan:allow` comments in files and staged blobs read as plain text (scan, hook,
   * baseline, redact). Off for the send guard; never for stdin or documents (see suppression.ts).
   */
  inlineAllow?: boolean;
  /** Values that must never leave (`--watchlist`): a finding of one is also a WATCHLIST_MATCH. */
  watchlist?: WatchList;
}

export type InputResult =
  | ({ status: 'scanned'; bytes: number; encoding: EncodingLabel; document?: DocumentKind; notes?: string[] } & FilterCounts)
  | { status: 'binary'; reason: string }
  | { status: 'error'; message: string };

/** Bytes of one input, chunk by chunk; a chunk may be overwritten once the next is asked for. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export function openInput(input: ScanInput, stdin: AsyncIterable<Uint8Array>): ByteSource {
  switch (input.kind) {
    case 'stdin':
      return stdin;
    case 'git-blob':
      return input.blobs.open(input.oid);
    default:
      return fileChunks(input.path, true); // scanStream copies what it keeps
  }
}

/** `source` with `seen` told the size of each chunk as it is read (progress inside a large file). */
export async function* counted(source: ByteSource, seen: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    seen(chunk.byteLength);
    yield chunk;
  }
}

const SOURCE_NAME: Record<ScanInput['kind'], string> = { stdin: 'standard input', file: 'file', 'git-blob': 'staged file' };

/** Scan one input; each finding at or above the threshold and not allow-listed goes to `emit`, in order. */
export async function scanInput(input: ScanInput, source: ByteSource, ctx: ScanContext, emitFound: (f: LocatedFinding) => void): Promise<InputResult> {
  // Every finding, note and document error of an input leaves here: labels from inside the document are masked once, for every sink.
  const labels = maskerOf(ctx);
  // A name in one record with an address or an identifier is a profile, added after its record.
  const out = (f: LocatedFinding) => emitFound(maskedLocation(f, labels));
  const { watchlist } = ctx;
  const watched = !watchlist
    ? out
    : (f: LocatedFinding) => {
        out(f);
        if (watchlist.matches(f)) out(watchlistFinding(f));
      };
  const profiles = new ProfileFinder<LocatedFinding>(watched, ctx.ruleSet.rules.some((r) => r.def.id === PROFILE_RULE_ID));
  try {
    return await scanOne(input, source, ctx, labels, (f) => profiles.offer(f));
  } finally {
    profiles.end();
  }
}

async function scanOne(input: ScanInput, source: ByteSource, ctx: ScanContext, labels: LabelMasker, emit: (f: LocatedFinding) => void): Promise<InputResult> {
  const counts: FilterCounts = { belowThreshold: 0, allowListed: 0, suppressed: 0 };
  const reported = reportFilter(ctx.minConfidence, ctx.allow, counts);
  let result;
  try {
    result = await scanStream(
      source,
      ctx.ruleSet,
      ctx.settings,
      (f) => {
        if (reported(f)) emit(f);
      },
      {
        documents: true,
        name: input.display,
        minConfidence: ctx.minConfidence,
        // A file named as data (CSV, JSON, HTML) is data however it is read this time.
        inlineAllow: ctx.inlineAllow === true && input.kind !== 'stdin' && formatByName(input.display) === undefined,
        ...(ctx.documentLimits ? { maxDocumentBytes: ctx.documentLimits.maxDocumentBytes } : {}),
        ...(ctx.structured && input.kind !== 'stdin' ? { format: structuredFormat(input.display, ctx.structured) } : {}),
        // Message exports are read as threads for a report; redaction rewrites the file's bytes and reads them as text.
        ...(ctx.structured === 'all' ? { exports: true, ...(ctx.documentLimits ? { limits: ctx.documentLimits } : {}) } : {}),
      },
    );
    if (result.status === 'document') {
      // Findings are held until the whole document is read: a corrupt one reports an error, not half its findings.
      const found: LocatedFinding[] = [];
      const doc = await scanDocument(result.content, ctx.ruleSet, ctx.settings, (f) => {
        if (reported(f)) found.push(f);
      }, ctx.documentLimits, result.format, input.display);
      if (doc === undefined) {
        // Named JSON that does not parse: the text it is.
        const plain = await scanStream([result.content], ctx.ruleSet, ctx.settings, (f) => {
          if (reported(f)) emit(f);
        });
        if (plain.status === 'binary') return plain;
        if (plain.status === 'scanned') return { status: 'scanned', bytes: result.bytes, encoding: plain.encoding, ...counts };
        throw new Error('unreachable');
      }
      // A picture that was not read (--no-ocr, or OCR could not read it) is an input not scanned, not a document scanned.
      if (doc.kind === 'image' && doc.segments === 0 && doc.notes.length > 0) return { status: 'binary', reason: labels.text(doc.notes[0]!) };
      for (const f of found) emit(f);
      return { status: 'scanned', bytes: result.bytes, encoding: 'utf-8', document: doc.kind, notes: doc.notes.map(labels.text), ...counts };
    }
  } catch (e) {
    if (e instanceof DocumentError) return { status: 'error', message: labels.text(e.message) };
    const code = (e as NodeJS.ErrnoException).code;
    return { status: 'error', message: `cannot read ${SOURCE_NAME[input.kind]}: ${describeError(code, e)}` };
  }
  if (result.status === 'binary') return result;
  counts.belowThreshold += result.belowThreshold;
  const document = result.document ? { document: result.document, notes: result.notes ?? [] } : {};
  return { status: 'scanned', bytes: result.bytes, encoding: result.encoding, ...document, ...counts };
}

const maskers = new WeakMap<ScanContext, LabelMasker>();
const maskerOf = (ctx: ScanContext): LabelMasker => {
  let m = maskers.get(ctx);
  if (!m) maskers.set(ctx, (m = labelMasker(ctx.ruleSet, ctx.settings, ctx.minConfidence)));
  return m;
};

/** The finding with its location's labels masked; the raw location is kept beside it for --show-values. */
function maskedLocation(f: LocatedFinding, labels: LabelMasker): LocatedFinding {
  if (!f.location) return f;
  const location = labels.location(f.location);
  return location === f.location ? f : { ...f, location, unmaskedLocation: f.location };
}

function structuredFormat(name: string, which: 'all' | 'csv') {
  const format = formatByName(name);
  return which === 'all' || format === 'csv' || format === 'tsv' ? format : undefined;
}

/** `scanInput` with the findings gathered, for callers that need them all (redaction plans one file). */
export async function collectInput(input: ScanInput, source: ByteSource, ctx: ScanContext): Promise<InputResult & { findings: LocatedFinding[] }> {
  const findings: LocatedFinding[] = [];
  const r = await scanInput(input, source, ctx, (f) => findings.push(f));
  return { ...r, findings };
}

export interface InputChoice {
  inputs: readonly string[];
  cwd: string;
  config: ProjectConfig;
  gitignore: boolean;
  exclude: readonly string[];
  followSymlinks?: boolean;
}

/** The config's excludes (relative to the config) and the command line's (relative to cwd). */
export function excludeLists(opts: Pick<InputChoice, 'config' | 'cwd' | 'exclude'>): InputOptions['exclude'] {
  return [
    { base: opts.config.file ? dirname(opts.config.file) : opts.cwd, patterns: opts.config.exclude },
    { base: opts.cwd, patterns: opts.exclude },
  ];
}

function inputOptions(opts: InputChoice): InputOptions {
  return { cwd: opts.cwd, gitignore: opts.gitignore, exclude: excludeLists(opts), followSymlinks: opts.followSymlinks === true };
}

/** Arguments → inputs, as they are found; problems go to `diagnostics`. */
export function walkRunInputs(opts: InputChoice, diagnostics: Diagnostic[]): AsyncGenerator<Input> {
  return walkInputs(opts.inputs, inputOptions(opts), diagnostics);
}

/** Arguments → the whole list of inputs (for redact, which needs the count first). */
export function resolveRunInputs(opts: InputChoice): Promise<{ inputs: Input[]; diagnostics: Diagnostic[] }> {
  return resolveInputs(opts.inputs, inputOptions(opts));
}
