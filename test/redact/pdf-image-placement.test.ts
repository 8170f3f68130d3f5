/** Where a page paints its pictures: OCR boxes in a picture's pixels mapped to PDF user space. */
import { describe, expect, it } from '@jest/globals';
import { imagePlacements, pixelBoxQuads } from '../../src/redact/pdf/image-placement.js';

const OPS = { save: 1, restore: 2, transform: 3, paintFormXObjectBegin: 4, paintFormXObjectEnd: 5, paintImageXObject: 6, paintInlineImageXObject: 7 };

describe('image placement', () => {
  it('a scan filling a Letter page: a box from the top left of its pixels lands from the top of the page', () => {
    const list = { fnArray: [1, 3, 6, 2], argsArray: [[], [612, 0, 0, 792, 0, 0], ['img_p0_1', 1275, 1650], []] };
    const [p] = imagePlacements(list, OPS);
    const [quad] = pixelBoxQuads(p!, { x: 0, y: 0, w: 1275, h: 165 });
    const rounded = quad!.map(([x, y]) => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000]);
    expect(rounded).toEqual([
      [0, 792],
      [612, 792],
      [612, 712.8],
      [0, 712.8],
    ]);
  });

  it('counts distinct pictures as the reader does, covers each place one is painted, and follows forms and restores', () => {
    const list = {
      fnArray: [4, 6, 5, 1, 3, 6, 2, 6],
      argsArray: [[[2, 0, 0, 2, 10, 10], null], ['a', 100, 100], [], [], [100, 0, 0, 100, 300, 0], ['b', 50, 50], [], ['a', 100, 100]],
    };
    const placements = imagePlacements(list, OPS);
    expect(placements.map((p) => p.matrices.length)).toEqual([2, 1]);
    // Picture a, first painted inside the form (scaled 2, moved 10,10), then at the identity.
    const quads = pixelBoxQuads(placements[0]!, { x: 0, y: 100, w: 100, h: 0 });
    expect(quads).toEqual([
      [[10, 10], [12, 10], [12, 10], [10, 10]],
      [[0, 0], [1, 0], [1, 0], [0, 0]],
    ]);
    expect(pixelBoxQuads(placements[1]!, { x: 25, y: 25, w: 25, h: 25 })[0]).toEqual([[350, 50], [400, 50], [400, 0], [350, 0]]);
  });
});
