// Tick boxes ticked by hand (a pen's ✓ or ×, which OCR does not read as text) on Qidong 附件1: the
// applicant's kind and the materials it says it submits come from the marks on the page image.
import { describe, expect, it } from 'vitest';
import { extractPacket } from '../../lib/extract/index.ts';
import { PaddleOcr } from '../../lib/extract/ocr/paddle.ts';
import { QIDONG_MATERIALS, qidongFilingPage, rng, scanLook } from '../corpus/generate.ts';

const ocr = new PaddleOcr();

describe('tick boxes ticked by hand (Qidong 附件1)', () => {
  for (const [applicant, mark, materials] of [
    ['institution', 'check', [true, true, false, true, false, true]],
    ['enterprise', 'cross', [false, true, true, false, true, false]],
  ] as const) {
    it(`□培训机构 □企业 with ${applicant} marked by a ${mark}, and the materials ticked, are read from the page`, async () => {
      const scan = await scanLook(qidongFilingPage({ applicant, materials: [...materials], mark, seed: 5 }).toBuffer('image/png'), rng(3));
      const x = await extractPacket([{ name: 'qidong.jpg', bytes: scan }], { ocr });
      const d = x.documents.find((doc) => doc.type === 'institution-application')!;
      expect(d, JSON.stringify(x.documents.map((doc) => doc.type))).toBeDefined();
      expect(d.fields.applicantKind?.value).toBe(applicant);
      const rows = d.tables?.materials ?? [];
      expect(rows.map((row) => row.checked?.value)).toEqual(materials);
      expect(rows.map((row) => String(row.item?.value)).join('|')).toContain(QIDONG_MATERIALS[1]);
      // The boxes that decided are kept with the page's layout, as Textract's selection elements are.
      const kept = x.layout?.find((l) => l.page === 1)?.checkboxes ?? [];
      expect(kept.find((c) => c.bbox.join() === d.fields.applicantKind?.bbox?.join())?.checked).toBe(true);
      expect(kept.filter((c) => !c.checked).length).toBeGreaterThanOrEqual(1);
    }, 60_000);
  }

  it('with neither kind ticked, the applicant\'s kind is not guessed', async () => {
    const scan = await scanLook(qidongFilingPage({ applicant: null, materials: [true, false, false, false, false, false], mark: 'check', seed: 6 }).toBuffer('image/png'), rng(4));
    const d = (await extractPacket([{ name: 'qidong.jpg', bytes: scan }], { ocr })).documents.find((doc) => doc.type === 'institution-application')!;
    expect(d.fields.applicantKind).toBeUndefined();
    expect(d.tables?.materials?.[0]?.checked?.value).toBe(true);
  }, 60_000);
});
