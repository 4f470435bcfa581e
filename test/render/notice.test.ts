// Notices checked as a person would: pdftotext for the words, pdffonts for embedding, and a page
// rendered by MuPDF (not poppler, which substitutes installed CJK fonts) for glyphs that really draw.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../lib/domain/schemas.ts';
import jsQRModule from 'jsqr';
import { VERIFY_URL } from '../../lib/config.ts';
import { NOTICE_TITLES, qrPayload, renderNotice, verificationCodeFor, wrap, type NoticeKind } from '../../lib/render/notice.ts';
import { PDFDocument } from 'pdf-lib';
import { embedChineseFont } from '../../lib/render/font.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'intake-notice-'));
const issuer = { name: '绍兴市人力资源和社会保障局', docPrefix: '绍人社培' };
const finding: Finding = {
  ruleId: 'SX-OPEN-DOCS-6',
  severity: 'error',
  outcome: 'SUPPLEMENT_ONCE',
  message: '缺少培训办班承诺书，请补正。',
  source: { file: '002_eaa3f98e07178ada.txt', section: '附件1 培训开班申请资料清单 第6项', quote: '6.培训办班承诺书一份；' },
};

async function render(kind: NoticeKind, findings: Finding[] = [finding]) {
  const bytes = await renderNotice({ kind, issuer, caseNumber: 'SX-2026-7F3K9QAB9C', institutionName: '诸暨市明德职业技能培训有限公司', subject: '保育师（四级）2期培训班开班申请', findings, date: '2026-11-22' });
  const file = path.join(tmp, `${kind}.pdf`);
  writeFileSync(file, bytes);
  return { bytes, file, text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, '') };
}

