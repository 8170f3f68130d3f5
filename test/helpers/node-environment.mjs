/**
 * Jest's node environment with a plain global object: each test file's modules run in a context
 * made with vm.constants.DONT_CONTEXTIFY, not in one around a sandbox object. Node answers every
 * global name read in a sandboxed context (Math, Uint8Array, Buffer) through an interceptor, and
 * Jest 30's sandbox is a Proxy: a loop that calls Math.round per pixel (the picture code, pngjs's
 * PNG filters) runs many times slower than in the CLI. In a plain context a global is read as in
 * Node itself. The environment is Jest's own in every other way: its constructor is run as is and
 * only its createContext is handed the flag. What is lost is the sandbox's bookkeeping that deletes
 * the globals a test file set at its teardown; the context, with them, is dropped with the file.
 */
import vm from 'node:vm';
import { TestEnvironment } from 'jest-environment-node';

export default class PlainGlobalEnvironment extends TestEnvironment {
  constructor(config, context) {
    const sandboxed = vm.createContext;
    vm.createContext = () => sandboxed(vm.constants.DONT_CONTEXTIFY);
    try {
      super(config, context);
    } finally {
      vm.createContext = sandboxed;
    }
    // A plain context is its own global: otherwise Jest no longer makes its context through
    // node:vm's createContext, and the tests would run sandboxed (slowly) without a word.
    if (vm.runInContext('globalThis', this.context) !== this.context) {
      throw new Error('test/helpers/node-environment.mjs: the test context is sandboxed: jest-environment-node no longer calls vm.createContext');
    }
  }
}
