/** The rescan of a redacted copy: the scan that vouches for it, run as the first scan was but with more time. */
import { DEFAULT_LIMITS } from '../documents/types.js';
import type { RedactJob } from './redact-job.js';

/**
 * How many times a document's deadline the rescan of its copy may take. The deadline stops
 * hostile input; the copy is our own, with the structure the first scan read in time, plus the
 * OCR of pages that became pictures, which a loaded machine can make slow. A rescan that still
 * runs out is an error, never a clean copy.
 */
const RESCAN_DEADLINE_FACTOR = 4;

/** The job for rescanning a copy: the same, with a longer deadline. */
export function rescanJob<J extends Pick<RedactJob, 'ctx'>>(job: J): J {
  const limits = job.ctx.documentLimits ?? DEFAULT_LIMITS;
  return { ...job, ctx: { ...job.ctx, documentLimits: { ...limits, maxMillis: limits.maxMillis * RESCAN_DEADLINE_FACTOR } } };
}
