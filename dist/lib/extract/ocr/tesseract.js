// Tesseract (chi_sim) behind the same OCR port: the peer baseline of `npm run bench:extract`, run as the
// Debian `tesseract` command (package tesseract-ocr-chi-sim). Words of a TSV line become one OcrLine.
import { spawn } from 'node:child_process';
export class TesseractOcr {
    lang;
    name = 'tesseract-chi_sim';
    /** Peak resident memory of the tesseract processes run so far, in kB (from /usr/bin/time when present). */
    peakRssKb = 0;
    constructor(lang = 'chi_sim') {
        this.lang = lang;
    }
    recognise(image) {
        return new Promise((resolve, reject) => {
            const args = ['stdin', 'stdout', '-l', this.lang, '--psm', '3', 'tsv'];
            // /usr/bin/time -f %M reports the child's peak RSS on stderr's last line.
            const child = spawn('/usr/bin/time', ['-f', 'MAXRSS %M', 'tesseract', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
            let out = '';
            let err = '';
            child.stdout.on('data', (d) => (out += d));
            child.stderr.on('data', (d) => (err += d));
            child.on('error', (e) => reject(new Error(`tesseract could not start (${e.message}); apt-get install tesseract-ocr-chi-sim`)));
            child.on('close', (code) => {
                const m = /MAXRSS (\d+)/.exec(err);
                if (m)
                    this.peakRssKb = Math.max(this.peakRssKb, Number(m[1]));
                if (code !== 0)
                    return reject(new Error(`tesseract failed (${code}): ${err.trim().split('\n').slice(-2).join(' ')}`));
                resolve(linesFromTsv(out));
            });
            child.stdin.end(image);
        });
    }
}
/** TSV rows (level 5 = word) grouped by block/paragraph/line into lines with a bbox and mean confidence. */
export function linesFromTsv(tsv) {
    const groups = new Map();
    for (const row of tsv.split('\n').slice(1)) {
        const c = row.split('\t');
        if (c.length < 12 || c[0] !== '5')
            continue;
        const text = c[11].trim();
        const conf = Number(c[10]);
        if (!text || conf < 0)
            continue;
        const [left, top, width, height] = [Number(c[6]), Number(c[7]), Number(c[8]), Number(c[9])];
        const id = `${c[1]}.${c[2]}.${c[3]}.${c[4]}`;
        const g = groups.get(id) ?? { words: [], confs: [], box: [left, top, left + width, top + height] };
        g.words.push(text);
        g.confs.push(conf / 100);
        g.box = [Math.min(g.box[0], left), Math.min(g.box[1], top), Math.max(g.box[2], left + width), Math.max(g.box[3], top + height)];
        groups.set(id, g);
    }
    // chi_sim splits Chinese into one "word" per character or two; joined without spaces, Latin runs with.
    return [...groups.values()].map((g) => ({
        text: g.words.reduce((s, w) => (s && /[A-Za-z0-9]$/.test(s) && /^[A-Za-z0-9]/.test(w) ? `${s} ${w}` : s + w), ''),
        confidence: g.confs.reduce((a, b) => a + b, 0) / g.confs.length,
        bbox: g.box,
    }));
}
//# sourceMappingURL=tesseract.js.map