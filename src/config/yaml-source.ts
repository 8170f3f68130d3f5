/**
 * A YAML document that remembers where each value came from, so that every
 * problem in a rule or config file can be reported as file:line (field): message.
 */
import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';

/**
 * The yaml package, loaded on first use: a scan of a draft with no config file never parses
 * YAML (the shipped rules come from the build's snapshot), so it need not load the parser.
 */
let yamlModule: typeof import('yaml') | undefined;
export function yaml(): typeof import('yaml') {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yamlModule;
}

export type FieldPath = ReadonlyArray<string | number>;

/** A problem in a user-supplied YAML file. Never carries scanned content. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}${line > 0 ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${problem}`);
    this.name = 'ConfigError';
  }
}

export function fieldName(path: FieldPath): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p),
    '',
  );
}

/** The parser's errors in words that quote nothing of the file. */
const YAML_PROBLEM: Partial<Record<import('yaml').ErrorCode, string>> = {
  MISSING_CHAR: 'a closing quote, bracket or brace is missing',
  BAD_INDENT: 'the indentation does not fit',
  TAB_AS_INDENT: 'a tab is used as indentation',
  DUPLICATE_KEY: 'a key appears twice',
  BAD_ALIAS: 'an alias names no anchor defined before it',
  UNEXPECTED_TOKEN: 'unexpected text',
  MULTILINE_IMPLICIT_KEY: 'a key spans lines (a missing ": "?)',
  BLOCK_AS_IMPLICIT_KEY: 'a block is used as a key',
  BAD_DQ_ESCAPE: 'a bad escape in a double-quoted string',
  TAG_RESOLVE_FAILED: 'an unknown tag',
  MULTIPLE_DOCS: 'more than one document',
};

/**
 * Text of the file is quoted in an error only when it is a word (a misspelt field or severity):
 * anything else may be content (a rules file that is really /etc/shadow, records pasted by mistake).
 */
const WORD = /^[A-Za-z][A-Za-z_ -]{0,39}$/;
const shownKey = (key: string): string => (WORD.test(key) ? key : '(a key that is not a field name)');
/** `'word' ` (with a space after), or nothing. */
const quotedWord = (s: string): string => (WORD.test(s) ? `'${s}' ` : '');

export class YamlSource {
  private constructor(
    readonly file: string,
    private readonly doc: Document,
    readonly lines: import('yaml').LineCounter,
  ) {}

  static parse(file: string, text: string): YamlSource {
    const { LineCounter, parseDocument } = yaml();
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const source = new YamlSource(file, doc, lines);
    const first = doc.errors[0];
    if (first) {
      // The parser's message can quote the text (an alias, a tag, a key): the error's code is said in words instead.
      const at = first.linePos?.[0] ?? source.lines.linePos(first.pos[0]);
      throw new ConfigError(file, at.line, '', `invalid YAML at column ${at.col}: ${YAML_PROBLEM[first.code] ?? first.code.toLowerCase().replace(/_/g, ' ')}`);
    }
    return source;
  }

  /** The plain JavaScript value of the whole document. */
  value(): unknown {
    try {
      return this.doc.toJS();
    } catch {
      // An alias to no anchor (or a cycle): the parser's message quotes the alias; say where it is instead.
      let line = 0;
      const { visit } = yaml();
      visit(this.doc, {
        Alias: (_, node) => {
          if (node.resolve(this.doc) !== undefined || !node.range) return undefined;
          line = this.lineAt(node.range[0]);
          return visit.BREAK;
        },
      });
      throw new ConfigError(this.file, line, '', 'invalid YAML: an alias names no anchor defined before it, or refers to itself');
    }
  }

  private lineAt(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  /** Line of the value at `path`, or of its nearest existing parent (a missing field points at its mapping). */
  lineOf(path: FieldPath): number {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as Node | undefined;
      const { isMap, isScalar, isSeq } = yaml();
      if (node && (isScalar(node) || isMap(node) || isSeq(node)) && node.range) {
        return this.lineAt(node.range[0]);
      }
    }
    return 1;
  }

