// Every kind of PDF the system issues, rendered as a reader sees it (pdftoppm, 40 dpi, grey) and compared
// with the approved image in test/snapshots/ within a tolerance (anti-aliasing may differ a little between
// poppler builds; a moved block, a lost seal or a missing line does not pass). UPDATE_SNAPSHOTS=1 writes
// new approved images — look at them before committing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../lib/domain/schemas.ts';
import { publicityPeriod } from '../../lib/cases/publicity.ts';
import { renderAgreement } from '../../lib/render/agreement.ts';
import { renderBlankForm, templateFor } from '../../lib/render/forms.ts';
import { NOTICE_TITLES, renderNotice, type NoticeKind } from '../../lib/render/notice.ts';
import { renderPublicity } from '../../lib/render/publicity.ts';
import { stampReceivedPacket } from '../../lib/render/received.ts';
import { renderRegistration } from '../../lib/render/registration.ts';
import { resolvePack } from '../../lib/rules/pack.ts';
import { bornDigitalApplication } from '../corpus/born-digital.ts';

const DIR = path.resolve(import.meta.dirname, '../snapshots');
const tmp = mkdtempSync(path.join(tmpdir(), 'intake-snap-'));
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

async function page1(pdf: Uint8Array, name: string): Promise<{ data: Buffer; width: number; height: number }> {
  const file = path.join(tmp, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '40', '-gray', '-png', '-f', '1', '-l', '1', '-singlefile', file, path.join(tmp, name)]);
  const { data, info } = await sharp(path.join(tmp, `${name}.png`)).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function matches(pdf: Uint8Array, name: string) {
  const got = await page1(pdf, name);
  const approved = path.join(DIR, `${name}.png`);
  if (UPDATE || !existsSync(approved)) {
    if (!UPDATE) throw new Error(`no approved snapshot ${approved}; run with UPDATE_SNAPSHOTS=1 and look at it`);
    mkdirSync(DIR, { recursive: true });
    await sharp(got.data, { raw: { width: got.width, height: got.height, channels: 1 } }).png().toFile(approved);
    return;
  }
  const want = await sharp(approved).greyscale().raw().toBuffer({ resolveWithObject: true });
  expect([got.width, got.height], `${name}: page size`).toEqual([want.info.width, want.info.height]);
  let sum = 0;
  let differing = 0;
  for (let i = 0; i < got.data.length; i++) {
    const d = Math.abs(got.data[i]! - want.data[i]!);
    sum += d;
    if (d > 64) differing++;
  }
  const meanDiff = sum / got.data.length;
  const share = differing / got.data.length;
  // Calibrated: a re-render differs by 0; another addressee line moves 0.13 % of the pixels (mean 0.2). One
  // changed glyph (0.01 %) passes: the words are checked with pdftotext elsewhere, this is about the layout.
  expect(meanDiff, `${name}: mean grey difference`).toBeLessThan(0.1);
  expect(share, `${name}: share of pixels that changed`).toBeLessThan(0.0005);
}

const issuer = { name: '绍兴市人力资源和社会保障局', docPrefix: '绍人社培' };
const finding: Finding = {
  ruleId: 'SX-OPEN-DOCS-5', severity: 'error', outcome: 'SUPPLEMENT_ONCE', message: '缺少绍兴市职业培训办班合同一式三份，请补正。',
  source: { file: '002_eaa3f98e07178ada.txt', section: '附件1 办班申请材料清单 5', quote: '5.绍兴市职业培训办班合同一式三份' }, subject: '办班合同',
};

describe('rendered pages match their approved snapshots', () => {
  for (const kind of Object.keys(NOTICE_TITLES) as NoticeKind[]) {
    it(`notice: ${NOTICE_TITLES[kind]}`, async () => {
      const pdf = await renderNotice({ kind, issuer, caseNumber: 'SX-2026-7F3K9QAB9C', institutionName: '诸暨市明德职业技能培训有限公司', subject: '保育师（四级）2期培训班开班申请', findings: kind === 'acceptance' ? [] : [finding], date: '2026-11-22', verificationCode: 'K7P2M9QX3A' });
      await matches(pdf, `notice-${kind}`);
    });
  }

  it('the tolerance is tight enough to catch one changed line of a notice', async () => {
    const pdf = await renderNotice({ kind: 'supplement', issuer, caseNumber: 'SX-2026-7F3K9QAB9C', institutionName: '上虞区新华职业技能培训学校', subject: '保育师（四级）2期培训班开班申请', findings: [finding], date: '2026-11-22', verificationCode: 'K7P2M9QX3A' });
    if (UPDATE) return;
    await expect(matches(pdf, 'notice-supplement')).rejects.toThrow(/share of pixels|mean grey/);
  });

  it('blank form: Shaoxing 附件3 签到表', async () => {
    await matches(await renderBlankForm(templateFor('shaoxing', 'sign-in-sheet')), 'form-shaoxing-sign-in-sheet');
  });

  it('received packet, stamped', async () => {
    const application = await bornDigitalApplication({ institutionName: '绍兴市测试职业培训学校', className: '电工（四级）第1期', classCode: 'SX2026-001', startDate: '2027-06-01', traineeCount: 20 });
    const { pdf } = await stampReceivedPacket([{ name: 'a.pdf', bytes: application }], { issuer: issuer.name, caseNumber: 'SX-2026-7F3K9QAB9C', date: '2026-11-22' });
    await matches(pdf, 'received-stamped');
  });

  it('agreement: Qidong 附件2', async () => {
    const pdf = await renderAgreement({ jurisdiction: 'qidong', partyA: '', partyB: '启东市华东职业培训学校', projects: ['电工（四级）'], start: '2026-11-22', end: '2028-11-21', caseNumber: 'QD-2026-ABCDEFGHJK' });
    await matches(pdf, 'agreement-qidong');
  });

  it('公示 list: Liaocheng', async () => {
    const pack = resolvePack('liaocheng');
    const rows = ['张伟', '李娜', '王芳'].map((name) => ({ unit: '聊城市东昌府区测试职业培训学校', name, idMasked: '110105********002X', occupation: '电工（四级）', amount: 1000, caseNumber: 'LC-2026-9D962KFZTG' }));
    const pdf = await renderPublicity({ issuer: pack.issuer, cityName: pack.name, date: '2026-11-20', period: publicityPeriod('2026-11-20', 5), rows, basis: pack.publicity!.source.quote });
    await matches(pdf, 'publicity-liaocheng');
  });

  it('registration table: Zibo 附件4', async () => {
    const pdf = await renderRegistration({ year: 2026, district: '', date: '2026-11-22', rows: [{ institutionName: '淄博市张店区鲁中职业培训学校', category: '就业技能培训', occupation: '电工（四级）', address: '淄博市张店区华光路1号', phone: '0533-2123456', contact: '刘强', remark: '' }] });
    await matches(pdf, 'registration-zibo');
  });
});
