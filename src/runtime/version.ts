/** The package version, read from package.json above src/ or dist/ (compiled modules or the bundle). */
import { existsSync, readFileSync } from 'node:fs';

const manifest = ['../package.json', '../../package.json'].map((p) => new URL(p, import.meta.url)).find((u) => existsSync(u));
const pkg = manifest ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string; homepage?: unknown }) : undefined;

export const VERSION: string = pkg ? pkg.version : '0.0.0';

export const TOOL_NAME = 'pii-scan';

/** Where to read about the tool (SARIF's informationUri): the package's homepage, else its README as installed (npm always ships it). */
export const INFORMATION_URI: string =
  typeof pkg?.homepage === 'string' && /^https?:\/\//.test(pkg.homepage) ? pkg.homepage : new URL('README.md', manifest ?? new URL('../', import.meta.url)).href;
