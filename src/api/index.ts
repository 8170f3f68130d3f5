/**
 * pii-scan as a library: `import { scanText, scanFile, redactText, checkMessage } from 'pii-scan'`.
 * The same rules, config and pipeline as the CLI; findings in the JSON report's shape, values
 * masked unless `{ showValues: true }`.
 */
import { useRuntimeLibraries } from '../runtime/libraries.js';

useRuntimeLibraries();

export { scanText, scanFile } from './scan.js';
export { redactText } from './redact.js';
export { checkMessage } from './check-message.js';
export type * from './types.js';
