// The 公示 list: who is about to be paid (refused trainees left out), ID digits hidden (Heze 第二十七条), for
// five working days counted on the holiday calendar (Liaocheng 五).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseRecord, ExtractedDocument, Finding } from '../../lib/domain/schemas.ts';
import { publicityPeriod, publicityRows } from '../../lib/cases/publicity.ts';
import { renderPublicity, UnmaskedIdError } from '../../lib/render/publicity.ts';
import { resolvePack } from '../../lib/rules/pack.ts';

const v = (value: string | number) => ({ value });
function claimCase(caseNumber: string, outcome: CaseRecord['outcome'], trainees: [string, string][], findings: Finding[] = [], amount = 3000): CaseRecord {
  const documents: ExtractedDocument[] = [
    { type: 'subsidy-claim-application', pages: [1], confidence: 1, fields: { occupation: v('电工'), level: v('四级'), amount: v(amount), classCode: v('LC-1') } },
    { type: 'roster', pages: [2], confidence: 1, fields: {}, tables: { trainees: trainees.map(([name, id], i) => ({ seq: v(i + 1), name: v(name), idNumber: v(id) })) } },
  ];
  return {
    caseId: caseNumber, caseNumber, jurisdiction: 'liaocheng', submissionType: 'subsidy-claim', institution: 'inst-1', institutionName: '聊城市东昌府区测试职业培训学校', packet: 'p',
    outcome, status: 'decided', uploads: [], documents, findings, pdfs: [], pageCount: 2, createdAt: '2026-11-20T02:00:00Z',
  };
}
const refused: Finding = { ruleId: 'SD-CLAIM-ANNUAL-CAP', severity: 'error', outcome: 'NO_SUBSIDY', message: 'm', source: { file: 'f', section: 's', quote: 'q' }, rows: [2] };

describe('the 公示 list', () => {
  it('lists the trainees of accepted claims, leaves out the ones a finding refused, hides ID digits and shares the amount', () => {
    const rows = publicityRows([
      claimCase('LC-2026-A', 'accepted', [['张伟', '11010519491231002X'], ['李娜', '440524188001010014'], ['王芳', '110101199003074477']], [refused]),
      claimCase('LC-2026-B', 'rejected', [['赵磊', '110101199003074477']]),
      claimCase('LC-2026-C', 'supplement-required', [['钱明', '110101199003074477']]),
    ]);
    expect(rows.map((r) => [r.name, r.idMasked, r.amount, r.occupation, r.caseNumber])).toEqual([
      ['张伟', '110105********002X', 1000, '电工（四级）', 'LC-2026-A'],
      ['王芳', '110101********4477', 1000, '电工（四级）', 'LC-2026-A'],
    ]);
  });

  it('runs five working days from the first working day, over holidays (National Day 2026)', () => {
    expect(publicityPeriod('2026-11-20', 5)).toEqual({ from: '2026-11-20', to: '2026-11-26', workingDays: 5 }); // Friday → Thursday
    expect(publicityPeriod('2026-11-22', 5)).toEqual({ from: '2026-11-23', to: '2026-11-27', workingDays: 5 }); // Sunday: from Monday
    expect(publicityPeriod('2026-09-30', 5).to! > '2026-10-07').toBe(true); // the National Day week is not counted
  });

  it('renders a landscape list with the period, the clause and the seal; an ID in clear is refused', async () => {
    const pack = resolvePack('liaocheng');
    const rows = publicityRows([claimCase('LC-2026-A', 'accepted', [['张伟', '11010519491231002X'], ['王芳', '110101199003074477']])]);
    const bytes = await renderPublicity({ issuer: pack.issuer, cityName: pack.name, date: '2026-11-20', period: publicityPeriod('2026-11-20', pack.publicity!.workingDays!), rows, basis: pack.publicity!.source.quote });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'intake-pub-')), 'pub.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('聊城市职业培训补贴拟发放名单公示');
    expect(text).toContain('公示期为2026年11月20日至2026年11月26日（5个工作日）');
    expect(text).toContain('110105********002X');
    expect(text).not.toContain('11010519491231002X');
    expect(text).toContain('将拟拨付情况向社会公示5个工作日');
    expect(bytes.byteLength).toBeLessThan(150 * 1024);
    await expect(renderPublicity({ issuer: pack.issuer, cityName: pack.name, date: '2026-11-20', period: publicityPeriod('2026-11-20', 5), rows: [{ ...rows[0]!, idMasked: '11010519491231002X' }], basis: '' })).rejects.toThrow(UnmaskedIdError);
  });

  it('Heze and Qidong, whose seeds set no period, get no invented one: the end is left for the bureau to write', async () => {
    for (const city of ['heze', 'qidong'] as const) {
      const pack = resolvePack(city);
      expect(pack.publicity?.workingDays).toBeUndefined();
      const period = publicityPeriod('2026-11-20', pack.publicity?.workingDays ?? null);
      expect(period).toEqual({ from: '2026-11-20', to: null, workingDays: null });
      const rows = publicityRows([claimCase('HZ-2026-A', 'accepted', [['张伟', '11010519491231002X']])]);
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'intake-pub-')), 'pub.pdf');
      writeFileSync(file, await renderPublicity({ issuer: pack.issuer, cityName: pack.name, date: '2026-11-20', period, rows, basis: '' }));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain('公示期为2026年11月20日至年月日');
      expect(text).not.toContain('个工作日');
    }
  });
});
