import { FORM_SPECS } from "./forms.js";
import { normaliseForMatch } from "./fields.js";
/** The title region: lines in the top fifth of the page, or the first three lines. */
function titleLines(lines, pageHeight) {
    const sorted = [...lines].sort((a, b) => a.bbox[1] - b.bbox[1]);
    const top = sorted.filter((l) => l.bbox[1] < pageHeight * 0.2);
    return top.length > 0 ? top.slice(0, 4) : sorted.slice(0, 3);
}
/**
 * The form whose title pattern matches the most of `text`: 教师花名册 is a teacher list though 花名册
 * alone is a roster.
 */
function mostSpecific(text, patterns) {
    let best;
    let length = 0;
    for (const spec of FORM_SPECS) {
        for (const re of patterns(spec) ?? []) {
            const m = re.exec(text);
            if (m && m[0].length > length) {
                best = spec;
                length = m[0].length;
            }
        }
    }
    return best;
}
export function classifyPage(page, lines, pageHeight) {
    const squash = (l) => normaliseForMatch(l.text).replace(/\s+/g, '');
    for (const line of titleLines(lines, pageHeight)) {
        // A title is a short line that does not start with a number (table rows of a continued page do).
        if (/^\d/.test(squash(line)) || squash(line).length > 32)
            continue;
        const spec = mostSpecific(squash(line), (s) => s.titles);
        if (spec)
            return { page, type: spec.type, confidence: Math.round(line.confidence * 1000) / 1000, title: line.text };
    }
    // No title: only forms that show themselves in the body (an ID card's 公民身份号码) are recognised there;
    // anything else continues the document before it.
    for (const line of lines) {
        const spec = FORM_SPECS.find((s) => s.inBody?.some((re) => re.test(squash(line))));
        if (spec)
            return { page, type: spec.type, confidence: Math.round(Math.min(0.7, line.confidence) * 1000) / 1000, title: line.text };
    }
    return { page, type: null, confidence: 0 };
}
export function groupPages(classes) {
    const docs = [];
    let lastFile;
    for (const c of classes) {
        const sameFile = docs.length > 0 && c.file === lastFile;
        lastFile = c.file;
        const last = sameFile ? docs[docs.length - 1] : undefined;
        if (c.type === null) {
            if (last)
                last.pages.push(c.page);
            else
                docs.push({ type: 'other', pages: [c.page], confidence: 0.3 });
        }
        else if (last && last.type === c.type && last.type !== 'sign-in-sheet') {
            // Each sign-in sheet is one teaching unit; other forms run on over pages.
            last.pages.push(c.page);
        }
        else {
            docs.push({ type: c.type, pages: [c.page], confidence: c.confidence, title: c.title });
        }
    }
    return docs;
}
//# sourceMappingURL=classify.js.map