describe('notice PDFs', () => {
  it('a supplement notice names the case, the institution, what is missing and the clause', async () => {
    const { text } = await render('supplement');
    expect(text).toContain('补正材料通知书');
    expect(text).toContain('SX-2026-7F3K9QAB9C');
    expect(text).toContain('诸暨市明德职业技能培训有限公司');
    expect(text).toContain('缺少培训办班承诺书');
    expect(text).toContain('6.培训办班承诺书一份');
    expect(text).toContain('2026年11月22日');
  });

  it('reads as the bureau wrote it: no rule id on the page, the seal a picture (its name is not in the text), lines in reading order', async () => {
    const { text } = await render('rejection');
    expect(text).not.toContain('SX-OPEN-DOCS-6');
    expect(text).not.toContain('规则');
    // The seal's 业务专用章 and its arc of characters are paths: the issuer's name appears as often as it is written (letterhead, signature).
    expect(text).not.toContain('业务专用章');
    expect(text.split('绍兴市人力资源和社会保障局').length - 1).toBe(2);
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines.indexOf('不予受理通知书')).toBeGreaterThan(lines.findIndex((l) => l.startsWith('绍人社培')));
    expect(lines.findIndex((l) => l.startsWith('诸暨市明德'))).toBeGreaterThan(lines.indexOf('不予受理通知书'));
  });

  it('never breaks a code, a number or a standard across lines', async () => {
    const doc = await PDFDocument.create();
    const font = await embedChineseFont(doc);
    const text = '依据山东省地方标准DB37/T 4498-2022第6.4.4条，案件QD-2026-7F3K9QAB9C的联系电话13857512345与班级编号SX2026-031均须核对无误后重新报送补正材料。';
    for (const width of [120, 160, 200, 260, 330, 400]) {
      const lines = wrap(text, font, 12, width);
      expect(lines.join('')).toBe(text);
      for (const code of ['DB37/T 4498-2022', 'QD-2026-7F3K9QAB9C', '13857512345', 'SX2026-031', '6.4.4']) {
        expect(lines.some((l) => l.includes(code)), `${code} whole at width ${width}: ${lines.join(' | ')}`).toBe(true);
      }
    }
  });

  for (const kind of Object.keys(NOTICE_TITLES) as NoticeKind[]) {
    it(`${kind}: title ${NOTICE_TITLES[kind]}, font embedded as a subset, under 150 KB`, async () => {
      const { bytes, file, text } = await render(kind, kind === 'acceptance' ? [] : [finding]);
      expect(text).toContain(NOTICE_TITLES[kind]);
      expect(bytes.byteLength).toBeLessThan(150 * 1024);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) {
        expect(f).toMatch(/^[A-Z]{6}\+NotoSansSC/);
        expect(f).toMatch(/\byes\s+yes\s+yes\b/); // emb sub uni
      }
    });
  }

  it("Shaoxing's warning is 附件4 field by field: the day and class inspected, the problems, 7 working days and the make-up lesson", async () => {
    const bytes = await renderNotice({ kind: 'warning', issuer, caseNumber: 'SX-2026-7F3K9QAB9C', institutionName: '诸暨市明德职业技能培训有限公司', subject: '签到考勤', className: '保育师（四级）2期培训班', findings: [finding], date: '2026-09-29', rectifyBy: '2026-10-14', inspectedOn: '2026-09-21' });
    const file = path.join(tmp, 'warning-sx.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('绍兴市职业培训不规范行为书面警告通知书');
    // The day of the session inspected, not the day the notice is issued (2026-09-29).
    expect(text).toContain('于2026年9月21日，对你单位的保育师（四级）2期培训班进行职业培训监督考核，发现以下问题：');
    expect(text).toContain('依据《职业培训指导流程》，现对你单位发放《职业培训不规范行为书面警告通知书》，希望你单位能够引起重视，制订整改措施，于7个工作日内完成整改，并对本次课程进行补课。');
    expect(text).toContain('整改期限至2026年10月14日');
  });

  it('draws real glyphs and a red seal (rendered by MuPDF)', async () => {
    const { file } = await render('acceptance', []);
    const png = path.join(tmp, 'page.png');
    execFileSync('mutool', ['draw', '-q', '-r', '50', '-o', png, file, '1']);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    let dark = 0;
    let red = 0;
    for (let i = 0; i < data.length; i += info.channels) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (r < 100 && g < 100 && b < 100) dark++;
      if (r > 180 && g < 90 && b < 90) red++;
    }
    expect(dark).toBeGreaterThan(1500); // body text in black
    expect(red).toBeGreaterThan(1500); // issuing body, rule and seal in red
  });

  it('the same case renders the same bytes (so a duplicate worker cannot change the hash)', async () => {
    const a = await render('supplement');
    const b = await render('supplement');
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('carries a QR code that a phone reads as the case number and the verification code printed beside it', async () => {
    const code = verificationCodeFor('SX-2026-7F3K9QAB9C', 'acceptance', '2026-11-22');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(verificationCodeFor('SX-2026-7F3K9QAB9C', 'acceptance', '2026-11-22')).toBe(code); // a replay prints the same
    expect(verificationCodeFor('SX-2026-7F3K9QAB9C', 'rejection', '2026-11-22')).not.toBe(code);
    const bytes = await renderNotice({ kind: 'acceptance', issuer, caseNumber: 'SX-2026-7F3K9QAB9C', institutionName: '诸暨市明德职业技能培训有限公司', subject: '开班申请', findings: [], date: '2026-11-22', verificationCode: code });
    const file = path.join(tmp, 'qr.pdf');
    writeFileSync(file, bytes);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain(`验证码 ${code}`);
    execFileSync('mutool', ['draw', '-q', '-r', '150', '-o', path.join(tmp, 'qr.png'), file, '1']);
    const { data, info } = await sharp(path.join(tmp, 'qr.png')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    // jsqr's CommonJS default export: its types describe the ES module namespace.
    const jsQR = jsQRModule as unknown as (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null;
    const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
    expect(found?.data).toBe(qrPayload(VERIFY_URL, code));
    expect(found?.data).toMatch(/^https?:\/\/.+\/verify\?code=[0-9A-Z]{10}$/); // a phone opens it
  });
});
