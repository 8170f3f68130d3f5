/**
 * Well-known binary formats by their magic numbers, so a skipped input's note says what it is
 * ("PNG image") and not only that it looked binary. Documents (zip, Office, PDF, email) are
 * recognised earlier by src/documents and read; these are the formats nothing here reads.
 */

interface Magic {
  /** Bytes at `at`; `undefined` matches any byte. */
  bytes: ReadonlyArray<number | undefined>;
  at?: number;
  /** What the note calls it: "PNG image", "ELF executable". */
  name: string;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const RIFF = (tag: string, name: string): Magic => ({ bytes: [...ascii('RIFF'), undefined, undefined, undefined, undefined, ...ascii(tag)], name });

const MAGICS: readonly Magic[] = [
  { bytes: [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a], name: 'PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'JPEG image' },
  { bytes: ascii('GIF87a'), name: 'GIF image' },
  { bytes: ascii('GIF89a'), name: 'GIF image' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], name: 'TIFF image' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], name: 'TIFF image' },
  { bytes: [...ascii('BM'), undefined, undefined, undefined, undefined, 0, 0, 0, 0], name: 'BMP image' },
  { bytes: [0, 0, 1, 0], name: 'icon image' },
  RIFF('WEBP', 'WebP image'),
  { bytes: ascii('ftypheic'), at: 4, name: 'HEIC image' },
  { bytes: ascii('ftypheix'), at: 4, name: 'HEIC image' },
  { bytes: ascii('ftypmif1'), at: 4, name: 'HEIF image' },
  { bytes: ascii('ftypavif'), at: 4, name: 'AVIF image' },
  { bytes: ascii('ftyp'), at: 4, name: 'MP4/QuickTime media' },
  { bytes: [0x1a, 0x45, 0xdf, 0xa3], name: 'Matroska/WebM media' },
  RIFF('WAVE', 'WAV audio'),
  RIFF('AVI ', 'AVI video'),
  { bytes: ascii('OggS'), name: 'Ogg media' },
  { bytes: ascii('fLaC'), name: 'FLAC audio' },
  { bytes: ascii('ID3'), name: 'MP3 audio' },
  { bytes: [0x1f, 0x8b], name: 'gzip compressed data' },
  { bytes: ascii('BZh'), name: 'bzip2 compressed data' },
  { bytes: [0xfd, ...ascii('7zXZ'), 0x00], name: 'xz compressed data' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], name: 'zstd compressed data' },
  { bytes: [...ascii('7z'), 0xbc, 0xaf, 0x27, 0x1c], name: '7-Zip archive' },
  { bytes: [...ascii('Rar!'), 0x1a, 0x07], name: 'RAR archive' },
  { bytes: ascii('ustar'), at: 257, name: 'tar archive' },
  { bytes: [...ascii('SQLite format 3'), 0], name: 'SQLite database' },
  { bytes: [0x7f, ...ascii('ELF')], name: 'ELF executable' },
  { bytes: [0xfe, 0xed, 0xfa, 0xce], name: 'Mach-O executable' },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], name: 'Mach-O executable' },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], name: 'Mach-O executable' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], name: 'Mach-O executable' },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], name: 'Java class or Mach-O universal binary' },
  { bytes: [0x00, ...ascii('asm')], name: 'WebAssembly module' },
  { bytes: [0x00, 0x01, 0x00, 0x00, 0x00], name: 'TrueType font' },
  { bytes: ascii('OTTO'), name: 'OpenType font' },
  { bytes: ascii('ttcf'), name: 'TrueType font collection' },
  { bytes: ascii('wOFF'), name: 'WOFF font' },
  { bytes: ascii('wOF2'), name: 'WOFF2 font' },
];

function matches(head: Uint8Array, m: Magic): boolean {
  const at = m.at ?? 0;
  if (head.length < at + m.bytes.length) return false;
  return m.bytes.every((b, i) => b === undefined || head[at + i] === b);
}

/** A magic made only of printable ASCII could also start a text file: it names binary data, never decides it. */
const printableOnly = (m: Magic): boolean => m.bytes.every((b) => b === undefined || (b >= 0x20 && b < 0x7f));

export interface BinaryKind {
  name: string;
  /** The magic holds bytes no text starts with: the input is binary whatever follows. */
  certain: boolean;
}

/** The well-known binary format these first bytes start, if any. */
export function binaryKind(head: Uint8Array): BinaryKind | undefined {
  for (const m of MAGICS) if (matches(head, m)) return { name: m.name, certain: !printableOnly(m) };
  // MZ, then the PE header where the DOS header's last field points.
  if (head[0] === 0x4d && head[1] === 0x5a && head.length >= 0x40) {
    const pe = head[0x3c]! | (head[0x3d]! << 8) | (head[0x3e]! << 16) | (head[0x3f]! << 24);
    if (pe >= 0x40 && pe + 4 <= head.length && head[pe] === 0x50 && head[pe + 1] === 0x45 && head[pe + 2] === 0 && head[pe + 3] === 0) {
      return { name: 'Windows executable', certain: true };
    }
  }
  return undefined;
}
