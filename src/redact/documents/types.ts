/**
 * The shape every document redactor has: a document's bytes and the findings in it in, the
 * rewritten bytes and notes out. Findings carry their location relative to the document handed
 * in: a container strips its own step off the chain before it hands an entry on (nested.ts).
 */
import type { Finding } from '../../model/finding.js';
import type { DocLocation, DocumentKind, FindingLocation, Limits } from '../../documents/types.js';
import type { Replacement } from '../styles.js';

/** A finding in the document at hand: `location` is the document's own (unmasked), `chain` the containers inside it. */
export type DocFinding = Finding & { location?: FindingLocation };

export interface DocumentRedactOptions {
  replacementFor: (f: Finding) => Replacement;
  /** A value's original text → what it becomes (the chosen style). */
  render: (original: string, r: Replacement) => string;
  limits: Limits;
  /** Redacts a nested document (a zip entry, an attachment, an embedded workbook) through the registry; `name` says its format where its bytes do not. */
  nested: (bytes: Uint8Array, name: string, findings: readonly DocFinding[], where: DocLocation) => Promise<RedactedDocument>;
}

export interface RedactedDocument {
  bytes: Uint8Array;
  /** What the copy lost or could not keep as it was (a hidden zip entry dropped), for the summary. */
  notes: string[];
}

export type DocumentRedactor = (bytes: Uint8Array, findings: readonly DocFinding[], options: DocumentRedactOptions) => Promise<RedactedDocument>;

/** A document (or part of one) that cannot be rewritten: the file is refused, the original untouched. */
export class RedactError extends Error {}

/** The kinds a redactor is registered for, and text inside containers that is no format of its own. */
export type RedactKind = DocumentKind | 'text';
