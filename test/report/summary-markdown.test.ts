/** `--format markdown`: the short summary a CI job page shows (GitHub's step summary), counts only, names escaped. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { markdownText } from '../../src/report/summary-markdown.js';
import { PLANTED, plantedText, runCli, tempDirs, writeTree } from '../cli/helpers.js';

const dirs = tempDirs();
let cwd: string;
const HOSTILE = '<img src=x onerror=alert(1)>|*b*.txt';

beforeAll(() => {
  cwd = writeTree(dirs.make(), {
    [HOSTILE]: 'SSN: 536-22-4391\nSSN: 671-03-2298\ncall me at (213) 621-0002\n',
    'v.txt': 'VIN: 1HGCM82633A004352\n',
    's.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
    'leaky.txt': plantedText(),
  });
});
afterAll(() => dirs.cleanup());

describe('markdown summary', () => {
  it('counts findings by entity and severity, lists the files with most and what was not scanned', async () => {
    const r = await runCli(['scan', '-f', 'markdown', '--no-fail-on-skipped', HOSTILE, 'v.txt', 's.png'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        '### pii-scan: 4 findings in 2 inputs',
        '',
        '2 inputs scanned · **1 not scanned**. Values are never shown here; the SARIF or JSON report has each finding, masked.',
        '',
        '| Entity | Findings | critical | medium | low |',
        '| --- | ---: | ---: | ---: | ---: |',
        '| US\\_SSN | 2 | 2 |  |  |',
        '| PHONE\\_NUMBER | 1 |  |  | 1 |',
        '| VIN | 1 |  | 1 |  |',
        '| **all** | **4** | **2** | **1** | **1** |',
        '',
        '**Most findings** (2 of 2 inputs):',
        '',
        '- &lt;img src=x onerror=alert\\(1\\)&gt;\\|\\*b\\*\\.txt: 3',
        '- v\\.txt: 1',
        '',
        '**Not scanned** (the scan cannot say these hold no personal data):',
        '',
        '- s\\.png: image OCR could not read; not scanned',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to report', async () => {
    const r = await runCli(['scan', '-f', 'markdown', 'v.txt', '--exclude', 'v.txt'], { cwd });
    expect(r.stdout.split('\n')[0]).toBe('### pii-scan: no findings');
  });

  it('escapes markup, HTML, table bars and line breaks in names, and shows controls as escapes', () => {
    expect(markdownText('a|b <script> *x* [l](u) `c`\nnext\u202e')).toBe('a\\|b &lt;script&gt; \\*x\\* \\[l\\]\\(u\\) \\`c\\` next\\\\u202e'); // renders as the escape \u202e
  });

  it('holds no value, masked or raw', async () => {
    const r = await runCli(['scan', '-f', 'markdown', '--show-values', 'leaky.txt'], { cwd });
    for (const p of PLANTED) {
      const compact = p.value.replace(/[^0-9A-Za-z]/g, '');
      expect({ value: p.value, leaked: r.stdout.includes(p.value) || r.stdout.includes(compact) }).toEqual({ value: p.value, leaked: false });
    }
    expect(r.stdout).not.toContain('***');
  });
});
