/**
 * PresentationML (PPTX): slides in presentation order, each with its notes, comments (classic and
 * modern), pictures' alt text, links' addresses and charts' data; parts found through the
 * presentation's and each slide's relationships.
 */
import { segment, type ExtractContext, type Segment } from '../types.js';
import { commentTexts } from './comments.js';
import { altText, chartTexts, drawingParagraphs } from './drawing.js';
import { NS } from './namespaces.js';
import { byNumber, together, type Package } from './package.js';

export function* pptx(pkg: Package, presentation: string, ctx: ExtractContext): Generator<Segment> {
  const rels = new Map(pkg.relationships(presentation).filter((r) => !r.external).map((r) => [r.id, r.target]));
  let slides: string[] = [];
  pkg.xml(presentation, {
    open(el) {
      if (el.uri !== NS.p || el.local !== 'sldId') return;
      const part = rels.get(el.attr('id', NS.r) ?? '');
      if (part && pkg.names.has(part)) slides.push(part);
    },
  });
  if (slides.length === 0) slides = [...pkg.related(presentation, 'slide'), ...[...pkg.names].filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort(byNumber)];
  for (const [i, slide] of [...new Set(slides)].entries()) {
    const n = i + 1;
    const text: Segment[] = [];
    const alt: Segment[] = [];
    pkg.xml(
      slide,
      together(
        drawingParagraphs((t) => text.push(segment(ctx, t, { kind: 'pptx', slide: n, part: 'slide' }))),
        altText((t) => alt.push(segment(ctx, t, { kind: 'pptx', slide: n, part: 'alt text' }))),
      ),
    );
    yield* text;
    const related = pkg.relationships(slide).filter((r) => !r.external);
    for (const notes of new Set(related.filter((r) => r.kind === 'notesSlide' || r.target.includes('notesSlide')).map((r) => r.target))) {
      const out: Segment[] = [];
      pkg.xml(notes, drawingParagraphs((t) => out.push(segment(ctx, t, { kind: 'pptx', slide: n, part: 'notes' }))));
      yield* out;
    }
    yield* alt;
    for (const r of pkg.relationships(slide)) if (r.external && r.target.trim()) yield segment(ctx, r.target, { kind: 'pptx', slide: n, part: 'link' });
    const comments = related.filter((r) => r.kind === 'comments' || /\/comments\/[^/]+\.xml$/.test(r.target)).map((r) => r.target);
    for (const part of new Set(comments)) {
      for (const c of commentTexts(pkg, part, /^cm$/)) yield segment(ctx, c.text, { kind: 'pptx', slide: n, part: 'comments' });
    }
    for (const part of pkg.related(slide, 'chart')) {
      for (const t of chartTexts(pkg, part)) yield segment(ctx, t, { kind: 'pptx', slide: n, part: 'chart' });
    }
  }
}
