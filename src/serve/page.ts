/**
 * The check page (`GET /`): one self-contained document for people who never open a terminal.
 * Paste a draft or drop attachments, type recipients, pick the channel, and read the verdict, its
 * reasons and the findings (masked, as the server shows them), with the matched spans marked in a
 * copy of the draft that shows the masked value in their place. No external asset; the inline
 * style and script are allowed by their hashes alone. A link can fill the form from its fragment
 * (`/#text=…&to=…&channel=sms&check=1`), which never reaches the server or its log.
 */
import type { Answer } from './answer.js';
import { createHash } from 'node:crypto';

export interface PageConfig {
  channels: string[];
  defaultChannel: string;
  tokenRequired: boolean;
  showValues: boolean;
  roster: boolean;
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fafafa;--muted:#555;--line:#bbb;--block:#b00020;--warn:#8a5a00;--allow:#1b6e20;--mark:#ffe08a}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#161616;--muted:#aaa;--line:#555;--block:#ff6b6b;--warn:#f0b429;--allow:#6fcf73;--mark:#5c4a00}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:52rem;padding:1rem;font:1rem/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.4rem;margin:.2rem 0 1rem}
label{display:block;font-weight:600;margin:.8rem 0 .3rem}
.hint{font-weight:400;color:var(--muted);font-size:.9rem}
textarea,input,select,button{font:inherit;width:100%;padding:.55rem;border:1px solid var(--line);border-radius:.4rem;background:transparent;color:inherit}
textarea{min-height:10rem;resize:vertical}
#drop{border:2px dashed var(--line);border-radius:.4rem;padding:.8rem;margin-top:.8rem}
#drop.over{border-color:var(--fg)}
button{margin-top:1rem;font-weight:700;cursor:pointer;background:var(--fg);color:var(--bg);border:0;min-height:2.8rem}
:focus-visible{outline:3px solid #2f6fdf;outline-offset:2px}
#result{margin-top:1.5rem}
.verdict{font-size:1.5rem;font-weight:800;padding:.6rem .8rem;border-radius:.4rem;border:3px solid}
.verdict.block{color:var(--block)}.verdict.warn{color:var(--warn)}.verdict.allow{color:var(--allow)}
ul{padding-left:1.2rem}
li{margin:.3rem 0}
.effect-block{color:var(--block)}.effect-warn{color:var(--warn)}
pre{white-space:pre-wrap;word-break:break-word;border:1px solid var(--line);border-radius:.4rem;padding:.6rem;font:inherit}
mark{background:var(--mark);color:inherit;font-weight:700;border-radius:.2rem}
.error{color:var(--block);font-weight:700}
@media (max-width:30rem){body{padding:.6rem}.verdict{font-size:1.2rem}}
`;

const SCRIPT = `
'use strict';
const cfg = JSON.parse(document.getElementById('config').textContent);
const $ = (id) => document.getElementById(id);
const form = $('form'), result = $('result'), files = $('files'), drop = $('drop');
for (const c of cfg.channels) { const o = document.createElement('option'); o.value = o.textContent = c; $('channel').append(o); }
if (cfg.defaultChannel) $('channel').value = cfg.defaultChannel;
if (cfg.tokenRequired) $('token-row').hidden = false;
if (!cfg.roster) $('no-roster').hidden = false;
let dropped = [];
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
function showFiles() { const all = [...files.files, ...dropped]; $('file-list').textContent = all.length ? all.map((f) => f.name).join(', ') : 'No attachments'; }
files.addEventListener('change', showFiles);
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); dropped.push(...e.dataTransfer.files); showFiles(); });
const base64 = (file) => new Promise((ok, fail) => { const r = new FileReader(); r.onload = () => ok(String(r.result).replace(/^[^,]*,/, '')); r.onerror = () => fail(r.error); r.readAsDataURL(file); });
function indexOf(lines, line, column) { let i = 0; for (let n = 1; n < line; n++) i += lines[n - 1].length + 1; return i + column - 1; }
function marked(text, findings) {
  const lines = text.split('\\n');
  const spans = findings.filter((f) => f.path === 'message' && !f.location)
    .map((f) => ({ start: indexOf(lines, f.line, f.column), end: indexOf(lines, f.endLine, f.endColumn), f }))
    .sort((a, b) => a.start - b.start);
  const pre = el('pre'); let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    pre.append(text.slice(at, s.start));
    const m = el('mark', s.f.value); m.title = s.f.entity + ' (' + s.f.severity + ')'; pre.append(m);
    at = s.end;
  }
  pre.append(text.slice(at));
  return pre;
}
const HEAD = { block: 'BLOCK: do not send this message', warn: 'WARN: check before sending', allow: 'ALLOW: nothing stops this message' };
function render(report, text) {
  result.replaceChildren();
  const v = el('p', HEAD[report.verdict] || report.verdict, 'verdict ' + report.verdict); v.id = 'verdict'; v.dataset.verdict = report.verdict;
  result.append(v, el('h2', 'Why'));
  const reasons = el('ul'); reasons.id = 'reasons';
  for (const r of report.reasons) reasons.append(el('li', r.message, 'effect-' + r.effect));
  result.append(reasons);
  result.append(el('h2', 'Findings (' + report.findings.length + ')' + (cfg.showValues ? '' : ', values masked')));
  const list = el('ul'); list.id = 'findings';
  for (const f of report.findings) {
    const where = f.location ? f.path + ', ' + f.location.description : f.path + ' line ' + f.line;
    list.append(el('li', f.entity + ' (' + f.severity + ') ' + f.value + ' in ' + where));
  }
  if (!report.findings.length) list.append(el('li', 'none'));
  result.append(list);
  if (text) { result.append(el('h2', 'In the draft')); const p = marked(text, report.findings); p.id = 'marked'; result.append(p); }
  v.tabIndex = -1; v.focus();
}
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  result.replaceChildren(el('p', 'Checking…'));
  try {
    const text = $('draft').value.replace(/^\\uFEFF/, '');
    const attachments = [];
    for (const f of [...files.files, ...dropped]) attachments.push({ name: f.name, content_base64: await base64(f) });
    const headers = { 'Content-Type': 'application/json' };
    const token = $('token').value; if (token) headers.Authorization = 'Bearer ' + token;
    const res = await fetch('/check-message', { method: 'POST', headers, body: JSON.stringify({ text, recipients: $('to').value.split(/[,;\\n]/).map((s) => s.trim()).filter(Boolean), channel: $('channel').value, attachments }) });
    const body = await res.json();
    if (!res.ok) { result.replaceChildren(el('p', body.error ? body.error.message : 'The server refused the check (' + res.status + ')', 'error')); return; }
    render(body, text);
  } catch (err) { result.replaceChildren(el('p', 'The check could not be made: ' + (err && err.message), 'error')); }
});
const given = new URLSearchParams(location.hash.slice(1));
if (given.has('text')) $('draft').value = given.get('text');
if (given.has('to')) $('to').value = given.get('to');
if (given.has('channel')) $('channel').value = given.get('channel');
if (given.get('check') === '1') form.requestSubmit();
`;

const BODY = `<main>
<h1>Check a message before you send it</h1>
<p id="no-roster" class="error" hidden>This server has no roster of approved recipients, so it cannot check a message. Ask whoever runs it to start it with a roster.</p>
<form id="form">
<label for="draft">Message <span class="hint">(paste the draft)</span></label>
<textarea id="draft" name="text" spellcheck="false"></textarea>
<div id="drop"><label for="files">Attachments <span class="hint">(choose files, or drop them here)</span></label>
<input id="files" type="file" multiple><p id="file-list" class="hint" aria-live="polite">No attachments</p></div>
<label for="to">Recipients <span class="hint">(phone numbers, email addresses or group:NAME, separated by commas)</span></label>
<input id="to" name="to" autocomplete="off" inputmode="email">
<label for="channel">Channel <span class="hint">(how it goes)</span></label>
<select id="channel" name="channel"></select>
<div id="token-row" hidden><label for="token">Access token <span class="hint">(this server asks for one)</span></label>
<input id="token" type="password" autocomplete="off"></div>
<button type="submit">Check the message</button>
</form>
<section id="result" role="status" aria-live="polite"></section>
</main>`;

const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** Nothing but the page's own style and script, and requests to this server. */
export const PAGE_CSP = [
  "default-src 'none'",
  `script-src ${hash(SCRIPT)}`,
  `style-src ${hash(STYLE)}`,
  "connect-src 'self'",
  "img-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function checkPage(config: PageConfig): Answer {
  // `<` is escaped so nothing in the configuration can close the data block.
  const data = JSON.stringify(config).replace(/</g, '\\u003c');
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>pii-scan: check a message</title><style>${STYLE}</style></head>
<body>${BODY}
<script type="application/json" id="config">${data}</script>
<script>${SCRIPT}</script></body></html>
`;
  return { status: 200, type: 'text/html; charset=utf-8', body, headers: { 'Content-Security-Policy': PAGE_CSP } };
}
