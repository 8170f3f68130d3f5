/** Findings of a container sorted by where they sit: in the container itself, or in which document inside it. */
import type { DocLocation } from '../../documents/types.js';
import type { DocFinding } from './types.js';

export interface Inner {
  where: DocLocation;
  /** Located relative to the inner document (the container's step taken off the chain). */
  findings: DocFinding[];
}

/** A location that is a step into a container: a zip entry, an email's attachment, a file attached to a PDF, an MMS part. */
function isStep(loc: DocLocation): boolean {
  return loc.kind === 'zip' || (loc.kind === 'eml' && loc.part === 'attachment') || (loc.kind === 'pdf' && 'attachment' in loc) || (loc.kind === 'sms' && loc.part !== undefined);
}

export function byContainer(findings: readonly DocFinding[]): { own: DocFinding[]; inner: Inner[] } {
  const own: DocFinding[] = [];
  const inner = new Map<string, Inner>();
  for (const f of findings) {
    const loc = f.location;
    if (!loc) {
      own.push(f);
      continue;
    }
    const { chain = [], ...leaf } = loc;
    // Text that is no format of its own (a zip's text entry, a plain attachment) is located at its container step.
    const steps: DocLocation[] = isStep(leaf) ? [...chain, leaf] : chain;
    if (steps.length === 0) {
      own.push(f);
      continue;
    }
    const [where, ...rest] = steps;
    const key = JSON.stringify(where);
    const inside: DocLocation = isStep(leaf) ? { kind: 'text' } : leaf;
    const moved: DocFinding = { ...f, location: rest.length > 0 ? { ...inside, chain: rest } : inside };
    const group = inner.get(key);
    if (group) group.findings.push(moved);
    else inner.set(key, { where: where!, findings: [moved] });
  }
  return { own, inner: [...inner.values()] };
}
