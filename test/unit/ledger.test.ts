// The 台账 ("一表通", Liaocheng 七（三）): classes with their trainees and subsidies, totals by period,
// institution and occupation; CSV that Excel opens in Chinese and that cannot smuggle a formula; no ID number.
import { describe, expect, it } from 'vitest';
import type { CaseRecord, ExtractedDocument, Finding } from '../../lib/domain/schemas.ts';
import { ledgerCsv, ledgerRows, ledgerTotals } from '../../lib/cases/ledger.ts';
import { caseEvent } from '../../lib/cases/events.ts';

const v = (value: string | number) => ({ value });
const roster = (ids: string[]): ExtractedDocument => ({ type: 'roster', pages: [2], confidence: 1, fields: { classCode: v('LC-7') }, tables: { trainees: ids.map((id, i) => ({ seq: v(i + 1), name: v(`学员${i + 1}`), idNumber: v(id), phone: v('13812345678') })) } });
const IDS = ['11010519491231002X', '440524188001010014', '110101199003074477'];
function record(caseNumber: string, submissionType: CaseRecord['submissionType'], outcome: CaseRecord['outcome'], createdAt: string, documents: ExtractedDocument[], findings: Finding[] = []): CaseRecord {
  return { caseId: caseNumber, caseNumber, jurisdiction: 'liaocheng', submissionType, institution: 'inst-1', institutionName: '聊城市测试职业培训学校', packet: 'p', outcome, status: 'decided', uploads: [{ bucket: 'b', key: `incoming/liaocheng/inst-1/${caseNumber}/a.pdf`, etag: 'e' }], documents, findings, pdfs: [], pageCount: 1, createdAt };
}
const opening = record('LC-2026-OPEN', 'class-opening', 'accepted', '2026-03-01T02:00:00Z', [
  { type: 'class-opening-application', pages: [1], confidence: 1, fields: { classCode: v('LC-7'), className: v('电工（四级）7期'), occupation: v('电工'), level: v('四级'), trainingType: v('就业技能培训'), startDate: v('2026-03-10'), endDate: v('2026-04-10'), traineeCount: v(3) } },
  roster(IDS),
]);
const refused: Finding = { ruleId: 'SD-CLAIM-ANNUAL-CAP', severity: 'error', outcome: 'NO_SUBSIDY', message: 'm', source: { file: 'f', section: 's', quote: 'q' }, rows: [3] };
const claim = record('LC-2026-CLAIM', 'subsidy-claim', 'accepted', '2026-05-01T02:00:00Z', [
  { type: 'subsidy-claim-application', pages: [1], confidence: 1, fields: { classCode: v('LC-7'), occupation: v('电工'), level: v('四级'), amount: v(4500) } },
  roster(IDS),
], [refused]);

