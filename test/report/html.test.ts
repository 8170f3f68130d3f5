/**
 * `--format html`: one self-contained page (no script, no network), findings grouped by file and
 * entity, masked, every name escaped; rendered by headless Chromium when it is installed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapeHtml } from '../../src/report/html.js';
import { PLANTED, plantedText, ROOT, runCli, tempDirs, writeTree } from '../cli/helpers.js';

const dirs = tempDirs();
let cwd: string;
const HOSTILE_DIR = '<script>alert(1)<\\script>';
const HOSTILE_FILE = `"><img src=x onerror=alert(2)>.txt`;

beforeAll(() => {
  cwd = writeTree(dirs.make(), {
    [`${HOSTILE_DIR}/${HOSTILE_FILE}`]: 'SSN: 536-22-4391\ncall me at (213) 621-0002\n',
    'leaky.txt': plantedText(),
    's.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
  });
  copyFileSync(join(ROOT, 'fixtures/documents/brief.docx'), join(cwd, 'brief.docx'));
});
afterAll(() => dirs.cleanup());

async function html(argv: string[]): Promise<{ code: number; page: string; file: string }> {
  const file = join(cwd, `report-${argv.length}-${Math.random().toString(36).slice(2)}.html`);
  const r = await runCli(['scan', '-f', 'html', '--no-fail-on-skipped', '-o', file, ...argv], { cwd });
  return { code: r.code, page: readFileSync(file, 'utf8'), file };
}

const noRaw = (text: string) => {
  for (const p of PLANTED) {
    const compact = p.value.replace(/[^0-9A-Za-z]/g, '');
    expect({ value: p.value, leaked: text.includes(p.value) || text.includes(compact) }).toEqual({ value: p.value, leaked: false });
  }
};

describe('html format', () => {
  it('is one page with no script, no external resource, and a policy that forbids both', async () => {
    const { code, page } = await html(['.']);
    expect(code).toBe(1);
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(page).not.toMatch(/<script|<img|<link|<iframe|<[^>]*\son\w+=/i);
    expect(page).not.toMatch(/<[^>]*\s(src|href)=/i);
    expect(page).not.toMatch(/https?:\/\//);
  });

  it('escapes file names and shows findings grouped by file and entity, masked, with counts and a severity chart', async () => {
    const { page } = await html(['.']);
    expect(page).toContain(`<code>${escapeHtml(`${HOSTILE_DIR}/${HOSTILE_FILE}`)}</code>`);
    expect(page).toContain('&#60;script&#62;alert(1)');
    expect(page).toContain('<code>***-**-4391</code>');
    expect(page).toMatch(/<h3 style="display:inline">US_SSN<\/h3>/);
    expect(page).toMatch(/<div class="bar"><span class="sev sev-critical">critical<\/span>/);
    expect(page).toContain('<li><code>s.png</code>: image OCR could not read; not scanned</li>');
    // Inside a document: the place is named.
    expect(page).toMatch(/<td>paragraph \d+, line \d+, column \d+<\/td>/);
    noRaw(page);
  });

  it('escapes what HTML would read as markup, and controls as escapes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\u202e`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;\\u202e');
  });
});

const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((c) => spawnSync('which', [c]).status === 0);

(chromium ? describe : describe.skip)('html format in a browser', () => {
  it('renders in headless Chromium: the DOM holds the escaped names as text, masked values, and no raw value or script', async () => {
    const { file } = await html(['.']);
    const profile = dirs.make('pii-scan-chromium-');
    const r = spawnSync(chromium!, ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`, '--dump-dom', pathToFileURL(file).href], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const dom = r.stdout;
    expect(dom).toContain('<h1>pii-scan report</h1>');
    // The browser serialises the text back with &lt; &gt;: the name is text, not elements.
    expect(dom).toContain('&lt;script&gt;alert(1)&lt;\\script&gt;/"&gt;&lt;img src=x onerror=alert(2)&gt;.txt');
    expect(dom).not.toMatch(/<script|<img/i);
    expect(dom).toContain('***-**-4391');
    noRaw(dom);
  }, 90_000);
});
