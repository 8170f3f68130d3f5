// The budget of reading pictures (issue 22), measured, not asserted: the CPU of OCR on a
// phone-sized photo once the engine has started, a draft with one picture attached checked from
// the command line, and the peak memory of both. Run after `npm run build`:
//   node scripts/bench-images.mjs
// (kept beside scripts/bench.mjs, which another benchmark owns). Figures go to stdout as a table.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pictures = join(root, 'fixtures/documents/pictures');
const { extractDocument } = await import(join(root, 'dist/documents/extract.js'));
const { closeOcr, readImageText } = await import(join(root, 'dist/documents/image-ocr.js'));
const { newContext } = await import(join(root, 'dist/documents/types.js'));

const cpu = async (work) => {
  const before = process.cpuUsage();
  const wall = performance.now();
  await work();
  const used = process.cpuUsage(before);
  return { cpu: (used.user + used.system) / 1e6, wall: (performance.now() - wall) / 1000 };
};
const read = (bytes) => async () => {
  for await (const _ of extractDocument(bytes, newContext())); // every segment: both passes when the first is unsure
};

const rows = [];
// The engine's start (WebAssembly, the model) on a tiny picture, so what follows is OCR alone.
const tiny = readFileSync(join(pictures, 'worksheet-thumb.png'));
rows.push(['OCR engine start (first picture, 400 px)', await cpu(() => readImageText(tiny))]);
const photo = readFileSync(join(pictures, 'worksheet-photo.jpg'));
rows.push(['phone photo 2000×1494 JPEG, after start', await cpu(read(photo))]);
rows.push(['the same photo again (cache)', await cpu(read(photo))]);
const mms = readFileSync(join(pictures, 'worksheet-mms.jpg'));
rows.push(['MMS 640 px JPEG q40, after start', await cpu(read(mms))]);
const rss = process.memoryUsage().rss / 2 ** 20;
await closeOcr();

// A draft with one picture attached, checked as a sender's tool would: a process of its own.
const timed = (args) => {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, join(root, 'bin/pii-scan'), ...args], { cwd: pictures, input: 'see the attached worksheet\n', encoding: 'utf8' });
  const [wall, user, sys, kb] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + sys, peakMb: kb / 1024, code: r.status };
};
const draft = timed(['check-message', '--roster', join(root, 'fixtures/guard/team.yaml'), '--channel', 'sms', '--to', '+1 415 555 2671', '--attach', 'worksheet-mms.jpg']);
const scan = timed(['scan', 'worksheet-photo.jpg']);

const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('measure', 46)}${pad('CPU s', 9)}${pad('wall s', 9)}peak MB`);
for (const [name, r] of rows) console.log(`${pad(name, 46)}${pad(r.cpu.toFixed(2), 9)}${pad(r.wall.toFixed(2), 9)}`);
console.log(`${pad('(this process after the above: RSS)', 46)}${pad('', 18)}${rss.toFixed(0)}`);
console.log(`${pad(`check-message, one MMS picture (exit ${draft.code})`, 46)}${pad(draft.cpu.toFixed(2), 9)}${pad(draft.wall.toFixed(2), 9)}${draft.peakMb.toFixed(0)}`);
console.log(`${pad(`scan of the phone photo (exit ${scan.code})`, 46)}${pad(scan.cpu.toFixed(2), 9)}${pad(scan.wall.toFixed(2), 9)}${scan.peakMb.toFixed(0)}`);
