// Simplified Chinese for pdf-lib. @pdf-lib/fontkit writes broken CJK glyphs for many fonts; upstream
// fontkit 2.x subsets them correctly, so pdf-lib gets fontkit 2 behind this small adapter (pdf-lib wants
// subset.encodeStream(), fontkit 2 has subset.encode()).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

const require = createRequire(import.meta.url);

/** Noto Sans SC (SIL OFL 1.1) as shipped by npm @expo-google-fonts/noto-sans-sc. */
export function fontPath(weight: 'regular' | 'bold' = 'regular'): string {
  const dir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  return weight === 'bold' ? path.join(dir, '700Bold/NotoSansSC_700Bold.ttf') : path.join(dir, '400Regular/NotoSansSC_400Regular.ttf');
}

interface SubsetLike {
  includeGlyph(glyph: unknown): number;
  encode(): Uint8Array;
}

class Emitter {
  private handlers = new Map<string, (arg?: unknown) => void>();
  on(event: string, fn: (arg?: unknown) => void) {
    this.handlers.set(event, fn);
    return this;
  }
  emit(event: string, arg?: unknown) {
    this.handlers.get(event)?.(arg);
  }
}

const fontkitForPdfLib = {
  create(data: Uint8Array) {
    const font = fontkit.create(Buffer.from(data)) as unknown as { createSubset(): SubsetLike } & Record<string, unknown>;
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset() as SubsetLike & { encodeStream?: () => Emitter };
      subset.encodeStream = () => {
        const e = new Emitter();
        // pdf-lib attaches its listeners first; emit on the next tick.
        setImmediate(() => {
          try {
            e.emit('data', subset.encode());
            e.emit('end');
          } catch (err) {
            e.emit('error', err);
          }
        });
        return e;
      };
      return subset;
    };
    return font;
  },
};

const cache = new Map<string, Promise<Buffer>>();
function bytes(p: string): Promise<Buffer> {
  let b = cache.get(p);
  if (!b) {
    b = readFile(p);
    cache.set(p, b);
  }
  return b;
}

export async function embedChineseFont(doc: PDFDocument, weight: 'regular' | 'bold' = 'regular'): Promise<PDFFont> {
  doc.registerFontkit(fontkitForPdfLib as never);
  // The six-letter tag marks a subset font (PDF 32000 §9.6.4); readers and pdffonts rely on it.
  const customName = weight === 'bold' ? 'NTKSCB+NotoSansSC-Bold' : 'NTKSCR+NotoSansSC-Regular';
  return doc.embedFont(await bytes(fontPath(weight)), { subset: true, customName });
}

/** A glyph outline in font units (fontkit's Path): drawn as a vector path, it is a picture, not text. */
export interface OutlinePath {
  scale(sx: number, sy?: number): OutlinePath;
  rotate(angle: number): OutlinePath;
  translate(x: number, y: number): OutlinePath;
  toSVG(): string;
}

export interface GlyphOutlines {
  unitsPerEm: number;
  outline(ch: string): { path: OutlinePath; advance: number };
}

const outlines = new Map<string, Promise<GlyphOutlines>>();

/**
 * The font's glyphs as outlines. The seal's characters are drawn with them, so that a notice's text layer
 * holds only its words: a seal drawn as text scrambles every copy-paste and `pdftotext` of the notice.
 */
export function chineseOutlines(weight: 'regular' | 'bold' = 'bold'): Promise<GlyphOutlines> {
  let o = outlines.get(weight);
  if (!o) {
    o = bytes(fontPath(weight)).then((b) => {
      const font = fontkit.create(b) as { unitsPerEm: number; layout(s: string): { glyphs: { path: OutlinePath; advanceWidth: number }[] } };
      return {
        unitsPerEm: font.unitsPerEm,
        outline(ch: string) {
          const g = font.layout(ch).glyphs[0]!;
          return { path: g.path, advance: g.advanceWidth };
        },
      };
    });
    outlines.set(weight, o);
  }
  return o;
}
