/** Kinds whose redactor is not part of this build: a document of such a kind that holds findings is refused, never copied as it is. */
import { RedactError, type DocumentRedactor } from './types.js';

export function notYetRedactable(what: string): DocumentRedactor {
  return async () => {
    throw new RedactError(`${what} cannot be redacted yet`);
  };
}
