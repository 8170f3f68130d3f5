/** Standard input is reached only by a command that reads it: Node builds process.stdin at its first use. */
import { expect, it } from '@jest/globals';
import { stdinOf, type Io } from '../../src/cli/io.js';

it('reaches io.stdin only when the input is read', async () => {
  let reached = 0;
  const io = {
    get stdin() {
      reached++;
      return (async function* () {
        yield new Uint8Array([104, 105]);
      })();
    },
  } as unknown as Io;
  const input = stdinOf(io);
  expect(reached).toBe(0);
  const chunks: Uint8Array[] = [];
  for await (const c of input) chunks.push(c);
  expect(reached).toBe(1);
  expect(Buffer.concat(chunks).toString()).toBe('hi');
});
