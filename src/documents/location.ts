/** A document location in words, for the text report: `comment by J. Doe, paragraph 3`. */
import type { DocLocation, FindingLocation, PdfPart } from './types.js';

export function describeLocation(loc: FindingLocation): string {
  return [...(loc.chain ?? []), loc].map(describeOne).join(' → ');
}

/**
 * A note on something not (fully) read, with the containers it sits in: `entry a.zip → entry b.pdf: …`;
 * a message's address or sender is left out (a note names the place, not the people in it).
 */
export function describeNote(chain: readonly DocLocation[], what: string): string {
  return chain.length > 0 ? `${describeForNote(chain)}: ${what}` : what;
}

function describeOne(loc: DocLocation): string {
  switch (loc.kind) {
    case 'docx': {
      if (loc.part === 'properties') return `property ${loc.property ?? ''}`.trim();
      const parts: string[] = [];
      if (loc.part === 'comment') parts.push(loc.author ? `comment by ${loc.author}` : 'comment');
      else if (loc.part === 'deleted') parts.push(loc.author ? `tracked deletion by ${loc.author}` : 'tracked deletion');
      else if (loc.part === 'document variable') parts.push(`document variable ${loc.property ?? ''}`.trim());
      else if (loc.part !== 'body') parts.push(loc.part);
      if (loc.table) parts.push(`table ${loc.table.index} row ${loc.table.row} cell ${loc.table.cell}`);
      if (loc.paragraph !== undefined) parts.push(`paragraph ${loc.paragraph}`);
      return parts.join(', ');
    }
    case 'xlsx':
    case 'pptx':
      if ('property' in loc) return `property ${loc.property}`;
      if (loc.kind === 'xlsx' && 'part' in loc) return describeXlsxPart(loc);
      if (loc.kind === 'xlsx') return `sheet ${loc.sheet}, cell ${loc.cell}${loc.comment ? ', comment' : ''}`;
      return loc.part === 'slide' ? `slide ${loc.slide}` : `slide ${loc.slide} ${loc.part}`;
    case 'eml': {
      const prefix = loc.message !== undefined ? `message ${loc.message}, ` : '';
      if (loc.part === 'header') return `${prefix}header ${loc.header ?? ''}`.trim();
      if (loc.part === 'body') return `${prefix}body`;
      return `${prefix}attachment ${loc.name ?? ''}`.trim();
    }
    case 'zip':
      return `entry ${loc.entry}`;
    case 'csv':
      return loc.header ? `cell ${loc.cell} (${loc.header})` : `cell ${loc.cell}`;
    case 'json':
      return loc.key ? `name of key ${loc.path}` : `key ${loc.path}`;
    case 'html':
      if (loc.hidden) return loc.hidden === 'comment' ? 'comment' : `<${loc.hidden}> contents`;
      if (loc.attribute) return `${loc.attribute} attribute of <${loc.element ?? ''}>`;
      return loc.element ? `<${loc.element}> block ${loc.block ?? ''}`.trim() : `block ${loc.block ?? ''}`.trim();
    case 'pdf':
      if ('property' in loc) return `property ${loc.property}`;
      if ('attachment' in loc) return `attachment ${loc.attachment}`;
      if ('part' in loc) return describePdfPart(loc);
      if (loc.field !== undefined) return `page ${loc.page}, field ${loc.field}`;
      return loc.comment ? `page ${loc.page}, comment` : `page ${loc.page}`;
    case 'sms': {
      const about = [loc.date, loc.address].filter((s) => s !== undefined);
      let text = about.length > 0 ? `message ${loc.message} (${about.join(', ')})` : `message ${loc.message}`;
      if (loc.part !== undefined) text += `, MMS part ${loc.part}${loc.name ? ` ${loc.name}` : ''}`;
      else if (loc.field !== undefined && loc.field !== 'body') text += `, ${loc.field}`;
      return text;
    }
    case 'chat':
      return `message ${loc.message} (${loc.sender !== undefined ? `${loc.date}, ${loc.sender}` : loc.date})${loc.field ? `, ${loc.field}` : ''}`;
    case 'image': {
      const parts = [loc.image !== undefined ? `image ${loc.image}` : 'image'];
      if (loc.page !== undefined) parts.push(`${loc.image !== undefined ? 'of ' : ''}page ${loc.page}`);
      if (loc.metadata !== undefined) parts.push(loc.metadata);
      if (loc.line !== undefined) parts.push(`line ${loc.line}`);
      if (loc.box) parts.push(`at x ${loc.box.x}, y ${loc.box.y} (${loc.box.w}×${loc.box.h} px)`);
      return parts.join(' ');
    }
    default:
      return loc.kind;
  }
}

/** A place for a note: as a finding's, but a message's address or sender left out. */
export function describeForNote(chain: readonly DocLocation[]): string {
  return chain.map(withoutNames).map(describeOne).join(' → ');
}

function withoutNames(loc: DocLocation): DocLocation {
  if (loc.kind === 'sms') {
    const { address: _address, ...rest } = loc;
    return rest;
  }
  if (loc.kind === 'chat') {
    const { sender: _sender, ...rest } = loc;
    return rest;
  }
  return loc;
}

function describePdfPart(loc: Extract<DocLocation, { kind: 'pdf'; part: PdfPart }>): string {
  const name = loc.name ? ` ${loc.name}` : '';
  switch (loc.part) {
    case 'xmp':
      return `XMP metadata${name}`;
    case 'link':
      return `${loc.page !== undefined ? `page ${loc.page}, ` : loc.name ? `${loc.name}, ` : ''}link address`;
    case 'outline':
      return `bookmark${name}`;
    case 'javascript':
      return `JavaScript${name}`;
    case 'field':
      return `form field${name} (on no page)`;
  }
}

function describeXlsxPart(loc: Exclude<Extract<DocLocation, { kind: 'xlsx'; part: string }>, { part: 'properties' }>): string {
  switch (loc.part) {
    case 'header or footer':
    case 'shape':
    case 'alt text':
      return `sheet ${loc.sheet}, ${loc.part}`;
    case 'formula':
      return `sheet ${loc.sheet}, cell ${loc.cell}, formula`;
    case 'defined name':
      return `defined name ${loc.name}`;
    case 'pivot cache':
      return `pivot cache, field ${loc.field}`;
    case 'chart':
      return `sheet ${loc.sheet}, chart ${loc.chart}`;
  }
}
