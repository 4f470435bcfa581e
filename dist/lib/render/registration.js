// Zibo 附件4 淄博市职业技能培训机构名单备案表: the district files the institutions it signed with the city
// centre. Made for each accepted Zibo filing, one row per occupation applied for (附件2 表一 per occupation).
import { newDocument } from "./document.js";
import { rgb } from 'pdf-lib';
import { embedChineseFont } from "./font.js";
import { A4_LANDSCAPE, drawTable, TABLE_MARGIN } from "./table.js";
const COLUMNS = [
    { header: '序号', width: 36, cell: (_r, i) => String(i + 1) },
    { header: '培训机构名称', width: 170, cell: (r) => r.institutionName },
    { header: '培训类别', width: 90, cell: (r) => r.category },
    { header: '培训专业或职业（工种）名称', width: 140, cell: (r) => r.occupation },
    { header: '培训机构地址', width: 150, cell: (r) => r.address },
    { header: '联系电话', width: 80, cell: (r) => r.phone },
    { header: '联系人', width: 50, cell: (r) => r.contact },
    { header: '备注', width: 0, cell: (r) => r.remark },
];
export async function renderRegistration(input) {
    const title = `淄博市${input.year}年度职业技能培训机构名单备案表`;
    const doc = await newDocument({ title, date: input.date });
    const regular = await embedChineseFont(doc, 'regular');
    const bold = await embedChineseFont(doc, 'bold');
    const page = doc.addPage(A4_LANDSCAPE);
    let y = A4_LANDSCAPE[1] - TABLE_MARGIN;
    page.drawText(title, { x: (A4_LANDSCAPE[0] - bold.widthOfTextAtSize(title, 18)) / 2, y: y - 18, size: 18, font: bold });
    y -= 40;
    page.drawText(`区县：${input.district}（盖章）`, { x: TABLE_MARGIN, y: y - 11, size: 11, font: regular });
    y -= 22;
    drawTable(doc, { page, y }, COLUMNS, input.rows, { regular, bold });
    const pages = doc.getPages();
    pages.forEach((p, i) => {
        const f = `${title} · 第${i + 1}页 共${pages.length}页`;
        p.drawText(f, { x: (A4_LANDSCAPE[0] - regular.widthOfTextAtSize(f, 8)) / 2, y: 24, size: 8, font: regular, color: rgb(0.35, 0.35, 0.35) });
    });
    return doc.save({ useObjectStreams: true });
}
//# sourceMappingURL=registration.js.map