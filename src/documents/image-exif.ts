/**
 * Where a photo was taken: the GPS coordinates a camera writes into its EXIF (JPEG, TIFF, HEIC,
 * PNG, WebP), read with exifr. Location data, scanned as `GPS: lat, lon` so GEO_COORDINATE reports it.
 */
import { importModule } from '../runtime/import-module.js';

interface Exifr {
  gps(input: Buffer): Promise<{ latitude?: number; longitude?: number } | undefined>;
}

/** `lat, lon` in degrees (six decimals, as a map writes them), if the picture's metadata holds them. */
export async function exifCoordinates(bytes: Uint8Array): Promise<string | undefined> {
  const mod = (await importModule('exifr')) as Exifr & { default?: Exifr };
  const exifr = mod.default ?? mod;
  let gps;
  try {
    gps = await exifr.gps(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    return undefined; // no metadata, or none exifr can parse: the pixels are still read
  }
  const { latitude, longitude } = gps ?? {};
  if (typeof latitude !== 'number' || typeof longitude !== 'number' || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  return `${latitude.toFixed(6)}, ${longitude.toFixed(6)}`;
}
