/**
 * The dense, non-ASCII benchmark corpus: Debian-changelog entries and git-style commit messages
 * by maintainers with UTF-8 names, each signed with an e-mail address (a finding per entry), and
 * group-text messages with planted values about one per 2 KB. Real exports look like this: the
 * sparse corpus (bench-corpus.mjs) holds a finding every 7 KB, this one one every few hundred
 * bytes, and nearly every 64 KB chunk holds characters outside ASCII. Same seed, same bytes.
 *
 *   node scripts/bench-dense-corpus.mjs OUT_FILE SIZE_MB
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rng } from './bench-corpus.mjs';

const FIRST = [
  'José', 'Jörg', 'Søren', 'Łukasz', 'François', 'Zoë', 'Çağlar', 'Åsa', 'Núria', 'Dvořák', 'Ægir', 'Miloš', 'Rémi', 'Héctor',
  'Ines', 'Sebastian', 'Chris', 'Anna', 'Mattia', 'Jonas', 'Peter', 'Ana', 'Guillem', 'Thorsten', 'Michał', 'Ondřej', 'Hüseyin',
  'Björn', 'Ioana', 'Dmitrij', 'Ángel', 'Kévin', 'Tiago', 'Nguyễn', 'Ευάγγελος', 'Дмитрий', 'Øystein', 'Gianfranco', 'Andreas', 'Paul',
];
const LAST = [
  'Müller', 'Gómez', 'Kowalczyk', 'Ødegård', 'Lefèvre', 'Šimůnek', 'Yılmaz', 'Åkesson', 'Peña', 'Groß', 'Nuñez', 'Čapek', 'Bäcker',
  'Smith', 'Schmidt', 'Fernández', 'Dubois', 'Rossi', 'Novák', 'Jensen', 'Papadopoulos', 'Ivanov', 'Kühn', 'Łęcki', 'Sørensen',
  'van der Berg', "O'Brien", 'Hernández', 'Doğan', 'Wróbel', 'Bergström', 'Castaño', 'Ferreira', 'Văn', 'Κωνσταντίνου', 'Петров',
];
const DOMAINS = ['debian.org', 'ubuntu.com', 'kernel.org', 'gmail.com', 'posteo.de', 'riseup.net', 'users.noreply.github.com', 'example.fr', 'gnome.org', 'freedesktop.org'];
const PACKAGES = [
  'libxml2', 'openssl', 'python3-requests', 'gnome-shell', 'nginx', 'postgresql-16', 'rustc', 'vim', 'tzdata', 'ca-certificates',
  'libreoffice', 'gcc-14', 'systemd', 'ffmpeg', 'golang-1.22', 'node-semver', 'texlive-base', 'qemu', 'firefox-esr', 'pipewire',
];
const CHANGES = [
  'New upstream release.', 'Fix FTBFS with GCC 14 (Closes: #%BUG%).', 'Bump Standards-Version to 4.7.0, no changes needed.',
  'Update Vcs-* fields to point to salsa.', 'debian/control: add missing Build-Depends on pkgconf.', 'Refresh patches for the new release.',
  'Apply upstream fix for CVE-2024-%CVE% (Closes: #%BUG%).', 'Team upload.', 'Drop transitional package, unused since bookworm.',
  'Update translation: de (thanks to %NAME%).', 'Run the test suite at build time again; it no longer needs network access.',
  'Use dh-sequence-python3 instead of --with python3.', 'Mark the -doc package Multi-Arch: foreign.', 'Correct the copyright years.',
  'Fix a typo in the manual page, reported by %NAME%.', 'Rebuild against libc6 2.40.', 'Upload to unstable.', 'Enable hardening flags.',
];
const TRAILERS = ['Signed-off-by', 'Reviewed-by', 'Acked-by', 'Tested-by', 'Co-authored-by', 'Reported-by'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const WORDS = (
  'the of and to in is for that with on as by it from this be are at or an was which not now when upstream package build ' +
  'test suite patch release version library symbols binary source tarball signature manual page translation locale ' +
  'Übersetzung café naïve façade Größe déjà señal coördinate résumé Straße ångström smörgåsbord jalapeño crème brûlée ' +
  'regression crash memory leak pointer buffer overflow parser encoding UTF-8 locale français español português'
).split(' ');

/** A paragraph of prose wrapped at 72 columns, with the given indent. */
function prose(r, indent, words = 25 + Math.floor(r() * 50)) {
  const lines = [];
  let line = indent;
  for (let i = 0; i < words; i++) {
    const w = WORDS[Math.floor(r() * WORDS.length)];
    if (line.length + w.length > 72) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += w + ' ';
  }
  lines.push(line.trimEnd() + '.');
  return lines.join('\n');
}

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const int = (r, n) => Math.floor(r() * n);
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** ASCII local part of an address, as maintainers write it (umlauts spelt out or dropped). */
function localPart(first, last) {
  const plain = (s) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase() || 'dev';
  return `${plain(first)}.${plain(last)}`;
}

function person(r) {
  const first = pick(r, FIRST);
  const last = pick(r, LAST);
  return { name: `${first} ${last}`, email: `${localPart(first, last)}${r() < 0.2 ? int(r, 100) : ''}@${pick(r, DOMAINS)}` };
}

