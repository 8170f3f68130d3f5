/**
 * One self-contained HTML file for a CI artifact or an auditor: counts, a severity chart drawn in
 * CSS, and the findings grouped by file and then entity, values masked. No script, no network (a
 * Content-Security-Policy forbids both, should anything slip through), every name escaped.
 *
 * Findings stream out file by file (only the current file's are held, to group them by entity);
 * the summary is known only at the end, so it is written last and shown first by CSS order.
 */
import { type Reporter, type ReportOptions, rulesById, shownLocation, shownValue, type Write } from './reporter.js';
import type { FileFinding } from '../model/scan.js';
import type { RuleDef } from '../model/rule.js';
import { SEVERITIES, severityRank, type Severity } from '../model/finding.js';
import { describeLocation } from '../documents/location.js';
import { TOOL_NAME, VERSION } from '../runtime/version.js';
import { escapeControls } from './escape.js';
import type { RunSummary } from './run-summary.js';

const MOST_SEVERE_FIRST: readonly Severity[] = [...SEVERITIES].sort((a, b) => severityRank(b) - severityRank(a));

/** Text as HTML text or an attribute value; control and bidi characters shown as escapes. */
export function escapeHtml(s: string): string {
  return escapeControls(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--critical:#a40e26;--high:#d1242f;--medium:#bf8700;--low:#0969da;--info:#6e7781}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d}}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0}
main{display:flex;flex-direction:column;max-width:1100px;margin:0 auto;padding:16px 24px}
#summary{order:-1}
h1{font-size:22px;margin:8px 0 4px}h2{font-size:17px;margin:28px 0 6px;word-break:break-all}h3{font-size:14px;margin:0}
.muted{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:22px}
.chart{margin:12px 0;max-width:560px}
.bar{display:grid;grid-template-columns:70px 1fr 50px;align-items:center;gap:8px;margin:3px 0}
.bar span.track{background:color-mix(in srgb,var(--line) 45%,transparent);border-radius:3px;height:14px;overflow:hidden}
.bar span.fill{display:block;height:100%}
.sev{font-weight:600}.sev-critical{color:var(--critical)}.sev-high{color:var(--high)}.sev-medium{color:var(--medium)}.sev-low{color:var(--low)}.sev-info{color:var(--info)}
.fill-critical{background:var(--critical)}.fill-high{background:var(--high)}.fill-medium{background:var(--medium)}.fill-low{background:var(--low)}.fill-info{background:var(--info)}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
table.entities{max-width:560px}
td.rule{white-space:nowrap}
h2 code{font-size:15px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
details{margin:6px 0 6px 4px}summary{cursor:pointer}
.warn{border-left:4px solid var(--medium);padding:4px 12px;margin:12px 0}
.error{border-left:4px solid var(--high);padding:4px 12px;margin:12px 0}
`;

export function htmlReporter(write: Write, opts: ReportOptions, defs: readonly RuleDef[]): Reporter {
  const byId = rulesById(defs);
  let path: string | undefined;
  let held: FileFinding[] = [];
  let files = 0;
  const flush = () => {
    if (path === undefined) return;
    write(fileSection(path, held, byId, opts, ++files));
    held = [];
  };
  write(
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="${escapeHtml(`${TOOL_NAME} ${VERSION}`)}">\n` +
      `<title>pii-scan report</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<main>\n<section id="findings">\n`,
  );
  return {
    finding(f) {
      if (f.path !== path) {
        flush();
        path = f.path;
      }
      held.push(f);
    },
    end(outcome, summary) {
      flush();
      write(`</section>\n${summarySection(outcome.diagnostics, summary as RunSummary, opts)}</main>\n</body>\n</html>\n`);
    },
  };
}

function fileSection(path: string, findings: FileFinding[], defs: ReadonlyMap<string, RuleDef>, opts: ReportOptions, n: number): string {
  const byEntity = new Map<string, FileFinding[]>();
  for (const f of findings) byEntity.set(f.entity, [...(byEntity.get(f.entity) ?? []), f]);
  // Most severe entity first, then by count.
  const groups = [...byEntity].sort(([, a], [, b]) => worst(b) - worst(a) || b.length - a.length);
  const out = [`<section class="file" id="file-${n}">\n<h2><code>${escapeHtml(path === '-' ? '(standard input)' : path)}</code> <span class="muted">${count(findings.length, 'finding')}</span></h2>\n`];
  for (const [entity, list] of groups) {
    const sev = SEVERITIES[worst(list)]!;
    out.push(
      `<details open>\n<summary><h3 style="display:inline">${escapeHtml(entity)}</h3> <span class="sev sev-${sev}">${sev}</span> <span class="muted">${list.length}</span></summary>\n`,
      '<table>\n<thead><tr><th>Where</th><th>Severity</th><th>Value (masked)</th><th>Confidence</th><th>Rule</th><th>Why</th></tr></thead>\n<tbody>\n',
    );
    for (const f of list) {
      const loc = shownLocation(f, opts);
      const where = `${loc ? `${escapeHtml(describeLocation(loc))}, ` : ''}line ${f.line}, column ${f.column}`;
      out.push(
        `<tr><td>${where}</td><td class="sev sev-${f.severity}">${f.severity}</td><td><code>${escapeHtml(shownValue(f, defs, opts))}</code></td>` +
          `<td class="n">${f.confidence.toFixed(2)}</td><td class="rule"><code>${escapeHtml(f.ruleId)}</code></td><td>${escapeHtml(f.why)}</td></tr>\n`,
      );
    }
    out.push('</tbody>\n</table>\n</details>\n');
  }
  out.push('</section>\n');
  return out.join('');
}

function summarySection(diagnostics: readonly { path: string; level: string; message: string; notScanned?: boolean }[], s: RunSummary, opts: ReportOptions): string {
  const out = ['<section id="summary">\n<h1>pii-scan report</h1>\n'];
  out.push(`<p class="muted">${escapeHtml(`${TOOL_NAME} ${VERSION}`)} · values ${opts.showValues ? '<b>shown unmasked (--show-values)</b>' : 'masked'}</p>\n`);
  const notScanned = diagnostics.filter((d) => d.notScanned);
  const errors = diagnostics.filter((d) => d.level === 'error');
  out.push(
    '<div class="cards">\n',
    card(s.findings, 'findings'),
    card(s.filesWithFindings, 'inputs with findings'),
    card(s.filesScanned, 'inputs scanned'),
    card(notScanned.length, 'not scanned'),
    card(errors.length, 'errors'),
    '</div>\n',
  );
  if (s.findings > 0) {
    const max = Math.max(...SEVERITIES.map((sev) => s.bySeverity[sev]));
    out.push('<div class="chart" role="img" aria-label="findings by severity">\n');
    for (const sev of MOST_SEVERE_FIRST) {
      const n = s.bySeverity[sev];
      const width = max > 0 ? ((100 * n) / max).toFixed(1) : '0';
      out.push(`<div class="bar"><span class="sev sev-${sev}">${sev}</span><span class="track"><span class="fill fill-${sev}" style="width:${width}%"></span></span><span class="n">${n}</span></div>\n`);
    }
    out.push('</div>\n<table class="entities">\n<thead><tr><th>Entity</th><th>Findings</th></tr></thead>\n<tbody>\n');
    for (const [entity, n] of Object.entries(s.byEntity).sort(([, a], [, b]) => b - a)) out.push(`<tr><td>${escapeHtml(entity)}</td><td class="n">${n}</td></tr>\n`);
    out.push('</tbody>\n</table>\n');
  } else {
    out.push('<p>No findings.</p>\n');
  }
  const quiet: string[] = [];
  if (s.belowThreshold > 0) quiet.push(`${s.belowThreshold} below the confidence threshold`);
  if (s.allowListed > 0) quiet.push(`${s.allowListed} allow-listed`);
  if (s.suppressed > 0) quiet.push(`${s.suppressed} suppressed inline`);
  if (s.baseline && s.baseline.ignored > 0) quiet.push(`${s.baseline.ignored} in the baseline`);
  if (quiet.length > 0) out.push(`<p class="muted">Not reported: ${escapeHtml(quiet.join(', '))}.</p>\n`);
  if (notScanned.length > 0) {
    out.push(`<div class="warn"><p><b>${count(notScanned.length, 'input or part', 'inputs or parts')} not scanned</b>: the scan cannot say they hold no personal data.</p>\n<ul>\n`);
    for (const d of notScanned) out.push(`<li><code>${escapeHtml(d.path)}</code>: ${escapeHtml(d.message)}</li>\n`);
    out.push('</ul></div>\n');
  }
  if (errors.length > 0) {
    out.push(`<div class="error"><p><b>${count(errors.length, 'error')}</b></p>\n<ul>\n`);
    for (const d of errors) out.push(`<li><code>${escapeHtml(d.path)}</code>: ${escapeHtml(d.message)}</li>\n`);
    out.push('</ul></div>\n');
  }
  out.push('</section>\n');
  return out.join('');
}

function card(n: number, label: string): string {
  return `<div class="card"><b>${n}</b>${escapeHtml(label)}</div>\n`;
}

function worst(list: readonly FileFinding[]): number {
  return Math.max(...list.map((f) => severityRank(f.severity)));
}

function count(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
