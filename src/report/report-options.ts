/** What every reporter is told: whether to show values, colour, and where paths start. */
import type { PathBase } from './artifact-path.js';

export interface ReportOptions {
  showValues: boolean;
  color: boolean;
  /** Where the reported paths start and the root CI formats name files from (report/artifact-path.ts); absent: as they are. */
  paths?: PathBase;
}
