/**
 * A stable identity for a finding, shared by SARIF (`partialFingerprints`) and GitLab Code Quality
 * (`fingerprint`): a hash of the rule, the file (relative to the repository root), the place inside
 * a document, the masked value, a hash of the words around it (never the raw value) and which
 * occurrence of all that it is in the file. So an alert stays the same alert when lines move or
 * similar values are added elsewhere, and does not depend on the folder the scan ran in.
 */
import type { FileFinding } from '../model/scan.js';
import { createHash } from 'node:crypto';
import type { RuleDef } from '../model/rule.js';
import { describeLocation } from '../documents/location.js';
import { rootRelative, type PathBase } from './artifact-path.js';
import { maskValue } from '../masking/mask.js';

/** A fingerprinter for one report: findings arrive file by file, so occurrence counts reset when the path changes. */
export function findingFingerprints(defs: ReadonlyMap<string, RuleDef>, paths: PathBase | undefined): (f: FileFinding) => string {
  let occurrences = new Map<string, number>();
  let path: string | undefined;
  return (f) => {
    if (f.path !== path) [occurrences, path] = [new Map(), f.path];
    // A merged report's values are masked already (masking twice would hide the kept last four).
    const masked = f.preMasked ? f.value : maskValue(f.value, defs.get(f.ruleId)?.mask ?? 'full');
    // The masked location always, so --show-values and merge give the same fingerprint.
    const inside = f.location ? `\u0000${describeLocation(f.location)}` : '';
    const key = `${f.ruleId}\u0000${rootRelative(f.path, paths) ?? f.path}${inside}\u0000${masked}\u0000${f.contextHash}`;
    const n = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, n);
    return createHash('sha256').update(`${key}\u0000${n}`).digest('hex');
  };
}
