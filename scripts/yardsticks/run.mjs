/**
 * `npm run yardstick`: scans every case of bench/yardsticks/presidio-recognizers.json, openredaction.json and
 * bench/yardsticks/redact-pii.json with the built library (dist/, from `npm run build`), at the
 * default threshold and at --min-confidence 0, and writes docs/yardsticks.md: per yardstick,
 * agreement per suite and entity, and every disagreement (values masked).
 *
 *   node scripts/yardsticks/run.mjs           write docs/yardsticks.md
 *   node scripts/yardsticks/run.mjs --check   exit 1 if docs/yardsticks.md is not what a run writes
 *
 * Presidio's tests exercise one recogniser at a time and expect its weak matches too (a bare 9-digit
 * number as a 0.05 SSN); pii-scan answers with every rule, so only findings of the suite's entity
 * are compared, and findings of other entities are listed beside the disagreements.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ANY_ENTITY, DIFFERENCES, ENTITY_MAP, OPENREDACTION_MAP, REDACT_PII_MAP } from './suites.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA = join(root, 'bench', 'yardsticks', 'presidio-recognizers.json');
const REDACT_PII = join(root, 'bench', 'yardsticks', 'redact-pii.json');
const OPENREDACTION = join(root, 'bench', 'yardsticks', 'openredaction.json');
const OUT = join(root, 'docs', 'yardsticks.md');

const THRESHOLDS = [
  { key: 'default', label: 'default threshold', options: {} },
  { key: 'zero', label: '--min-confidence 0', options: { minConfidence: 0 } },
];

async function main(argv) {
  const api = join(root, 'dist', 'cli', 'api.mjs');
  if (!existsSync(api)) {
    console.error('dist/cli/api.mjs is missing: run `npm run build` first');
    process.exit(2);
  }
  const { scanText } = await import(pathToFileURL(api).href);
  const yardsticks = [
    { file: DATA, map: ENTITY_MAP, codePoints: true, text: PRESIDIO },
    { file: REDACT_PII, map: REDACT_PII_MAP, codePoints: false, text: REDACT_PII_TEXT },
    { file: OPENREDACTION, map: OPENREDACTION_MAP, codePoints: false, text: OPENREDACTION_TEXT },
  ];
  const sections = [];
  const headlines = [];
  for (const y of yardsticks) {
    const data = JSON.parse(readFileSync(y.file, 'utf8'));
    const results = [];
    for (const c of data.cases) results.push(await judgeCase(c, scanText, y.map, y.codePoints));
    sections.push(render(data, results, y.text));
    headlines.push(...headline(results).map((l) => `${y.text.who}, ${l}`));
  }
  const markdown = sections.join('\n');
  if (argv.includes('--check')) {
    const committed = readFileSync(OUT, 'utf8');
    if (committed !== markdown) {
      const was = committed.split('\n');
      const line = markdown.split('\n').findIndex((l, i) => l !== was[i]) + 1;
      console.error(`docs/yardsticks.md is stale from line ${line}: run \`npm run build && npm run yardstick\` and commit it`);
      process.exit(1);
    }
    console.log('docs/yardsticks.md matches a fresh run');
    return;
  }
  writeFileSync(OUT, markdown);
  console.log(headlines.join('\n'));
}

/** One case at both thresholds: the suite entity's findings matched against the expected spans. */
async function judgeCase(c, scanText, entityMap, codePoints) {
  const entity = entityMap[c.entity];
  const units = codePoints ? toUtf16(c.text) : (i) => i;
  const expected = c.expected.map((s) => ({ start: units(s.start), end: units(s.end) }));
  // Presidio sometimes gives the count and no positions: those are matched by any finding.
  const unpositioned = Math.max(0, c.expectedCount - expected.length);
  const out = { case: c, entity, expected, by: {} };
  for (const t of THRESHOLDS) {
    const { findings } = await scanText(c.text, { config: false, ...t.options });
    // A span reported as another entity, with the suite's entity among its alternatives, counts as found.
    const spans = findings.flatMap((f) => {
      const span = spanOf(c.text, f);
      return [{ ...span, entity: f.entity, confidence: f.confidence }, ...(f.alternatives ?? []).map((a) => ({ ...span, entity: a.entity, confidence: a.confidence }))];
    });
    // A case of no entity in particular (`ANY`: a text with no PII) is matched against every finding.
    const ours = entity === ANY_ENTITY ? spans : entity ? spans.filter((s) => s.entity === entity) : [];
    const other = entity === ANY_ENTITY ? [] : spans.filter((s) => s.entity !== entity);
    out.by[t.key] = { ...compare(expected, unpositioned, ours), ours, other };
  }
  return out;
}

