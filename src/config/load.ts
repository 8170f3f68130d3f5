/** The I/O edge of configuration: find `.pii-scan.yaml`, read rule files, build the rule set. */
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { ASSETS } from '../runtime/assets.js';
import { parseRuleFile } from './rule-parser.js';
import type { RuleDef } from '../model/rule.js';
import { compileRules, type RuleSet } from '../engine/ruleset.js';
import type { Severity } from '../model/finding.js';
import { CONFIG_NAMES, DEFAULT_CONFIG, parseConfigFile, type ProjectConfig } from './config-file.js';
import { checkBacktracking } from './check-backtracking.js';
import { codeVersion, digestOf, readSaved } from './build-stamp.js';
import { noteOnce, type Note } from './notes.js';
import { savedPrefilter } from './saved-prefilter.js';
import { ConfigError } from './yaml-source.js';
import { resolveLabelSets } from './label-sets.js';
import { readUserText, UserFileError, type UserFileKind } from '../sources/user-file.js';

/** The rules shipped with pii-scan (works from src/ under jest and from dist/ when installed). */
export const BUILTIN_RULES_DIR = ASSETS.builtinRulesDir;

const isRuleFile = (name: string): boolean => ['.yaml', '.yml'].includes(extname(name).toLowerCase());

/**
 * Nearest `.pii-scan.yaml` from `dir` upward, as tools like cspell and eslint look for theirs, but
 * only within what the user owns: the search stops at the repository root (the folder holding
 * `.git`), at the home folder, and before any world-writable folder (/tmp, /var/tmp, /dev/shm),
 * where anyone could leave a config that switches the checks off.
 */
