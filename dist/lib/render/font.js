// Simplified Chinese for pdf-lib. @pdf-lib/fontkit writes broken CJK glyphs for many fonts; upstream
// fontkit 2.x subsets them correctly, so pdf-lib gets fontkit 2 behind this small adapter (pdf-lib wants
// subset.encodeStream(), fontkit 2 has subset.encode()).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
const require = createRequire(import.meta.url);
/** Noto Sans SC (SIL OFL 1.1) as shipped by npm @expo-google-fonts/noto-sans-sc. */
export function fontPath(weight = 'regular') {
    const dir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
    return weight === 'bold' ? path.join(dir, '700Bold/NotoSansSC_700Bold.ttf') : path.join(dir, '400Regular/NotoSansSC_400Regular.ttf');
}
class Emitter {
    handlers = new Map();
    on(event, fn) {
        this.handlers.set(event, fn);
        return this;
    }
    emit(event, arg) {
        this.handlers.get(event)?.(arg);
    }
}
const fontkitForPdfLib = {
    create(data) {
        const font = fontkit.create(Buffer.from(data));
        const createSubset = font.createSubset.bind(font);
        font.createSubset = () => {
            const subset = createSubset();
            subset.encodeStream = () => {
                const e = new Emitter();
                // pdf-lib attaches its listeners first; emit on the next tick.
                setImmediate(() => {
                    try {
                        e.emit('data', subset.encode());
                        e.emit('end');
                    }
                    catch (err) {
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
const cache = new Map();
function bytes(p) {
    let b = cache.get(p);
    if (!b) {
        b = readFile(p);
        cache.set(p, b);
    }
    return b;
}
export async function embedChineseFont(doc, weight = 'regular') {
    doc.registerFontkit(fontkitForPdfLib);
    // The six-letter tag marks a subset font (PDF 32000 §9.6.4); readers and pdffonts rely on it.
    const customName = weight === 'bold' ? 'NTKSCB+NotoSansSC-Bold' : 'NTKSCR+NotoSansSC-Regular';
    return doc.embedFont(await bytes(fontPath(weight)), { subset: true, customName });
}
//# sourceMappingURL=font.js.map