/** Exact first, then overlapping, each finding used once; what is left over is missed or extra. */
export function compare(expected, unpositioned, ours) {
  const used = new Set();
  const take = (test) => {
    const i = ours.findIndex((o, k) => !used.has(k) && test(o));
    if (i >= 0) used.add(i);
    return i >= 0;
  };
  let exact = 0, overlap = 0, missed = 0, unplaced = 0;
  const pending = [];
  for (const e of expected) {
    if (take((o) => o.start === e.start && o.end === e.end)) exact++;
    else pending.push(e);
  }
  for (const e of pending) {
    if (take((o) => o.start < e.end && e.start < o.end)) overlap++;
    else missed++;
  }
  for (let i = 0; i < unpositioned; i++) {
    if (take(() => true)) unplaced++;
    else missed++;
  }
  const extra = ours.length - used.size;
  return { exact, overlap, unplaced, missed, extra, agree: overlap === 0 && missed === 0 && extra === 0 };
}

/** Python indexes count code points; JavaScript's count UTF-16 units. */
function toUtf16(text) {
  const points = Array.from(text);
  return (i) => points.slice(0, i).join('').length;
}

/** A finding's line and columns (1-based, UTF-16, end exclusive) as an index range into the text. */
function spanOf(text, f) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return { start: starts[f.line - 1] + f.column - 1, end: starts[f.endLine - 1] + f.endColumn - 1 };
}

/** As pii-scan's reports mask: letters and digits become `*`, the last four kept from nine on. */
function mask(value) {
  const chars = Array.from(value);
  const alnum = chars.filter((ch) => /[\p{L}\p{N}]/u.test(ch)).length;
  let keep = alnum >= 9 ? 4 : 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!/[\p{L}\p{N}]/u.test(chars[i])) continue;
    if (keep > 0) keep--;
    else chars[i] = '*';
  }
  return chars.join('');
}

/** The text with every expected or found span masked (overlapping spans as one). */
function maskedText(text, spans) {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  let out = '';
  let at = 0;
  for (const s of merged) {
    out += text.slice(at, s.start) + mask(text.slice(s.start, s.end));
    at = s.end;
  }
  return out + text.slice(at);
}

