/**
 * An OOXML package (Open Packaging Conventions): its parts, their content types
 * ([Content_Types].xml) and the relationships (`_rels/*.rels`) that say which part is what:
 * the main document, its headers, a workbook's sheets and shared strings… whatever the parts
 * are named. Part names are matched without regard to case, as OPC says.
 */
import { posix } from 'node:path';
import { describeLocation } from '../location.js';
import { checkTime, DocumentError, type ExtractContext } from '../types.js';
import { readXml, xmlText, type XmlElement, type XmlHandler } from '../xml.js';
import { inflateEntry, type ZipEntry } from '../zip.js';
import { canonicalNs, NS, relationKind } from './namespaces.js';

export type OoxmlKind = 'docx' | 'xlsx' | 'pptx';

export interface Relationship {
  id: string;
  /** What the target is (`header`, `worksheet`, `hyperlink` …): the type's last segment. */
  kind: string;
  /** A part name (no leading slash) for an internal target; the target as written for an external one. */
  target: string;
  external: boolean;
}

export interface Package {
  /** Part names as stored in the zip (no leading slash). */
  readonly names: Set<string>;
  bytes(name: string): Uint8Array | undefined;
  read(name: string): string | undefined;
  /** Reads the XML part `name` into `handler`; a part that is not well-formed is noted. False when there is no such part. */
  xml(name: string, handler: XmlHandler): boolean;
  /** The relationships of part `owner` ('' for the package's own), in the order written. */
  relationships(owner: string): Relationship[];
  /** The parts `owner` relates to as one of `kinds`, in order, each once, only those present. */
  related(owner: string, ...kinds: string[]): string[];
  contentType(name: string): string | undefined;
  /** A note on part `name` (the containers this document sits in named first). */
  note(name: string, what: string): void;
}

export function openPackage(buf: Uint8Array, entries: ZipEntry[], ctx: ExtractContext): Package {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const byLower = new Map(entries.map((e) => [e.name.toLowerCase(), e.name]));
  const rels = new Map<string, Relationship[]>();
  let types: { defaults: Map<string, string>; overrides: Map<string, string> } | undefined;
  const find = (name: string): string | undefined => {
    if (byName.has(name)) return name;
    const found = byLower.get(name.toLowerCase());
    if (found !== undefined || !name.includes('%')) return found;
    try {
      return find(decodeURIComponent(name));
    } catch {
      return undefined;
    }
  };
  const pkg: Package = {
    names: new Set(byName.keys()),
    bytes(name) {
      checkTime(ctx);
      const found = find(name);
      return found === undefined ? undefined : inflateEntry(buf, byName.get(found)!, ctx);
    },
    read(name) {
      const b = pkg.bytes(name);
      return b ? xmlText(b) : undefined;
    },
    xml(name, handler) {
      const text = pkg.read(name);
      if (text === undefined) return false;
      const problem = readXml(text, handler, { check: () => checkTime(ctx), canonical: canonicalNs });
      if (problem !== undefined) pkg.note(name, `not well-formed XML (${problem}); read up to there`);
      return true;
    },
    relationships(owner) {
      let list = rels.get(owner);
      if (!list) rels.set(owner, (list = readRelationships(pkg, owner)));
      return list;
    },
    related(owner, ...kinds) {
      const out: string[] = [];
      for (const r of pkg.relationships(owner)) {
        if (r.external || !kinds.includes(r.kind)) continue;
        const found = find(r.target);
        if (found !== undefined && !out.includes(found)) out.push(found);
      }
      return out;
    },
    contentType(name) {
      types ??= readContentTypes(pkg);
      const found = find(name) ?? name;
      return types.overrides.get(`/${found}`.toLowerCase()) ?? types.defaults.get(posix.extname(found).slice(1).toLowerCase());
    },
    note(name, what) {
      ctx.notes.push(`${[...ctx.chain.map(describeLocation), `part ${name}`].join(' → ')}: ${what}`);
    },
  };
  return pkg;
}

/** `word/document.xml` → `word/_rels/document.xml.rels`; the package's own: `_rels/.rels`. */
function relsPart(owner: string): string {
  return owner === '' ? '_rels/.rels' : `${posix.dirname(owner) === '.' ? '' : `${posix.dirname(owner)}/`}_rels/${posix.basename(owner)}.rels`;
}

