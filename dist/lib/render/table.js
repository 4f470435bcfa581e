// A ruled table over as many landscape A4 pages as it needs, the header repeated on each: the 公示 list and
// Zibo's 附件4 registration table are drawn with it.
import { rgb } from 'pdf-lib';
export const A4_LANDSCAPE = [841.89, 595.28];
export const TABLE_MARGIN = 48;
const BLACK = rgb(0, 0, 0);
/** Draws header and rows from cursor.y down, adding pages as needed; returns where it ended. */
export function drawTable(doc, at, columns, rows, fonts) {
    const total = A4_LANDSCAPE[0] - TABLE_MARGIN * 2;
    const fixed = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width === 0 ? Math.max(40, total - fixed) : c.width));
    let { page, y } = at;
    const rowH = 20;
    const drawRow = (cells, font, shade) => {
        let x = TABLE_MARGIN;
        if (shade)
            page.drawRectangle({ x, y: y - rowH, width: total, height: rowH, color: rgb(0.93, 0.93, 0.93) });
        cells.forEach((c, i) => {
            const w = widths[i];
            page.drawRectangle({ x, y: y - rowH, width: w, height: rowH, borderColor: BLACK, borderWidth: 0.6, opacity: 0 });
            let size = 9.5;
            while (size > 5 && font.widthOfTextAtSize(c, size) > w - 6)
                size -= 0.5;
            page.drawText(c, { x: x + 3, y: y - rowH + 6, size, font, color: BLACK });
            x += w;
        });
        y -= rowH;
    };
    const header = () => drawRow(columns.map((c) => c.header), fonts.bold, true);
    header();
    rows.forEach((r, i) => {
        if (y - rowH < TABLE_MARGIN + 40) {
            page = doc.addPage(A4_LANDSCAPE);
            y = A4_LANDSCAPE[1] - TABLE_MARGIN;
            header();
        }
        drawRow(columns.map((c) => c.cell(r, i)), fonts.regular, false);
    });
    return { page, y };
}
//# sourceMappingURL=table.js.map