const cell = (s) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, '\\n').replace(/`/g, "'");
const spanText = (text, s) => `[${s.start},${s.end}) \`${cell(mask(text.slice(s.start, s.end)))}\``;
const found = (text, list) => (list.length ? list.map((s) => `${spanText(text, s)} ${s.confidence}`).join('<br>') : '—');
const others = (text, list) => (list.length ? list.map((s) => `${s.entity} ${spanText(text, s)} ${s.confidence}`).join('<br>') : '');

function tally(results, key) {
  const t = { cases: 0, spans: 0, agree: 0, exact: 0, overlap: 0, unplaced: 0, missed: 0, extra: 0 };
  for (const r of results) {
    const b = r.by[key];
    t.cases++;
    t.spans += r.case.expectedCount;
    t.agree += b.agree ? 1 : 0;
    for (const k of ['exact', 'overlap', 'unplaced', 'missed', 'extra']) t[k] += b[k];
  }
  return t;
}

function headline(results) {
  const mapped = results.filter((r) => r.entity);
  return THRESHOLDS.map((t) => {
    const s = tally(mapped, t.key);
    return `${t.label}: ${s.agree} of ${s.cases} cases agree; of ${s.spans} expected spans ${s.exact} exact, ${s.overlap} overlapping, ${s.unplaced} found (no position given), ${s.missed} missed; ${s.extra} extra findings`;
  });
}

/** The words that differ between the yardsticks' sections. */
const PRESIDIO = {
  title: "Yardstick: Presidio's recognizer tests",
  who: 'Presidio',
  what: 'entity',
  intro: (data) => [
    `The cases are the parametrized tests of Microsoft Presidio's pattern recognizers (${data.source.repository}, commit \`${data.source.commit}\`),`,
    'extracted into `bench/yardsticks/presidio-recognizers.json` by `scripts/yardsticks/extract-presidio.mjs`.',
    `${data.licence}`,
    '',
    'Each case is scanned by pii-scan with the built-in rules (no config), and only findings of the suite\'s entity',
    '(Presidio\'s name mapped to ours) are compared with the spans Presidio\'s test expects. Presidio\'s tests expect',
    'the weak matches of one recogniser too (a bare 9-digit number as a 0.05 US_SSN), so they are read at both',
    'thresholds: the default, and `--min-confidence 0`, which reports everything a rule matched. Where several rules',
    'match one span, pii-scan reports the best and lists the others as its `alternatives`: a suite\'s entity among them counts as found.',
    '',
  ],
};
const REDACT_PII_TEXT = {
  title: "Yardstick: redact-pii's redactor tests",
  who: 'redact-pii',
  what: 'placeholder',
  intro: (data) => [
    `The cases are the input/output pairs of redact-pii's redactor tests (${data.source.repository}, commit \`${data.source.commit}\`, \`${data.source.files[0]}\`),`,
    'extracted into `bench/yardsticks/redact-pii.json` by `scripts/yardsticks/extract-redact-pii.mjs`: the spans its',
    'redactor replaces are recovered by aligning the expected output with the input, one case per placeholder; a pair',
    'whose output is its input expects nothing of the test\'s subject.',
    `${data.licence}`,
    '',
    'Each case is scanned by pii-scan with the built-in rules (no config), at the default threshold and at',
    '`--min-confidence 0`, and only findings of the placeholder\'s entity are compared. redact-pii has no',
    'validators: its cards fail the Luhn check, its phone numbers use the unassigned 555 area code and its SSN is',
    'the advertised sample 123-45-6789, all of which pii-scan refuses on purpose (see Deliberate differences).',
    '',
  ],
};

const OPENREDACTION_TEXT = {
  title: "Yardstick: openredaction's detection tests",
  who: 'openredaction',
  what: 'type',
  intro: (data) => [
    `The cases are the detection tests of openredaction (${data.source.repository}, commit \`${data.source.commit}\`, \`packages/core/tests/\`):`,
    'its tests are code, not tables, so they are transcribed by hand in `scripts/yardsticks/extract-openredaction.mjs`, which',
    'checks each text against the checkout (a string literal of the named file, whose line it records) and writes',
    '`bench/yardsticks/openredaction.json`. `detect(text)` tests give the text and the values expected of a type;',
    '`isFalsePositive(value, type, context)` tests give a context in which the value is (or is not) PII; validator tests',
    '(`validateLuhn(value)` …) give a value alone, read here as the whole text. `ANY` is a text that should yield nothing.',
    `${data.licence}`,
    '',
    'Each case is scanned by pii-scan with the built-in rules (no config), at the default threshold and at',
    '`--min-confidence 0`, and only findings of the type\'s entity are compared (every finding for `ANY`).',
    '',
  ],
};

function render(data, results, text) {
  const suites = [...new Set(results.map((r) => r.case.suite))];
  const lines = [
    `# ${text.title}`,
    '',
    '<!-- Written by `npm run yardstick` (scripts/yardsticks/run.mjs); `test/corpus/yardstick.test.ts` fails when it is stale. -->',
    '',
    ...text.intro(data),
    '- **exact**: an expected span found with the same start and end; **overlap**: found, but with other bounds;',
    '  **no pos.**: the test gives a count and no position, and a finding is there; **missed**: expected, not found;',
    '  **extra**: found by pii-scan, not expected. A case **agrees** when every span is exact and nothing is extra.',
    '- Values are public synthetic test values, shown masked as in every pii-scan report.',
    '',
    '## Headline',
    '',
    'Over the suites whose entity pii-scan detects:',
    '',
    ...headline(results).map((l) => `- ${l}`),
    '',
    '## Per suite and entity',
    '',
    `| suite | ${text.who} ${text.what} | pii-scan entity | cases | spans | default: agree | exact | overlap | no pos. | missed | extra | at 0: agree | exact | overlap | no pos. | missed | extra |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const suite of suites) {
    const rs = results.filter((r) => r.case.suite === suite);
    const d = tally(rs, 'default');
    const z = tally(rs, 'zero');
    const cols = (s) => [s.agree, s.exact, s.overlap, s.unplaced, s.missed, s.extra];
    lines.push(`| ${suite} | ${rs[0].case.entity} | ${rs[0].entity ?? '(none)'} | ${d.cases} | ${d.spans} | ${cols(d).join(' | ')} | ${cols(z).join(' | ')} |`);
  }
  if (data.skipped.length) {
    lines.push('', `Not measured: ${data.skipped.length} cases (`);
    const reasons = new Map();
    for (const s of data.skipped) reasons.set(s.reason, [...(reasons.get(s.reason) ?? []), `${(s.file ?? data.source.files[0]).replace(/.*\//, '')}:${s.line}`]);
    lines[lines.length - 1] += [...reasons].map(([reason, where]) => `${reason}: ${where.join(', ')}`).join('; ') + ').';
  }
  lines.push(
    '',
    '## Disagreements',
    '',
    'Every case that does not agree at either threshold. Spans are `[start,end)` in UTF-16 units, found ones with',
    `their confidence; the source line is in the ${text.who} test file named above.`,
    '',
  );
  for (const suite of suites) {
    const rs = results.filter((r) => r.case.suite === suite && !(r.by.default.agree && r.by.zero.agree));
    if (!rs.length) continue;
    const why = DIFFERENCES[text.who]?.[suite];
    lines.push(`### ${suite} (${rs.length})`, '', ...(why ? [`Deliberate: ${why}`, ''] : []), '| case | text (masked) | expected | found at default | found at 0 | other entities at 0 |', '|---|---|---|---|---|---|');
    for (const r of rs) {
      const { text } = r.case;
      const all = [...r.expected, ...r.by.zero.ours, ...r.by.zero.other];
      const unpositioned = r.case.expectedCount - r.expected.length;
      const exp = [...r.expected.map((s) => spanText(text, s)), ...(unpositioned > 0 ? [`${unpositioned} (no position)`] : [])];
      lines.push(`| ${r.case.id} | \`${cell(maskedText(text, all))}\` | ${exp.join('<br>') || 'none'} | ${found(text, r.by.default.ours)} | ${found(text, r.by.zero.ours)} | ${others(text, r.by.zero.other)} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
