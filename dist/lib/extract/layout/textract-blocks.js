function pixels(b, width, height) {
    const g = b.Geometry?.BoundingBox ?? {};
    const x0 = (g.Left ?? 0) * width;
    const y0 = (g.Top ?? 0) * height;
    return [Math.round(x0), Math.round(y0), Math.round(x0 + (g.Width ?? 0) * width), Math.round(y0 + (g.Height ?? 0) * height)];
}
const related = (b, type) => (b.Relationships ?? []).filter((r) => r.Type === type).flatMap((r) => r.Ids ?? []);
/** One page's blocks (`page` for multi-page responses) as tables, check boxes and signatures. */
export function layoutFromTextract(blocks, width, height, page = 1) {
    const onPage = blocks.filter((b) => (b.Page ?? 1) === page);
    const byId = new Map(blocks.filter((b) => b.Id).map((b) => [b.Id, b]));
    const tables = onPage
        .filter((b) => b.BlockType === 'TABLE')
        .map((t) => {
        const cells = related(t, 'CHILD').map((id) => byId.get(id)).filter((c) => c?.BlockType === 'CELL');
        // A merged cell names the cells it covers: it stands once, with its span, in their place.
        const merged = related(t, 'MERGED_CELL').map((id) => byId.get(id)).filter((c) => c?.BlockType === 'MERGED_CELL');
        const covered = new Set(merged.flatMap((m) => related(m, 'CHILD')));
        const out = [...cells.filter((c) => !covered.has(c.Id)), ...merged].map((c) => ({
            bbox: pixels(c, width, height),
            row: (c.RowIndex ?? 1) - 1,
            col: (c.ColumnIndex ?? 1) - 1,
            rowSpan: c.RowSpan ?? 1,
            colSpan: c.ColumnSpan ?? 1,
        }));
        out.sort((a, b) => a.row - b.row || a.col - b.col);
        return {
            bbox: pixels(t, width, height),
            rows: Math.max(0, ...out.map((c) => c.row + c.rowSpan)),
            cols: Math.max(0, ...out.map((c) => c.col + c.colSpan)),
            cells: out,
        };
    })
        .filter((t) => t.cells.length > 0);
    return {
        tables,
        checkboxes: onPage.filter((b) => b.BlockType === 'SELECTION_ELEMENT').map((b) => ({ bbox: pixels(b, width, height), checked: b.SelectionStatus === 'SELECTED', confidence: (b.Confidence ?? 0) / 100 })),
        signatures: onPage.filter((b) => b.BlockType === 'SIGNATURE').map((b) => ({ bbox: pixels(b, width, height), confidence: (b.Confidence ?? 0) / 100 })),
    };
}
/**
 * Textract's LINE blocks as OCR lines, each word's confidence given to its characters (Textract does not
 * read Chinese well; the lines serve Latin-script pages and comparisons).
 */
export function linesFromTextract(blocks, width, height, page = 1) {
    const byId = new Map(blocks.filter((b) => b.Id).map((b) => [b.Id, b]));
    return blocks
        .filter((b) => b.BlockType === 'LINE' && (b.Page ?? 1) === page && b.Text)
        .map((l) => {
        const words = related(l, 'CHILD').map((id) => byId.get(id)).filter((w) => w?.BlockType === 'WORD' && Boolean(w.Text));
        const joined = words.map((w) => w.Text).join(' ');
        const charConfidence = joined === l.Text ? words.flatMap((w, i) => [...(i === 0 ? [] : [1]), ...[...w.Text].map(() => (w.Confidence ?? 0) / 100)]) : undefined;
        return { text: l.Text, confidence: (l.Confidence ?? 0) / 100, bbox: pixels(l, width, height), ...(charConfidence ? { charConfidence } : {}) };
    });
}
/** Textract's form fields (KEY_VALUE_SET): each key's text with its value's text and box. */
export function keyValuesFromTextract(blocks, width, height, page = 1) {
    const byId = new Map(blocks.filter((b) => b.Id).map((b) => [b.Id, b]));
    const text = (b) => related(b, 'CHILD')
        .map((id) => byId.get(id))
        .map((w) => (w?.BlockType === 'WORD' ? w.Text : w?.BlockType === 'SELECTION_ELEMENT' ? (w.SelectionStatus === 'SELECTED' ? '☑' : '☐') : undefined))
        .filter(Boolean)
        .join(' ');
    return blocks
        .filter((b) => b.BlockType === 'KEY_VALUE_SET' && (b.Page ?? 1) === page && b.EntityTypes?.includes('KEY'))
        .map((k) => {
        const v = related(k, 'VALUE').map((id) => byId.get(id)).find((x) => x !== undefined);
        return { key: text(k), value: v ? text(v) : '', bbox: v ? pixels(v, width, height) : pixels(k, width, height), confidence: Math.min(k.Confidence ?? 0, v?.Confidence ?? 0) / 100 };
    });
}
//# sourceMappingURL=textract-blocks.js.map