export async function findConfig(dir: string, home?: string): Promise<string | undefined> {
  const top = home !== undefined ? resolve(home) : undefined;
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (await isShared(d)) return undefined;
    for (const name of CONFIG_NAMES) {
      const candidate = join(d, name);
      if (await isFile(candidate)) return candidate;
    }
    if (d === top || dirname(d) === d || (await exists(join(d, '.git')))) return undefined;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** A folder others may write to: a config found there is not the user's. */
async function isShared(dir: string): Promise<boolean> {
  try {
    return ((await stat(dir)).mode & 0o002) !== 0;
  } catch {
    return false;
  }
}

/** `explicit`: a path from --config, `false` for --no-config, undefined to search from `cwd` (up to `home`, see findConfig). */
export async function loadConfig(explicit: string | false | undefined, cwd: string, home: string = homedir()): Promise<ProjectConfig> {
  if (explicit === false) return DEFAULT_CONFIG;
  const file = explicit !== undefined ? resolve(cwd, explicit) : await findConfig(cwd, home);
  if (!file) return DEFAULT_CONFIG;
  return parseConfigFile(file, readText(file, 'config'));
}

/** A config or rule file the user named: a regular file of bounded size (sources/user-file.ts). */
function readText(file: string, kind: UserFileKind & ('config' | 'rules')): string {
  try {
    return readUserText(file, kind);
  } catch (e) {
    if (!(e instanceof UserFileError)) throw e;
    throw new ConfigError(file, 0, '', `cannot read ${kind === 'config' ? 'config file' : 'rule file'}: ${e.message}`);
  }
}

/** Written by the build (scripts/snapshot-rules.mjs): the shipped rules, parsed and stamped. Absent under jest. */
export const RULES_SNAPSHOT = ASSETS.rulesSnapshot;

/**
 * The rule files of a folder of shipped rules, by name, as the snapshot's inputs. Read at every
 * start, before anything else can run: twenty small files read in turn cost less than as many
 * trips through the thread pool.
 */
export function ruleFilesOf(dir: string): { name: string; bytes: Buffer }[] {
  const names = readdirSync(dir).filter(isRuleFile).sort();
  return names.map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
}

/**
 * The shipped rules: from the build's snapshot while it is whole, this code made it and every rule
 * file holds what it held then (by content, not modification time: npm gives the files of an
 * installed package times of its own); else parsed, with a note saying why.
 */
export async function loadBuiltinRules(note: Note = noteOnce, snapshot: string = RULES_SNAPSHOT, dir: string = BUILTIN_RULES_DIR, code?: string): Promise<RuleDef[]> {
  const files = ruleFilesOf(dir);
  let bytes: Buffer | undefined;
  try {
    bytes = readFileSync(snapshot);
  } catch {
    bytes = undefined; // not built (under jest)
  }
  if (bytes !== undefined) {
    const saved = readSaved(bytes, { code: code ?? codeVersion(), inputs: digestOf(files) });
    let defs: RuleDef[] | undefined;
    if ('body' in saved) {
      try {
        defs = JSON.parse(saved.body.toString('utf8')) as RuleDef[];
      } catch {
        defs = undefined;
      }
    }
    if (defs !== undefined) return defs.map((d) => ({ ...d, source: { ...d.source, file: join(dir, d.source.file) } }));
    note(`${snapshot}: ${'problem' in saved ? saved.problem : 'not a rules snapshot'}; the rules are read from ${dir} instead (npm run build writes a new one)`);
  }
  return loadRuleDefs([dir]);
}

/**
 * Rule files at each path: a file, or every .yaml/.yml in a folder (recursively, sorted). Their
 * `labelsOf` groups take labels from these rules and from `known` ones (label-sets.ts).
 */
export async function loadRuleDefs(paths: readonly string[], known: readonly RuleDef[] = []): Promise<RuleDef[]> {
  const files: string[] = [];
  for (const p of paths) files.push(...(await ruleFilesAt(p)));
  const defs: RuleDef[] = [];
  // A rule's word lists (`dictionary:`) are named relative to its file and read as bounded as it is.
  for (const file of files) defs.push(...parseRuleFile(file, readText(file, 'rules'), (list) => readUserText(resolve(dirname(file), list), 'rules')));
  return resolveLabelSets(defs, known);
}

async function ruleFilesAt(p: string): Promise<string[]> {
  let s;
  try {
    s = await stat(p);
  } catch (e) {
    throw new ConfigError(p, 0, '', `rule path not found (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (s.isFile()) return [p];
  if (!s.isDirectory()) throw new ConfigError(p, 0, '', 'rule path is neither a file nor a folder');
  const entries = await readdir(p, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && isRuleFile(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export interface RuleChoices {
  config: ProjectConfig;
  /** From --rules, absolute. */
  extraRules: readonly string[];
  /** Where notes go (a saved file of the build set aside); default: a process warning. */
  note?: Note;
}

/** Everything that decides which rules run and how, loaded completely or not at all. */
export async function loadRules({ config, extraRules, note = noteOnce }: RuleChoices): Promise<{ defs: RuleDef[]; ruleSet: RuleSet }> {
  const builtin = config.builtinRules ? await loadBuiltinRules(note) : [];
  const user = await loadRuleDefs([...config.rules, ...extraRules], builtin);
  // Shipped patterns are probed by the test suite; user patterns are probed here, before any scan.
  await checkBacktracking(user);
  const defs = applyConfig([...builtin, ...user], config);
  return { defs, ruleSet: compileRules(defs, { savedPrefilter: () => savedPrefilter(note) }) };
}

/** Reject duplicate ids; apply `disable` and `severity` from the config, refusing names that match nothing. */
export function applyConfig(all: readonly RuleDef[], config: ProjectConfig): RuleDef[] {
  const byId = new Map<string, RuleDef>();
  for (const def of all) {
    const prior = byId.get(def.id);
    if (prior) {
      throw new ConfigError(def.source.file, def.source.line, 'id', `rule id '${def.id}' is already defined at ${prior.source.file}:${prior.source.line}`);
    }
    byId.set(def.id, def);
  }
  const where = config.file ?? '.pii-scan.yaml';
  const known = (name: string): boolean => byId.has(name) || all.some((d) => d.entity === name);
  for (const id of config.disable) {
    if (!known(id)) throw new ConfigError(where, config.lines['disable'] ?? 0, 'disable', `no rule or entity named '${id}'`);
  }
  for (const key of Object.keys(config.severity)) {
    if (!known(key)) throw new ConfigError(where, config.lines['severity'] ?? 0, 'severity', `no rule or entity named '${key}'`);
  }
  for (const key of Object.keys(config.redact.styles)) {
    if (!known(key)) throw new ConfigError(where, config.lines['redact'] ?? 0, 'redact.styles', `no rule or entity named '${key}'`);
  }
  return all
    .filter((d) => !config.disable.includes(d.id) && !config.disable.includes(d.entity))
    .map((d) => {
      const severity: Severity | undefined = config.severity[d.id] ?? config.severity[d.entity];
      return severity ? { ...d, severity } : d;
    });
}
