import type { BBox } from '../../domain/schemas.ts';

/** One line of text found on a page image. */
export interface OcrLine {
  text: string;
  /** 0–1, the recogniser's mean character probability. */
  confidence: number;
  /** Each character's probability, one per code point of `text`, where the engine gives them. */
  charConfidence?: number[];
  /**
   * For each code point of `text`, the recogniser's next likeliest readings with their probabilities (the
   * character read first), where the engine gives them: a doubtful surname can be weighed against them.
   */
  charAlternatives?: [string, number][][];
  /** [x0, y0, x1, y1] in pixels of the page image. */
  bbox: BBox;
  /**
   * Where the engine found the line's pieces (text boxes it joined into one line, with spaces between):
   * the code points [start, end) of `text` lie in `bbox`. Cells of a table row are such pieces.
   */
  pieces?: { start: number; end: number; bbox: BBox }[];
  /**
   * Where each code point of `text` lies across the page, [x0, x1] in pixels, where the engine knows (the
   * recogniser's frames): a line that crosses a table's ruling is split at the ruling by these, not by guess.
   */
  charX?: [number, number][];
}

/** The OCR port: PaddleOCR on onnxruntime here, Textract on AWS, anything else behind it. */
export interface OcrEngine {
  readonly name: string;
  recognise(pngOrJpeg: Buffer): Promise<OcrLine[]>;
  /**
   * One line's image read as it is, no text boxes looked for (a cell's crop whose writing the page's
   * detector passed over: a lone handwritten 0 or 兼). Its box and positions in the crop's pixels; null
   * where nothing is read. Engines without it leave such cells empty.
   */
  readLine?(pngOrJpeg: Buffer): Promise<OcrLine | null>;
}
