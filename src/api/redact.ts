/** redactText: the text as `pii-scan redact` would write it, through the same safe redaction (rescans included). */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { allowSet } from '../filters/filters.js';
import { removeTemp, trackTemp } from '../fs/temp-files.js';
import { replacementChooser, usesHash } from '../redact/choose-style.js';
import { realFs, redactInto, type RedactJob } from '../redact/redact-file.js';
import { MIN_KEY_BYTES, pseudonymizer } from '../redact/styles.js';
import { load, shownFindings } from './load.js';
import type { RedactOptions, RedactResult } from './types.js';

export async function redactText(text: string, options: RedactOptions = {}): Promise<RedactResult> {
  const l = await load(options);
  let pseudonym;
  if (usesHash(l.defs, l.config, options.style)) {
    const key = Buffer.from(options.key ?? '', 'utf8');
    if (key.length < MIN_KEY_BYTES) throw new Error(`style hash needs a key of at least ${MIN_KEY_BYTES} bytes (options.key)`);
    pseudonym = pseudonymizer(key);
  }
  const job: RedactJob = {
    ctx: { ruleSet: l.ruleSet, settings: { defaultRegion: l.region }, minConfidence: l.minConfidence, allow: allowSet(l.config.allow), structured: 'csv', inlineAllow: true },
    replacementFor: replacementChooser(l.defs, l.config, options.style),
    fs: realFs,
    ...(pseudonym ? { pseudonym } : {}),
  };
  // The raw text goes through a private folder (0700, files 0600), removed afterwards and on a signal.
  const dir = await mkdtemp(join(tmpdir(), 'pii-scan-'));
  trackTemp(dir);
  try {
    const name = basename(options.name ?? 'text.txt');
    const src = join(dir, 'in');
    const dest = join(dir, 'out');
    await writeFile(src, text, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
    const r = await redactInto(src, name, dest, 0o600, job);
    if (r.status === 'binary') throw new Error(`not redacted: ${r.reason}`);
    const out = r.changed ? await readFile(dest, 'utf8') : text;
    return { text: out, findings: shownFindings(l, r.findings.map((f) => ({ ...f, path: name }))) };
  } finally {
    await removeTemp(dir);
  }
}