function readRelationships(pkg: Package, owner: string): Relationship[] {
  const out: Relationship[] = [];
  const base = owner === '' ? '/' : `/${posix.dirname(owner)}`;
  pkg.xml(relsPart(owner), {
    open(el) {
      if (el.local !== 'Relationship' || el.uri !== NS.relationships) return;
      const id = el.attr('Id') ?? '';
      const target = el.attr('Target');
      if (target === undefined) return;
      const external = el.attr('TargetMode') === 'External';
      out.push({ id, kind: relationKind(el.attr('Type') ?? ''), target: external ? target : partName(base, target), external });
    },
  });
  return out;
}

/** An internal target resolved against its source part's folder: a part name without the leading slash. */
function partName(base: string, target: string): string {
  const path = target.split('#')[0]!;
  return posix.normalize(path.startsWith('/') ? path : posix.join(base, path)).replace(/^\/+/, '');
}

function readContentTypes(pkg: Package) {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  pkg.xml('[Content_Types].xml', {
    open(el) {
      if (el.uri !== NS.contentTypes) return;
      const type = el.attr('ContentType');
      if (type === undefined) return;
      if (el.local === 'Default') defaults.set((el.attr('Extension') ?? '').toLowerCase(), type);
      else if (el.local === 'Override') overrides.set(posix.normalize(`/${el.attr('PartName') ?? ''}`).replace(/^\/+/, '/').toLowerCase(), type);
    },
  });
  return { defaults, overrides };
}

/** Where each format keeps its main part when a package does not say (older or hand-made packages). */
const CONVENTIONAL: Record<OoxmlKind, string> = { docx: 'word/document.xml', xlsx: 'xl/workbook.xml', pptx: 'ppt/presentation.xml' };
/** The main part's root element, by format. */
const ROOTS: Record<OoxmlKind, [string, string]> = { docx: [NS.w, 'document'], xlsx: [NS.s, 'workbook'], pptx: [NS.p, 'presentation'] };

/**
 * The format and main part of a package: the part `_rels/.rels` names the office document (or
 * the content types do, or the conventional name), its format told by its content type or, when
 * that says nothing, its root element. Throws DocumentError for a binary workbook (.xlsb).
 */
export function mainPart(pkg: Package): { kind: OoxmlKind; part: string } | undefined {
  const candidates = [
    ...pkg.related('', 'officeDocument'),
    ...[...pkg.names].filter((n) => kindOfType(pkg.contentType(n) ?? '') !== undefined).sort(byNumber),
    ...Object.values(CONVENTIONAL).filter((n) => pkg.names.has(n)),
  ];
  for (const part of candidates) {
    const type = pkg.contentType(part) ?? '';
    if (/ms-excel\.sheet\.binary/.test(type)) throw new DocumentError('binary Excel workbook (.xlsb): cannot be scanned; save it as XLSX, or export to text');
    const kind = kindOfType(type) ?? kindOfRoot(pkg, part) ?? (Object.entries(CONVENTIONAL).find(([, n]) => n === part)?.[0] as OoxmlKind | undefined);
    if (kind) return { kind, part };
  }
  return undefined;
}

function kindOfType(type: string): OoxmlKind | undefined {
  if (!type.endsWith('main+xml')) return undefined;
  if (/wordprocessingml|ms-word/.test(type)) return 'docx';
  if (/spreadsheetml|ms-excel/.test(type)) return 'xlsx';
  if (/presentationml|ms-powerpoint/.test(type)) return 'pptx';
  return undefined;
}

class Found extends Error {}

function kindOfRoot(pkg: Package, part: string): OoxmlKind | undefined {
  let root: XmlElement | undefined;
  try {
    readXml(
      pkg.read(part) ?? '',
      {
        open(el) {
          root = el;
          throw new Found();
        },
      },
      { canonical: canonicalNs },
    );
  } catch (e) {
    if (!(e instanceof Found)) throw e;
  }
  return (Object.entries(ROOTS) as Array<[OoxmlKind, [string, string]]>).find(([, [uri, local]]) => root?.uri === uri && root.local === local)?.[0];
}

/** Handlers run one after the other on each event. */
export function together(...handlers: XmlHandler[]): XmlHandler {
  return {
    open: (el) => handlers.forEach((h) => h.open?.(el)),
    close: (el) => handlers.forEach((h) => h.close?.(el)),
    text: (t) => handlers.forEach((h) => h.text?.(t)),
  };
}

/** Part names in numeric order (`header2` before `header10`). */
export function byNumber(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
