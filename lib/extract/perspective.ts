// Phone photos of a form: the sheet lies on a desk, seen at an angle. OpenCV (wasm) finds the sheet's four
// corners — the largest bright quadrilateral in the picture — and warps it flat and upright, so that rules
// are straight and lines of text level before layout and OCR. Scans (the sheet fills the image) pass as they are.
import { PAGE_PNG } from './page-image.ts';
import { createRequire } from 'node:module';
import sharp from 'sharp';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Cv = any;
let cvPromise: Promise<Cv> | undefined;

/** The OpenCV runtime, loaded once (~0.3 s): the package resolves to itself when its wasm is ready. */
function openCv(): Promise<Cv> {
  cvPromise ??= new Promise((resolve, reject) => {
    const mod = createRequire(import.meta.url)('@techstark/opencv-js');
    if (mod.Mat) return resolve(mod);
    if (typeof mod.then !== 'function') return reject(new Error('@techstark/opencv-js did not load'));
    mod.then((ready: Cv) => {
      delete ready.then; // a thenable resolving to itself would never settle
      resolve(ready);
    });
  });
  return cvPromise;
}

export interface Flattened {
  image: Buffer;
  width: number;
  height: number;
  /** The sheet's corners found in the photo (TL, TR, BR, BL), when it was warped. */
  corners?: [number, number][];
}

/** Corners in order top-left, top-right, bottom-right, bottom-left. */
type Point = [number, number];
function order(points: Point[]): [Point, Point, Point, Point] {
  const bySum = [...points].sort((a, b) => a[0] + a[1] - (b[0] + b[1]));
  const byDiff = [...points].sort((a, b) => a[1] - a[0] - (b[1] - b[0]));
  return [bySum[0]!, byDiff[0]!, bySum[3]!, byDiff[3]!];
}

const dist = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/**
 * The photo's sheet, flattened; the image unchanged when no sheet stands out from its background or the
 * sheet already fills the picture square-on (a scan).
 */
export async function flattenPhoto(png: Buffer): Promise<Flattened> {
  const { data, info } = await sharp(png).removeAlpha().greyscale().raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h } = info;
  // A scan's paper reaches the image's edges; a photo's edges are the desk around the sheet. Only the
  // latter is worth OpenCV's time (a 64 × 64 thumbnail tells them apart).
  const thumb = await sharp(data, { raw: { width: w, height: h, channels: 1 } }).resize(64, 64, { fit: 'fill' }).raw().toBuffer();
  let edge = 0;
  let edges = 0;
  let middle = 0;
  let middles = 0;
  for (let y = 0; y < 64; y++) {
    for (let x = 0; x < 64; x++) {
      const v = thumb[y * 64 + x]!;
      if (x < 2 || y < 2 || x > 61 || y > 61) (edge += v), edges++;
      else if (x >= 16 && x < 48 && y >= 16 && y < 48) (middle += v), middles++;
    }
  }
  if (edge / edges >= 0.85 * (middle / middles)) return { image: png, width: w, height: h };
  const cv = await openCv();
  const grey = cv.matFromArray(h, w, cv.CV_8UC1, data);
  const mask = new cv.Mat();
  const contours = new cv.MatVector();
  const hierarchy = new cv.Mat();
  try {
    // The sheet is the bright paper against a darker desk: Otsu's threshold separates them, a closing
    // fills the print so that the sheet is one blob.
    cv.GaussianBlur(grey, mask, new cv.Size(5, 5), 0);
    cv.threshold(mask, mask, 0, 255, cv.THRESH_BINARY + cv.THRESH_OTSU);
    const kernel = cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(15, 15));
    cv.morphologyEx(mask, mask, cv.MORPH_CLOSE, kernel);
    kernel.delete();
    cv.findContours(mask, contours, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
    let best: { area: number; points: [number, number][] } | null = null;
    for (let i = 0; i < contours.size(); i++) {
      const c = contours.get(i);
      const area = cv.contourArea(c);
      if (area > (best?.area ?? 0.2 * w * h)) {
        const approx = new cv.Mat();
        cv.approxPolyDP(c, approx, 0.02 * cv.arcLength(c, true), true);
        if (approx.rows === 4 && cv.isContourConvex(approx)) {
          const pts: [number, number][] = [];
          for (let k = 0; k < 4; k++) pts.push([approx.data32S[2 * k], approx.data32S[2 * k + 1]]);
          best = { area, points: pts };
        }
        approx.delete();
      }
      c.delete();
    }
    if (!best) return { image: png, width: w, height: h };
    const [tl, tr, br, bl] = order(best.points);
    // A sheet that fills the picture with square corners is a scan (or a photo already cropped): leave it.
    const margin = 0.03 * Math.max(w, h);
    const fills = dist(tl, [0, 0]) < margin && dist(tr, [w - 1, 0]) < margin && dist(br, [w - 1, h - 1]) < margin && dist(bl, [0, h - 1]) < margin;
    const square = Math.abs(tl[1] - tr[1]) < margin / 3 && Math.abs(tl[0] - bl[0]) < margin / 3 && Math.abs(bl[1] - br[1]) < margin / 3 && Math.abs(tr[0] - br[0]) < margin / 3;
    if (fills || (square && best.area > 0.9 * w * h)) return { image: png, width: w, height: h };
    const outW = Math.round(Math.max(dist(tl, tr), dist(bl, br)));
    const outH = Math.round(Math.max(dist(tl, bl), dist(tr, br)));
    const src = cv.matFromArray(4, 1, cv.CV_32FC2, [...tl, ...tr, ...br, ...bl]);
    const dst = cv.matFromArray(4, 1, cv.CV_32FC2, [0, 0, outW - 1, 0, outW - 1, outH - 1, 0, outH - 1]);
    const m = cv.getPerspectiveTransform(src, dst);
    const colour = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const input = cv.matFromArray(h, w, colour.info.channels === 3 ? cv.CV_8UC3 : cv.CV_8UC1, colour.data);
    const out = new cv.Mat();
    cv.warpPerspective(input, out, m, new cv.Size(outW, outH), cv.INTER_LINEAR, cv.BORDER_CONSTANT, new cv.Scalar(255, 255, 255, 255));
    const image = await sharp(Buffer.from(out.data), { raw: { width: outW, height: outH, channels: colour.info.channels } }).png(PAGE_PNG).toBuffer();
    for (const x of [src, dst, m, input, out]) x.delete();
    return { image, width: outW, height: outH, corners: [tl, tr, br, bl] };
  } finally {
    for (const x of [grey, mask, contours, hierarchy]) x.delete();
  }
}
