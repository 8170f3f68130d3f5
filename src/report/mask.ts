/**
 * Masking, done once at the sink. A DLP report must not re-leak what it found,
 * so every format shows values masked unless the user asked for --show-values.
 */
import type { MaskStyle } from '../engine/rule.js';

/** Values shorter than this (in letters and digits) are masked whole: their last 4 would be most of them. */
const KEEP_LAST4_FROM = 9;
const MAX_SHOWN = 80;

export function maskValue(value: string, style: MaskStyle): string {
  const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  if (style === 'none') return shown.replace(/\s+/g, ' ');
  let alnum = 0;
  for (const ch of value) if (/[\p{L}\p{N}]/u.test(ch)) alnum++;
  let keep = style === 'last4' && alnum >= KEEP_LAST4_FROM ? 4 : 0;
  const out = [...shown];
  for (let i = out.length - 1; i >= 0; i--) {
    if (!/[\p{L}\p{N}]/u.test(out[i]!)) continue;
    if (keep > 0) keep--;
    else out[i] = '*';
  }
  return out.join('').replace(/\s+/g, ' ');
}
