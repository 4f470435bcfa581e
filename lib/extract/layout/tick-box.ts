// A tick box (□) beside an option on a form, found on the page raster, and whether it holds a mark: a hand's
// ✓ or × that OCR does not read, or a printed ☑. The search is local — left of the option's words, where
// forms put the box — because CJK characters (口 日 田 回) are squares too.
import type { CheckBox } from './port.ts';
import type { Raster } from './raster.ts';

const INK = 110; // as raster.ts: darker than paper noise and grey background

/** Share of a box's inside (its edges left out) that must be ink for the box to count as ticked. */
const TICKED = 0.06;

/**
 * The box in `region` (pixels) whose side is about `size` (a text line's height): the innermost pair of
 * long vertical strokes and long horizontal strokes that close a square. Null when there is none.
 */
export function findTickBox(r: Raster, region: [number, number, number, number], size: number): CheckBox | null {
  const all = findTickBoxes(r, region, size);
  return all[all.length - 1] ?? null; // the nearest the option, which is right of it
}

/** Every tick box in `region` (a text line's band), left to right. */
export function findTickBoxes(r: Raster, region: [number, number, number, number], size: number): CheckBox[] {
  const x0 = Math.max(0, Math.floor(region[0]));
  const y0 = Math.max(0, Math.floor(region[1]));
  const x1 = Math.min(r.width, Math.ceil(region[2]));
  const y1 = Math.min(r.height, Math.ceil(region[3]));
  if (x1 - x0 < 6 || y1 - y0 < 6) return [];
  const ink = (x: number, y: number) => r.ink[y * r.width + x]! > INK;
  // Longest run of ink down each column and along each row of the region (a stroke may be 1–4 px thick
  // and broken by the scan: a gap of one pixel does not end a run).
  const longest = (n: number, m: number, at: (i: number, j: number) => boolean) => {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let run = 0;
      let gap = 0;
      for (let j = 0; j < m; j++) {
        if (at(i, j)) {
          run += gap + 1;
          gap = 0;
        } else if (run > 0 && gap < 1) gap++;
        else {
          run = 0;
          gap = 0;
        }
        if (run > out[i]!) out[i] = run;
      }
    }
    return out;
  };
  const cols = longest(x1 - x0, y1 - y0, (i, j) => ink(x0 + i, y0 + j));
  const rows = longest(y1 - y0, x1 - x0, (i, j) => ink(x0 + j, y0 + i));
  const min = Math.max(8, size * 0.45);
  const max = size * 1.35;
  const found: [number, number, number, number][] = [];
  for (let l = 0; l < cols.length; l++) {
    for (let rr = l + Math.ceil(min); rr < cols.length && rr - l <= max; rr++) {
      const side = rr - l;
      if (cols[l]! < side * 0.7 || cols[rr]! < side * 0.7) continue;
      // Horizontal edges that span the pair of verticals, about as far apart as the box is wide.
      const spans = (y: number) => {
        let n = 0;
        for (let x = x0 + l; x <= x0 + rr; x++) if (ink(x, y) || (y > 0 && ink(x, y - 1)) || (y + 1 < r.height && ink(x, y + 1))) n++;
        return n >= side * 0.8;
      };
      const tops: number[] = [];
      for (let y = 0; y < rows.length; y++) if (rows[y]! >= side * 0.7 && spans(y0 + y)) tops.push(y);
      for (const t of tops) {
        const b = tops.find((y) => y - t >= side * 0.75 && y - t <= side * 1.3);
        if (b === undefined) continue;
        found.push([x0 + l, y0 + t, x0 + rr, y0 + b]);
      }
    }
  }
  // A box sits on the text's line: one whose middle is off it is made of a rule and a stroke.
  const middle = (y0 + y1) / 2;
  const onLine = found.filter((b) => Math.abs((b[1] + b[3]) / 2 - middle) <= size * 0.35);
  // Of boxes that overlap, the largest: a tick's strokes inside a box make smaller squares with its edges.
  const area = (b: [number, number, number, number]) => (b[2] - b[0]) * (b[3] - b[1]);
  const kept: [number, number, number, number][] = [];
  for (const b of onLine.sort((a, c) => area(c) - area(a))) {
    if (!kept.some((k) => b[0] < k[2] && k[0] < b[2] && b[1] < k[3] && k[1] < b[3])) kept.push(b);
  }
  return kept.sort((a, b) => a[0] - b[0]).map((b) => judge(r, b));
}

/** Whether the box holds a mark: ink inside it, its edges left out. */
function judge(r: Raster, box: [number, number, number, number]): CheckBox {
  const ink = (x: number, y: number) => r.ink[y * r.width + x]! > INK;
  const [bx0, by0, bx1, by1] = box;
  // Inside the box, its edges (and their blur) left out.
  const inset = Math.max(2, Math.round((bx1 - bx0) * 0.18));
  let marked = 0;
  let area = 0;
  for (let y = by0 + inset; y <= by1 - inset; y++) {
    for (let x = bx0 + inset; x <= bx1 - inset; x++) {
      area++;
      if (ink(x, y)) marked++;
    }
  }
  const share = area > 0 ? marked / area : 0;
  // Sure when the mark is clearly there or clearly not; doubtful near the threshold.
  const confidence = Math.round(Math.min(0.99, 0.5 + Math.abs(share - TICKED) / (2 * TICKED)) * 1000) / 1000;
  return { bbox: box, checked: share > TICKED, confidence };
}
