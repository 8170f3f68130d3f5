/**
 * Who may use the service. Bound to loopback it answers local programs; bound to any other address,
 * or whenever PII_SCAN_TOKEN is set, every API request must carry `Authorization: Bearer <token>`.
 * The token is compared in constant time (digests of equal length), so its length and prefix do not leak.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { ApiError } from './limits.js';

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h.startsWith('::ffff:127.');
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** A check of the Authorization header against the token (none: every request is let in). */
export function bearerCheck(token: string | undefined): (authorization: string | undefined) => void {
  if (token === undefined) return () => {};
  const want = digest(token);
  return (authorization) => {
    const m = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
    if (!m || !timingSafeEqual(digest(m[1]!), want)) {
      throw new ApiError(401, 'unauthorized', 'this server needs Authorization: Bearer <token> (the value of PII_SCAN_TOKEN where it runs)');
    }
  };
}

/**
 * A loopback server answers only requests addressed to a loopback name: a web page that rebinds its
 * own domain to 127.0.0.1 could otherwise read the answers.
 */
export function hostCheck(bound: string): (host: string | undefined) => void {
  if (!isLoopback(bound)) return () => {};
  return (host) => {
    const name = (host ?? '').replace(/:\d+$/, '');
    if (!isLoopback(name)) throw new ApiError(403, 'bad-host', 'this server answers only requests addressed to localhost or a loopback address');
  };
}
