// The agreement an accepted institution filing leads to, filled in: Zibo 附件3 职业技能培训协议书 and Qidong
// 附件2 补贴性职业技能培训备案协议. The text is the seed's (lib/render/agreements/*.json, extracted from
// lib/jurisdictions/sources/ with its line wraps joined); only the blanks are filled.
import { newDocument } from "./document.js";
import { readFileSync } from 'node:fs';
import { rgb } from 'pdf-lib';
import { z } from 'zod';
import { embedChineseFont } from "./font.js";
import { wrap } from "./notice.js";
const AgreementText = z.object({
    title: z.array(z.string()).min(1),
    source: z.object({ file: z.string(), section: z.string() }),
    paragraphs: z.array(z.string()).min(1),
});
export const AGREEMENT_JURISDICTIONS = ['zibo', 'qidong'];
export function agreementText(j) {
    return AgreementText.parse(JSON.parse(readFileSync(new URL(`./agreements/${j}.json`, import.meta.url), 'utf8')));
}
const dateZh = (iso) => {
    const [y, m, d] = iso.split('-').map(Number);
    return `${y}年${m}月${d}日`;
};
/** The seed's paragraphs with the blanks filled. */
export function filledParagraphs(input) {
    const t = agreementText(input.jurisdiction);
    return t.paragraphs.map((p) => {
        if (/^甲方[（：]/.test(p) && p.endsWith('：'))
            return `${p}${input.partyA}`;
        if (/^甲方：/.test(p))
            return p; // Qidong names its 甲方 in the text
        if (/^乙方[（：]/.test(p) && p.endsWith('：'))
            return `${p}${input.partyB}`;
        if (/^，期限为两年/.test(p))
            return `${input.projects.join('、') || '（见备案申请表所列培训项目）'}，期限为两年（自${dateZh(input.start)}至${dateZh(input.end)}止）。`;
        return p;
    });
}
export async function renderAgreement(given) {
    const t = agreementText(given.jurisdiction);
    // Where the seed's text names its 甲方 (Qidong: 启东市劳动就业管理处), that body signs.
    const named = t.paragraphs.find((p) => /^甲方：.+/.test(p))?.slice(3);
    const input = named ? { ...given, partyA: named } : given;
    const doc = await newDocument({ title: `${t.title.join('')} ${input.partyB}`, author: input.partyA, subject: input.caseNumber, date: input.start });
    const font = await embedChineseFont(doc, 'regular');
    const bold = await embedChineseFont(doc, 'bold');
    const A4 = [595.28, 841.89];
    const M = 72;
    const W = A4[0] - 2 * M;
    let page = doc.addPage(A4);
    let y = A4[1] - M;
    const ensure = (h) => {
        if (y - h < 80) {
            page = doc.addPage(A4);
            y = A4[1] - M;
        }
    };
    for (const line of t.title) {
        ensure(30);
        page.drawText(line, { x: (A4[0] - bold.widthOfTextAtSize(line, 18)) / 2, y: y - 18, size: 18, font: bold });
        y -= 30;
    }
    y -= 10;
    for (const p of filledParagraphs(input)) {
        const heading = /^[一二三四五六七八九十]+、/.test(p);
        const size = 11.5;
        const indent = /^(甲方|乙方)/.test(p) ? 0 : size * 2;
        wrap(p, heading ? bold : font, size, W, indent).forEach((l, i) => {
            ensure(size * 1.8);
            page.drawText(l, { x: M + (i === 0 ? indent : 0), y: y - size, size, font: heading ? bold : font });
            y -= size * 1.8;
        });
    }
    // Signature block: both parties sign and seal on paper; the dates are the agreement's.
    ensure(130);
    y -= 24;
    const col = (x, lines) => lines.forEach((l, i) => page.drawText(l, { x, y: y - i * 24 - 12, size: 11.5, font }));
    col(M, ['甲方（盖章）：', input.partyA, '代表人（签名）：', `签订日期：${dateZh(input.start)}`]);
    col(M + W / 2 + 10, ['乙方（盖章）：', input.partyB, '负责人（签名）：', `签订日期：${dateZh(input.start)}`]);
    y -= 110;
    ensure(40);
    const term = `协议有效期：${dateZh(input.start)}至${dateZh(input.end)}。备案编号：${input.caseNumber}`;
    page.drawText(term, { x: M, y: y - 11, size: 10, font, color: rgb(0.25, 0.25, 0.25) });
    const pages = doc.getPages();
    pages.forEach((p, i) => {
        const f = `${t.title.join('')} · ${input.caseNumber} · 第${i + 1}页 共${pages.length}页`;
        p.drawText(f, { x: (A4[0] - font.widthOfTextAtSize(f, 8.5)) / 2, y: 40, size: 8.5, font, color: rgb(0.35, 0.35, 0.35) });
    });
    return doc.save({ useObjectStreams: true });
}
//# sourceMappingURL=agreement.js.map