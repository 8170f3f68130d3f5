/**
 * Pictures inside documents (Office media, zip entries, attachments, MMS parts): boxes burnt over
 * each finding's words (image.ts); the container's rescan checks the copy by OCR again.
 */
import { boxesOf } from '../image-file.js';
import { ImageRedactionError, redactImage } from '../image.js';
import { RedactError, type DocumentRedactor } from './types.js';

export const redactPicture: DocumentRedactor = async (bytes, findings) => {
  try {
    // A finding's location here is the picture's own (a container's steps taken off).
    return { bytes: await redactImage(bytes, boxesOf(findings.map((f) => ({ ...f, unmaskedLocation: f.location })))), notes: [] };
  } catch (e) {
    if (e instanceof ImageRedactionError) throw new RedactError(e.message);
    throw e;
  }
};
