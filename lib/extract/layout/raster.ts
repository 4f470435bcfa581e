// Page rasters for layout: skew estimate, ruled lines, ink in a cell. Projection profiles on a
// binarised page: the classic, dependable methods for printed forms.
import sharp from 'sharp';

export interface Raster {
  /** One byte a pixel: the darkness of ink that is not red (red seals and stamps are left out). */
  ink: Uint8Array;
  width: number;
  height: number;
}

/** Ink darkness from the red channel: black and blue ink are dark in red, a red seal is not. */
export async function rasterOf(png: Buffer): Promise<Raster> {
  const { data, info } = await sharp(png).removeAlpha().extractChannel('red').raw().toBuffer({ resolveWithObject: true });
  const ink = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) ink[i] = 255 - data[i]!;
  return { ink, width: info.width, height: info.height };
}

export const INK = 110; // darkness above which a pixel is ink (paper noise and grey background stay below)

/**
 * The page's skew in degrees (positive: text runs downhill to the right), from the angle at which the
 * rows of ink line up best (the horizontal projection profile is sharpest).
 */
export function estimateSkew(r: Raster, maxDegrees = 3, step = 0.1): number {
  // Work on a thinned sample of ink pixels: enough for the profile, fast on a full page.
  const xs: number[] = [];
  const ys: number[] = [];
  const stride = Math.max(1, Math.round(r.width / 800));
  for (let y = 0; y < r.height; y += stride) {
    for (let x = 0; x < r.width; x += stride) {
      if (r.ink[y * r.width + x]! > INK) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length < 200) return 0;
  let best = 0;
  let bestScore = -1;
  const bins = new Float64Array(r.height + r.width);
  for (let a = -maxDegrees; a <= maxDegrees + 1e-9; a += step) {
    const t = Math.tan((a * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) {
      const b = Math.round(ys[i]! - xs[i]! * t) + r.width;
      if (b >= 0 && b < bins.length) bins[b]!++;
    }
    let score = 0;
    for (let i = 0; i < bins.length; i++) score += bins[i]! * bins[i]!;
    if (score > bestScore) {
      bestScore = score;
      best = a;
    }
  }
  return Math.round(best * 100) / 100;
}

function merge(positions: number[], gap = 4): number[] {
  const out: number[][] = [];
  for (const p of positions) {
    const g = out[out.length - 1];
    if (g && p - g[g.length - 1]! <= gap) g.push(p);
    else out.push([p]);
  }
  return out.map((g) => Math.round(g.reduce((s, v) => s + v, 0) / g.length));
}

export interface Grid {
  /** y of each horizontal rule, top to bottom. */
  rows: number[];
  /** x of each vertical rule, left to right. */
  cols: number[];
}

/**
 * Ruled lines of the table that fills a region: horizontal rules are rows of ink across most of its width,
 * vertical rules columns of ink down most of its height between the first and last horizontal rule.
 */
export function detectGrid(r: Raster, region = { x0: 0, y0: 0, x1: r.width, y1: r.height }, minSpan = 0.5): Grid {
  const w = region.x1 - region.x0;
  const hRules: number[] = [];
  for (let y = region.y0; y < region.y1; y++) {
    let n = 0;
    for (let x = region.x0; x < region.x1; x++) {
      // A rule a pixel or two thick, allowing for residual skew of one pixel.
      const i = y * r.width + x;
      if (r.ink[i]! > INK || (y > 0 && r.ink[i - r.width]! > INK) || (y + 1 < r.height && r.ink[i + r.width]! > INK)) n++;
    }
    if (n > w * minSpan) hRules.push(y);
  }
  const rows = merge(hRules);
  if (rows.length < 2) return { rows, cols: [] };
  const top = rows[0]!;
  const bottom = rows[rows.length - 1]!;
  const h = bottom - top;
  const vRules: number[] = [];
  for (let x = region.x0; x < region.x1; x++) {
    let n = 0;
    for (let y = top; y <= bottom; y++) {
      const i = y * r.width + x;
      if (r.ink[i]! > INK || (x > 0 && r.ink[i - 1]! > INK) || (x + 1 < r.width && r.ink[i + 1]! > INK)) n++;
    }
    if (n > h * 0.8) vRules.push(x);
  }
  return { rows, cols: merge(vRules) };
}

/** Ink pixels inside a box, a margin in from its edges so that the cell's own rules do not count. */
export function inkIn(r: Raster, x0: number, y0: number, x1: number, y1: number, margin = 6): number {
  let n = 0;
  for (let y = Math.max(0, y0 + margin); y < Math.min(r.height, y1 - margin); y++) {
    for (let x = Math.max(0, x0 + margin); x < Math.min(r.width, x1 - margin); x++) if (r.ink[y * r.width + x]! > INK) n++;
  }
  return n;
}
