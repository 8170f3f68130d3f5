/**
 * Blob contents from one long-running `git cat-file --batch`: each object is asked for by id on
 * stdin and streamed back in chunks, so staged files are read from the index's objects (not the
 * working tree) without a process per file and without holding a whole file in memory.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { gitEnv, GitError, type GitContext } from './git.js';
import type { BlobSource } from './inputs.js';

const CHUNK = 64 * 1024;

export class GitBlobReader implements BlobSource {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly out: AsyncIterator<Buffer>;
  private buffered: Buffer = Buffer.alloc(0);
  /** Set while a blob is being read: only one at a time (the batch protocol is sequential). */
  private busy = false;
  private failure: Error | undefined;
  private readonly exited: Promise<void>;

  constructor(ctx: GitContext) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd: ctx.cwd, env: gitEnv(ctx.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    this.child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    this.child.stdin.on('error', () => {});
    this.exited = new Promise((done) => {
      this.child.on('error', (e) => {
        this.failure = new GitError(`cannot run git cat-file: ${e.message}`);
        done();
      });
      this.child.on('close', (code) => {
        if (code !== 0 && code !== null) this.failure ??= new GitError(`git cat-file failed: ${err.trim() || `exit ${code}`}`);
        done();
      });
    });
    this.out = (this.child.stdout as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  /** The blob's bytes; stopping early (a binary file) skips the rest before the next blob is read. */
  async *open(oid: string): AsyncGenerator<Uint8Array> {
    if (this.busy) throw new Error('one blob at a time');
    if (this.failure) throw this.failure;
    if (!/^[0-9a-f]{40,64}$/.test(oid)) throw new GitError(`not an object id: ${oid}`);
    this.busy = true;
    let remaining = 0;
    let hasBody = false;
    try {
      this.child.stdin.write(`${oid}\n`);
      const header = await this.readLine();
      const m = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
      if (!m) throw new GitError(`cannot read object ${oid}: ${header || 'no answer from git cat-file'}`);
      [remaining, hasBody] = [Number(m[3]), true];
      if (m[2] !== 'blob') throw new GitError(`object ${oid} is a ${m[2]}, not a file`);
      while (remaining > 0) {
        const chunk = await this.take(Math.min(remaining, CHUNK));
        remaining -= chunk.length;
        yield chunk;
      }
    } finally {
      if (hasBody) {
        // The rest of this object (when the reader stopped early), then the LF that ends every answer.
        while (remaining > 0) remaining -= (await this.take(Math.min(remaining, CHUNK))).length;
        if ((await this.take(1))[0] !== 0x0a) this.failure = new GitError('git cat-file answer out of step');
      }
      this.busy = false;
    }
  }

  /** Stop the process; safe to call more than once. */
  async close(): Promise<void> {
    this.child.stdin.end();
    // Mid-blob (the scan stopped on an error), git would wait forever for its output to be read.
    if (this.busy) this.child.kill();
    const timer = setTimeout(() => this.child.kill(), 5000);
    await this.exited;
    clearTimeout(timer);
  }

  private async more(): Promise<void> {
    const next = await this.out.next();
    if (next.done) {
      await this.exited;
      throw this.failure ?? new GitError('git cat-file ended early');
    }
    this.buffered = this.buffered.length === 0 ? next.value : Buffer.concat([this.buffered, next.value]);
  }

  private async readLine(): Promise<string> {
    for (;;) {
      const nl = this.buffered.indexOf(0x0a);
      if (nl !== -1) {
        const line = this.buffered.subarray(0, nl).toString('utf8');
        this.buffered = this.buffered.subarray(nl + 1);
        return line;
      }
      await this.more();
    }
  }

  /** Up to `max` bytes (at least one). */
  private async take(max: number): Promise<Buffer> {
    if (this.buffered.length === 0) await this.more();
    const n = Math.min(max, this.buffered.length);
    const piece = this.buffered.subarray(0, n);
    this.buffered = this.buffered.subarray(n);
    return piece;
  }
}
