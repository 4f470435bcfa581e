// The issuing bureau's red round seal, drawn as vectors: ring, five-pointed star, name on the upper arc —
// the characters as glyph outlines, not text, so that the notice's text layer reads as its words only.
import { rgb, type PDFPage } from 'pdf-lib';
import type { GlyphOutlines } from './font.ts';

export const SEAL_RED = rgb(0.86, 0.08, 0.08);

export interface SealOptions {
  cx: number;
  cy: number;
  radius?: number;
  name: string;
  /** Text under the star (e.g. 业务专用章). */
  purpose?: string;
  glyphs: GlyphOutlines;
}

/** One character's outline at size, its baseline's left end at (x, y) turned by rot radians, as drawSvgPath takes it at the page origin. */
function glyphAt(g: GlyphOutlines, ch: string, size: number, x: number, y: number, rot: number): string {
  const s = size / g.unitsPerEm;
  // Font units are y-up like the page; drawSvgPath's are y-down from the origin given: flip last.
  return g.outline(ch).path.scale(s, s).rotate(rot).translate(x, y).scale(1, -1).toSVG();
}

const widthOf = (g: GlyphOutlines, text: string, size: number) => [...text].reduce((w, ch) => w + (g.outline(ch).advance * size) / g.unitsPerEm, 0);

function starPath(cx: number, cy: number, r: number): string {
  // SVG path coordinates: y grows downwards from the page point given to drawSvgPath.
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0 ? r : r * 0.382;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push(`${(cx + rr * Math.cos(a)).toFixed(2)} ${(cy + rr * Math.sin(a)).toFixed(2)}`);
  }
  return `M ${pts.join(' L ')} Z`;
}

export function drawSeal(page: PDFPage, o: SealOptions): void {
  const r = o.radius ?? 60;
  page.drawCircle({ x: o.cx, y: o.cy, size: r, borderColor: SEAL_RED, borderWidth: r * 0.06, opacity: 0, borderOpacity: 0.85 });
  page.drawSvgPath(starPath(0, 0, r * 0.3), { x: o.cx, y: o.cy, color: SEAL_RED, opacity: 0.85 });

  // Name along the upper arc, from lower left over the top to lower right, each glyph upright to the ring.
  const chars = [...o.name];
  const size = Math.min(r * 0.26, (Math.PI * 1.25 * r * 0.78) / Math.max(chars.length, 1));
  const span = Math.min(Math.PI * 1.3, (chars.length * size * 1.05) / (r * 0.78));
  const textR = r * 0.78;
  chars.forEach((ch, i) => {
    const t = chars.length === 1 ? 0.5 : i / (chars.length - 1);
    const a = Math.PI / 2 + span / 2 - t * span; // radians from +x, counter-clockwise
    const w = widthOf(o.glyphs, ch, size);
    // Glyph baseline is tangent to the circle, glyph top points outwards.
    const rot = a - Math.PI / 2;
    const bx = o.cx + (textR - size * 0.35) * Math.cos(a) - (w / 2) * Math.cos(rot);
    const by = o.cy + (textR - size * 0.35) * Math.sin(a) - (w / 2) * Math.sin(rot);
    page.drawSvgPath(glyphAt(o.glyphs, ch, size, bx, by, rot), { x: 0, y: 0, color: SEAL_RED, opacity: 0.85 });
  });
  if (o.purpose) {
    const size2 = r * 0.16;
    let x = o.cx - widthOf(o.glyphs, o.purpose, size2) / 2;
    for (const ch of o.purpose) {
      page.drawSvgPath(glyphAt(o.glyphs, ch, size2, x, o.cy - r * 0.55, 0), { x: 0, y: 0, color: SEAL_RED, opacity: 0.85 });
      x += widthOf(o.glyphs, ch, size2);
    }
  }
}
