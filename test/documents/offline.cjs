// Preloaded (node --require) into every thread of a pii-scan run by the OCR test: any attempt to
// reach the network throws, and the thread says it was loaded, so the test knows the worker had it.
const net = require('node:net');
const { isMainThread } = require('node:worker_threads');
const refuse = (what) => () => {
  process.stderr.write(`offline: ${what} attempted\n`);
  throw new Error(`offline: ${what}`);
};
globalThis.fetch = refuse('fetch');
net.Socket.prototype.connect = refuse('socket connect');
require('node:dns').lookup = refuse('dns lookup');
process.stderr.write(`offline: loaded in ${isMainThread ? 'main thread' : 'worker thread'}\n`);
