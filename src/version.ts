/** The package version, read from package.json above src/ or dist/ (compiled modules or the bundle). */
import { existsSync, readFileSync } from 'node:fs';

const manifest = ['../package.json', '../../package.json'].map((p) => new URL(p, import.meta.url)).find((u) => existsSync(u));

export const VERSION: string = manifest ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : '0.0.0';

export const TOOL_NAME = 'pii-scan';