  /** Line of a mapping key itself (better than the value for "unknown field"). */
  keyLine(path: FieldPath): number {
    const parent = this.doc.getIn(path.slice(0, -1), true);
    const key = path[path.length - 1];
    const { isMap, isScalar } = yaml();
    if (isMap(parent)) {
      for (const pair of parent.items) {
        if (isScalar(pair.key) && pair.key.value === key && pair.key.range) return this.lineAt(pair.key.range[0]);
      }
    }
    return this.lineOf(path);
  }

  error(path: FieldPath, problem: string): ConfigError {
    return new ConfigError(this.file, this.lineOf(path), fieldName(path), problem);
  }
}

/** Small typed readers over a parsed mapping; each throws a located ConfigError. */
export class Fields {
  constructor(
    readonly src: YamlSource,
    readonly path: FieldPath,
    readonly obj: Record<string, unknown>,
  ) {}

  static root(src: YamlSource, value: unknown, path: FieldPath = []): Fields {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw src.error(path, 'expected a mapping (key: value pairs)');
    }
    return new Fields(src, path, value as Record<string, unknown>);
  }

  at(key: string | number): FieldPath {
    return [...this.path, key];
  }

  /** Refuse fields this reader does not know, suggesting the closest known one. */
  onlyKnown(known: readonly string[]): void {
    for (const key of Object.keys(this.obj)) {
      if (known.includes(key)) continue;
      const hint = closest(key, known);
      throw new ConfigError(
        this.src.file,
        this.src.keyLine(this.at(key)),
        fieldName([...this.path, shownKey(key)]),
        `unknown field${hint ? ` (did you mean '${hint}'?)` : ''}; known fields: ${known.join(', ')}`,
      );
    }
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined && this.obj[key] !== null;
  }

  string(key: string, opts: { required: true; pattern?: RegExp; hint?: string }): string;
  string(key: string, opts?: { required?: false; pattern?: RegExp; hint?: string }): string | undefined;
  string(key: string, opts: { required?: boolean; pattern?: RegExp; hint?: string } = {}): string | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      if (opts.required) throw this.src.error(this.at(key), 'is required');
      return undefined;
    }
    if (typeof v !== 'string' && typeof v !== 'number') throw this.src.error(this.at(key), 'expected text');
    const s = String(v);
    if (opts.pattern && !opts.pattern.test(s)) {
      throw this.src.error(this.at(key), `${quotedWord(s)}is not a valid value${opts.hint ? `: ${opts.hint}` : ''}`);
    }
    return s;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], required = false): T | undefined {
    const s = required ? this.string(key, { required: true }) : this.string(key);
    if (s === undefined) return undefined;
    if (!allowed.includes(s as T)) {
      throw this.src.error(this.at(key), `${quotedWord(s)}is not one of ${allowed.join(', ')}`);
    }
    return s as T;
  }

  number(key: string, min: number, max: number): number | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || Number.isNaN(v) || v < min || v > max) {
      throw this.src.error(this.at(key), `expected a number from ${min} to ${max}`);
    }
    return v;
  }

  boolean(key: string): boolean | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw this.src.error(this.at(key), 'expected true or false');
    return v;
  }

  list(key: string, required = false): unknown[] | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) {
      if (required) throw this.src.error(this.at(key), 'is required');
      return undefined;
    }
    if (!Array.isArray(v)) throw this.src.error(this.at(key), 'expected a list');
    if (required && v.length === 0) throw this.src.error(this.at(key), 'must not be empty');
    return v;
  }

  stringList(key: string): string[] {
    const items = this.list(key) ?? [];
    return items.map((item, i) => {
      if (typeof item !== 'string' && typeof item !== 'number') {
        throw this.src.error([...this.at(key), i], 'expected text');
      }
      return String(item);
    });
  }

  /** The mapping at `key`, or at `key[index]` inside a list. */
  child(key: string, index?: number): Fields {
    const value = index === undefined ? this.obj[key] : (this.obj[key] as unknown[])[index];
    return Fields.root(this.src, value, index === undefined ? this.at(key) : [...this.at(key), index]);
  }
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
