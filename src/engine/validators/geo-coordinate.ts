import type { Validator, ValidatorInput, ValidatorResult } from '../../model/finding.js';

/**
 * Decimal pair: `34.05223, -118.24368`, `34.05223 -118.24368`, also with degree
 * signs and hemisphere letters (`34.05223° N, 118.24368° W`). The two numbers
 * must be separated by a comma/semicolon or by white space.
 */
const DECIMAL =
  /^([+-]?)(\d{1,3})\.(\d+)\s*°?\s*([NSns])?(?:\s*[,;]\s*|\s+)([+-]?)(\d{1,3})\.(\d+)\s*°?\s*([EWew])?$/;

// One degrees-minutes[-seconds] component, hemisphere letter before or after.
// Non-ASCII characters as regex escapes: the bundle must stay ASCII (scripts/ascii-bundle.mjs), and a raw string keeps them as written.
const DMS_PART = String.raw`(\d{1,3})\s*\u00b0\s*(\d{1,2}(?:\.\d+)?)\s*['\u2032\u2019]\s*(?:(\d{1,2}(?:\.\d+)?)\s*(?:"|\u2033|\u201d|'')\s*)?`;
const DMS_SUFFIX = new RegExp(`^${DMS_PART}([NSns])\\s*[,;]?\\s*${DMS_PART}([EWew])$`);
const DMS_PREFIX = new RegExp(`^([NSns])\\s*${DMS_PART}[,;]?\\s*([EWew])\\s*${DMS_PART}$`);

function inRange(lat: number, lon: number): boolean {
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return false;
  return !(lat === 0 && lon === 0);
}

function hemisphereSign(h: string | undefined, negative: string): number {
  return h !== undefined && (h === negative || h === negative.toLowerCase()) ? -1 : 1;
}

function dms(deg: string | undefined, min: string | undefined, sec: string | undefined): number {
  const d = Number(deg);
  const m = Number(min);
  const s = sec === undefined ? 0 : Number(sec);
  if (!(m < 60 && s < 60)) return NaN;
  return d + m / 60 + s / 3600;
}

function validate({ value }: ValidatorInput): ValidatorResult {
  const v = value.trim();
  let m = DECIMAL.exec(v);
  if (m !== null) {
    const [, latSign, latInt, latFrac, latHem, lonSign, lonInt, lonFrac, lonHem] = m;
    if ((latFrac ?? '').length < 4 || (lonFrac ?? '').length < 4) return false;
    // A sign and a hemisphere letter together are contradictory or redundant.
    if ((latSign && latHem) || (lonSign && lonHem)) return false;
    let lat = Number(`${latInt}.${latFrac}`);
    let lon = Number(`${lonInt}.${lonFrac}`);
    if (latSign === '-') lat = -lat;
    if (lonSign === '-') lon = -lon;
    lat *= hemisphereSign(latHem, 'S');
    lon *= hemisphereSign(lonHem, 'W');
    return inRange(lat, lon);
  }
  m = DMS_SUFFIX.exec(v);
  if (m !== null) {
    const lat = dms(m[1], m[2], m[3]) * hemisphereSign(m[4], 'S');
    const lon = dms(m[5], m[6], m[7]) * hemisphereSign(m[8], 'W');
    return inRange(lat, lon);
  }
  m = DMS_PREFIX.exec(v);
  if (m !== null) {
    const lat = dms(m[2], m[3], m[4]) * hemisphereSign(m[1], 'S');
    const lon = dms(m[6], m[7], m[8]) * hemisphereSign(m[5], 'W');
    return inRange(lat, lon);
  }
  return false;
}

export const geoCoordinate: Validator = {
  name: 'geo-coordinate',
  description: 'Latitude/longitude pair: decimal (≥ 4 decimals each) or degrees-minutes-seconds; ranges checked, 0,0 rejected',
  validate,
};