function change(r) {
  return pick(r, CHANGES)
    .replace('%BUG%', String(900000 + int(r, 99999)))
    .replace('%CVE%', String(10000 + int(r, 50000)))
    .replace('%NAME%', person(r).name);
}

function date(r) {
  return `${pick(r, DAYS)}, ${pad(1 + int(r, 28))} ${pick(r, MONTHS)} ${2015 + int(r, 10)} ${pad(int(r, 24))}:${pad(int(r, 60))}:${pad(int(r, 60))} ${pick(r, ['+0000', '+0100', '+0200', '-0500'])}`;
}

function changelogEntry(r) {
  const who = person(r);
  const lines = [`${pick(r, PACKAGES)} (${1 + int(r, 9)}.${int(r, 30)}.${int(r, 20)}-${1 + int(r, 4)}) unstable; urgency=${pick(r, ['medium', 'low', 'high'])}`, ''];
  if (r() < 0.3) lines.push(`  [ ${person(r).name} ]`);
  for (let i = 0, n = 2 + int(r, 6); i < n; i++) {
    lines.push(`  * ${change(r)}`);
    if (r() < 0.4) lines.push(prose(r, '    '));
  }
  lines.push('', ` -- ${who.name} <${who.email}>  ${date(r)}`, '', '');
  return lines.join('\n');
}

function commit(r) {
  const who = person(r);
  const lines = [`commit ${Array.from({ length: 40 }, () => '0123456789abcdef'[int(r, 16)]).join('')}`, `Author: ${who.name} <${who.email}>`, `Date:   ${date(r)}`, ''];
  lines.push(`    ${change(r)}`, '');
  for (let i = 0, n = 1 + int(r, 3); i < n; i++) lines.push(prose(r, '    '), '');
  for (let i = 0, n = r() < 0.7 ? 0 : 1 + int(r, 2); i < n; i++) {
    const t = person(r);
    lines.push(`    ${pick(r, TRAILERS)}: ${t.name} <${t.email}>`);
  }
  lines.push(`    Signed-off-by: ${who.name} <${who.email}>`, '', '');
  return lines.join('\n');
}

/** A valid-looking SSN (area not 000/666/9xx, group and serial not zero). */
function ssn(r) {
  let area = 1 + int(r, 899);
  if (area === 666) area = 667;
  return `${pad(area, 3)}-${pad(1 + int(r, 99))}-${pad(1 + int(r, 9999), 4)}`;
}

/** A Luhn-valid 16-digit Visa number. */
function card(r) {
  const digits = [4, ...Array.from({ length: 14 }, () => int(r, 10))];
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let d = digits[14 - i];
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  digits.push((10 - (sum % 10)) % 10);
  return digits.join('').replace(/(\d{4})(?=\d)/g, '$1 ');
}

const hh = (r) => `${pad(int(r, 24))}:${pad(int(r, 60))}`;
const dob = (r) => `${pad(1 + int(r, 12))}/${pad(1 + int(r, 28))}/${1940 + int(r, 65)}`;

// Group-text messages as a leaking thread carries them, names in UTF-8.
const MESSAGES = [
  (r) => `[${hh(r)}] ${person(r).name}: target is ${pick(r, LAST).toUpperCase()}, ${pick(r, FIRST)} DOB ${dob(r)} SSN ${ssn(r)}, tag ${1 + int(r, 8)}ABC${pad(int(r, 1000), 3)} (CA)`,
  (r) => `[${hh(r)}] ${person(r).name}: ALPR hit plate 8XYZ${pad(int(r, 1000), 3)} at 34.05223, -118.24368 cam ${int(r, 40)}, call me (213) 621-${pad(int(r, 10000), 4)}`,
  (r) => `[${hh(r)}] ${person(r).name}: FIELD OPERATIONS WORKSHEET attached (U//FOUO), A# 201-555-${pad(int(r, 1000), 3)}, DL# D${pad(int(r, 10000000), 7)}`,
  (r) => `[${hh(r)}] ${person(r).name}: card ${card(r)} exp 04/27, routing 021000021, email ${person(r).email}`,
  (r) => `[${hh(r)}] ${person(r).name}: VIN 1HGCM82633A004352, passport 488839667, IBAN DE89 3704 0044 0532 0130 00, host 73.162.${int(r, 256)}.${int(r, 256)}`,
  (r) => `[${hh(r)}] ${person(r).name}: geboren am ${pad(1 + int(r, 28))}.${pad(1 + int(r, 12))}.${1950 + int(r, 50)}, Tel. +49 30 ${pad(int(r, 100000000), 8)} — bitte nicht weiterleiten`,
];

export async function writeDenseCorpus(file, megabytes, seed = 20261202) {
  const r = rng(seed);
  const out = createWriteStream(file);
  const target = megabytes * 1024 * 1024;
  let written = 0;
  let sinceMessage = 0;
  let buf = '';
  while (written < target) {
    const text = r() < 0.6 ? changelogEntry(r) : commit(r);
    buf += text;
    sinceMessage += text.length;
    if (sinceMessage >= 2048) {
      buf += `${MESSAGES[int(r, MESSAGES.length)](r)}\n\n`;
      sinceMessage = 0;
    }
    if (buf.length > 1 << 20) {
      written += Buffer.byteLength(buf);
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, mb] = process.argv.slice(2);
  await writeDenseCorpus(file, Number(mb ?? 100));
}
