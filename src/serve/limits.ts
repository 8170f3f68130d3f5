/**
 * What keeps the local service bounded: a body limit (413), a deadline for each request (408), a
 * bound on requests at work and waiting (503), and errors as `{error: {code, message}}` whose
 * messages are written here and never quote what was sent.
 */
import type { IncomingMessage } from 'node:http';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Limits {
  /** Bytes of a request body. */
  maxBodyBytes: number;
  /** From the request's arrival to its answer. */
  timeoutMs: number;
  /** Requests read and worked on at once. */
  maxActive: number;
  /** Requests waiting for a place; past this, 503. */
  maxQueued: number;
}

export const DEFAULT_LIMITS: Limits = { maxBodyBytes: 10 * 1024 * 1024, timeoutMs: 30_000, maxActive: 4, maxQueued: 64 };

/** The body, whole, up to `max` bytes; a larger one is refused as soon as it is known to be larger. */
export async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) throw tooLarge(max);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw tooLarge(max);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

const tooLarge = (max: number) => new ApiError(413, 'body-too-large', `the request body is larger than the server's limit of ${max} bytes (--max-body)`);

/** At most `maxActive` at work; up to `maxQueued` more wait their turn in order; the rest are refused. */
export class Admission {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly maxActive: number,
    private readonly maxQueued: number,
  ) {}

  /** A place, once one is free; call the function returned to give it back (once). */
  async enter(): Promise<() => void> {
    if (this.active >= this.maxActive) {
      if (this.waiting.length >= this.maxQueued) throw new ApiError(503, 'busy', 'the server has too many requests at once; try again shortly');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.active++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.waiting.shift();
      if (next) next(); // the place passes on
      else this.active--;
    };
  }
}

/** Rejects with 408 after `ms`; `clear` stops the clock. */
export function deadline(ms: number): { expired: Promise<never>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApiError(408, 'timeout', `the request was not answered within ${ms} ms (--timeout)`)), ms);
    timer.unref();
  });
  expired.catch(() => {}); // not every request loses the race
  return { expired, clear: () => clearTimeout(timer) };
}