describe('the ledger (LC-ARCH-CLASS-LEDGER: 培训班期台账“一表通”)', () => {
  it('one row per class: trainees from the opening, subsidised trainees and amount from the accepted claim', () => {
    const rows = ledgerRows([claim, opening]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ classCode: 'LC-7', className: '电工（四级）7期', trainees: 3, openingCase: 'LC-2026-OPEN', claimCase: 'LC-2026-CLAIM', subsidisedTrainees: 2, subsidyAmount: 3000, period: '2026-03' });
    expect(ledgerTotals(rows).find((t) => t.by === 'institution')).toMatchObject({ key: '聊城市测试职业培训学校', classes: 1, trainees: 3, subsidisedTrainees: 2, subsidyAmount: 3000 });
  });

  it('speaks Chinese: the city and the outcomes as the bureau names them; a held case shows what it waits for', () => {
    const held: CaseRecord = { ...claim, outcome: 'rejected', status: 'under-review', review: { since: '2026-05-01T02:00:00Z', reasons: ['拟不予受理，须经审核人员签发'] } };
    const [row] = ledgerRows([held, opening]);
    expect(row).toMatchObject({ jurisdiction: '聊城市', openingOutcome: '予以受理', claimOutcome: '待审核（拟不予受理）', counted: true, subsidisedTrainees: 0 });
  });

  it('only classes whose opening stands accepted are counted; the rest are listed apart; one row per class whatever arrives for it', () => {
    const refusedOpening = record('LC-2026-OPEN-2', 'class-opening', 'rejected', '2026-03-02T02:00:00Z', [{ ...opening.documents[0]!, fields: { ...opening.documents[0]!.fields, classCode: v('LC-8') } }]);
    // A roster filed as sign-in sheets, naming a class never opened: listed apart, not a class in the totals.
    const misfiled = record('LC-2026-ATT', 'attendance', 'supplement-required', '2026-03-03T02:00:00Z', [roster(IDS)]);
    misfiled.class = { code: 'LC-9', status: 'not-opened' };
    // Filed with --class LC-7 while its forms read another code: it belongs to LC-7.
    const signIn = record('LC-2026-ATT-2', 'attendance', 'accepted', '2026-03-20T02:00:00Z', [{ type: 'sign-in-sheet', pages: [1], confidence: 1, fields: { classCode: v('LC-77') } }]);
    signIn.class = { code: 'LC-7', status: 'opened' };
    // The same class opened again and refused as a duplicate: the accepted opening still stands for it.
    const duplicate = record('LC-2026-OPEN-DUP', 'class-opening', 'rejected', '2026-03-04T02:00:00Z', opening.documents);
    const rows = ledgerRows([claim, opening, refusedOpening, misfiled, signIn, duplicate]);
    expect(rows.find((r) => r.classCode === 'LC-7')).toMatchObject({ openingCase: 'LC-2026-OPEN', openingOutcome: '予以受理' });
    expect(rows.map((r) => [r.classCode, r.counted])).toEqual([['LC-7', true], ['LC-8', false], ['LC-9', false]]);
    const byInstitution = ledgerTotals(rows).filter((t) => t.by === 'institution');
    expect(byInstitution).toEqual([expect.objectContaining({ classes: 1, trainees: 3 })]);
  });

  it('counts the bureau\'s inspections of each class and those that ordered a rectification (issue 21), by class and in the totals', () => {
    const inspection = (n: string, outcome: CaseRecord['outcome']) => {
      const c = record(n, 'inspection', outcome, '2026-03-15T02:00:00Z', [{ type: 'inspection-record', pages: [1], confidence: 1, fields: { classCode: v('LC-7'), date: v('2026-03-15') } }]);
      c.class = { code: 'LC-7', status: 'opened' };
      return c;
    };
    const rows = ledgerRows([opening, inspection('LC-2026-INS-1', 'accepted'), inspection('LC-2026-INS-2', 'warning')]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ classCode: 'LC-7', inspections: 2, rectifications: 1 });
    expect(ledgerTotals(rows).find((t) => t.by === 'institution')).toMatchObject({ inspections: 2, rectifications: 1 });
    expect(ledgerCsv(rows).split('\r\n')[0]).toContain('监督检查次数,责令整改次数');
  });

  it('a class opened before intake (a claim only): the claim\'s roster gives the trainees', () => {
    const rows = ledgerRows([claim]);
    expect(rows[0]).toMatchObject({ classCode: 'LC-7', openingCase: '', claimCase: 'LC-2026-CLAIM', trainees: claim.documents.filter((d) => d.type === 'roster').reduce((n, d) => n + (d.tables?.trainees?.length ?? 0), 0) });
    expect(rows[0]!.trainees).toBeGreaterThan(0);
  });

  it('CSV: BOM and CRLF for Excel, quotes where needed, a leading = is text, no ID number', () => {
    const rows = ledgerRows([opening]);
    rows[0]!.className = '=HYPERLINK("http://x","点我")';
    const csv = ledgerCsv(rows);
    expect(csv.startsWith('\uFEFF期间,地区,培训机构')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csv.split('\r\n')).toHaveLength(3);
    for (const id of IDS) expect(csv).not.toContain(id);
  });
});

describe('the case event for the bureau', () => {
  it('carries the case without any ID number or phone in clear, and one id per case', () => {
    const e = caseEvent(claim);
    const text = JSON.stringify(e);
    for (const id of IDS) expect(text).not.toContain(id);
    expect(text).not.toContain('13812345678');
    expect(text).toContain('110105********002X');
    expect(e).toMatchObject({ type: 'case.decided', source: 'intake', jurisdiction: 'liaocheng', case: { caseNumber: 'LC-2026-CLAIM', outcome: 'accepted' } });
    expect(caseEvent(claim).id).toBe(e.id);
    expect(caseEvent(opening).id).not.toBe(e.id);
  });
});

describe('the ledger as a workbook', () => {
  it('has the classes and the totals, readable by Excel (read back with exceljs); a formula-looking text stays text', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const { ledgerXlsx } = await import('../../lib/cases/ledger.ts');
    const rows = ledgerRows([claim, opening]);
    rows[0]!.className = '=1+1';
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await ledgerXlsx(rows)) as never);
    const sheet = wb.getWorksheet('培训班期台账')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('期间');
    expect(sheet.getRow(2).getCell(4).value).toBe('LC-7');
    expect(sheet.getRow(2).getCell(5).value).toBe('=1+1'); // a string, not a formula
    expect(sheet.getRow(2).getCell(16).value).toBe(3000);
    expect(sheet.getRow(2).getCell(2).value).toBe('聊城市');
    expect(sheet.getRow(2).getCell(12).value).toBe('予以受理');
    expect(wb.getWorksheet('未计入汇总的班级')!.rowCount).toBe(1); // the header only
    const totals = wb.getWorksheet('汇总')!;
    expect(totals.getRow(2).values).toEqual([undefined, '期间', '2026-03', 1, 3, 2, 3000, 0, 0]);
  });
});
