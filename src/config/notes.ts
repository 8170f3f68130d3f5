/**
 * Notes from loading the rules (a saved file of the build set aside): the CLI prints them on stderr;
 * without a listener (the library, a scan worker) each is a process warning, once per process.
 */
export type Note = (message: string) => void;

const warned = new Set<string>();

export const noteOnce: Note = (message) => {
  if (warned.has(message)) return;
  warned.add(message);
  process.emitWarning(message, { type: 'PiiScanWarning' });
};
