/**
 * Pictures, sound and video: content this tool does not read (no transcription; the pictures OCR
 * decodes are read, image.ts). Told by their first bytes, or by a declared content type, so a
 * reader notes them by what they are instead of as unknown binary.
 */

export type Media = 'image' | 'video' | 'audio';

/** What a content type (`image/jpeg`) declares, if it is media. */
export function mediaByType(contentType: string): Media | undefined {
  const m = /^\s*(image|video|audio)\//i.exec(contentType);
  return m ? (m[1]!.toLowerCase() as Media) : undefined;
}

/** What the first bytes of binary content say, if they are a picture, a sound or a video. */
export function mediaByBytes(head: Uint8Array): Media | undefined {
  const at = (offset: number, ascii: string) => ascii.split('').every((c, i) => head[offset + i] === c.charCodeAt(0));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image'; // JPEG
  if (head[0] === 0x89 && at(1, 'PNG')) return 'image';
  if (at(0, 'GIF8') || at(0, 'II*\0') || at(0, 'MM\0*')) return 'image';
  if (at(0, 'RIFF')) return at(8, 'WEBP') ? 'image' : at(8, 'WAVE') ? 'audio' : at(8, 'AVI ') ? 'video' : undefined;
  if (at(4, 'ftyp')) {
    // ISO media files: HEIC/AVIF pictures, MP4/MOV/3GP video, M4A sound.
    const brand = String.fromCharCode(...head.subarray(8, 12));
    if (/^(heic|heix|hevc|mif1|msf1|avif)$/.test(brand)) return 'image';
    return /^M4A /.test(brand) ? 'audio' : 'video';
  }
  if (at(0, 'OggS') || at(0, 'ID3') || at(0, 'fLaC') || at(0, '#!AMR')) return 'audio';
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'video'; // Matroska / WebM
  return undefined;
}
