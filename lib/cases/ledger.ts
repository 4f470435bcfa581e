// The bureau's 台账 (Liaocheng 七（三）: 建立培训班期台账，实现参训人数、班期个数、补贴金额等基础信息"一表通"):
// one row per class, from its cases — opening, attendance, claim — with trainees and subsidy amounts, and
// totals by period, institution and occupation. No ID number is in it (a ledger is shared and exported).
import type { CaseRecord, Jurisdiction } from '../domain/schemas.ts';
import { resolvePack } from '../rules/pack.ts';
import { OUTCOME_LABEL_ZH } from './decide.ts';
import { mayOpen, type Principal } from './access.ts';
import type { CaseStore } from './ports.ts';
import { casesOf } from './records.ts';
import { classCodeOf } from '../rules/history.ts';
import { publicityRows, PUBLISHABLE } from './publicity.ts';

export interface LedgerRow {
  jurisdiction: string;
  institution: string;
  institutionName: string;
  classCode: string;
  className: string;
  occupation: string;
  trainingType: string;
  startDate: string;
  endDate: string;
  /** 参训人数: the opening's roster (or declared count). */
  trainees: number | null;
  openingCase: string;
  openingOutcome: string;
  claimCase: string;
  claimOutcome: string;
  /** Trainees the claim subsidises (refused ones left out) and the amount for them. */
  subsidisedTrainees: number;
  subsidyAmount: number;
  /** YYYY-MM of the opening (or the first case of the class). */
  period: string;
  /** The bureau's inspections of the class, and those that ordered a rectification or an exit (issue 21). */
  inspections: number;
  rectifications: number;
  /** Counted in the totals: its opening accepted (or, opened before intake, its claim). The rest are listed apart. */
  counted: boolean;
}

/** 绍兴市 …: the city as its pack names it. */
const cityName = (j: Jurisdiction) => resolvePack(j).name;

/** 予以受理, or 待审核（拟不予受理） while a reviewer has not signed it off; '' for no case. */
function outcomeZh(c: CaseRecord | undefined): string {
  if (!c) return '';
  const label = OUTCOME_LABEL_ZH[c.outcome];
  return c.status === 'under-review' ? `待审核（拟${label}）` : label;
}

const standsAccepted = (c: CaseRecord | undefined) => !!c && c.status === 'decided' && (c.outcome === 'accepted' || c.outcome === 'warning');

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function ledgerRows(cases: CaseRecord[]): LedgerRow[] {
  const byClass = new Map<string, CaseRecord[]>();
  for (const c of cases) {
    // The class the case was filed under (--class wins over the code read), as the class file has it.
    const code = c.class?.code ?? classCodeOf(c.documents);
    if (!code || c.submissionType === 'institution-filing') continue;
    const key = `${c.jurisdiction}/${c.institution}/${code}`;
    byClass.set(key, [...(byClass.get(key) ?? []), c]);
  }
  const rows: LedgerRow[] = [];
  for (const [key, list] of byClass) {
    list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    // The latest accepted of each kind counts, else the latest (a resubmission after a supplement request
    // replaces the first; a duplicate opening or a refused second claim does not undo an accepted one).
    const latest = (type: CaseRecord['submissionType']) => {
      const ofType = list.filter((c) => c.submissionType === type);
      return ofType.filter(standsAccepted).at(-1) ?? ofType.at(-1);
    };
    const opening = latest('class-opening');
    const claim = latest('subsidy-claim');
    const app = opening?.documents.find((d) => d.type === 'class-opening-application');
    const claimApp = claim?.documents.find((d) => d.type === 'subsidy-claim-application');
    const rosterRows = opening?.documents.filter((d) => d.type === 'roster').reduce((n, d) => n + (d.tables?.trainees?.length ?? 0), 0) ?? 0;
    const declared = app?.fields.traineeCount?.value;
    const claimRoster = claim?.documents.filter((d) => d.type === 'roster').reduce((n, d) => n + (d.tables?.trainees?.length ?? 0), 0) ?? 0;
    const claimDeclared = claimApp?.fields.traineeCount?.value;
    const paid = claim && PUBLISHABLE.has(claim.outcome) ? publicityRows([claim]) : [];
    const first = list[0]!;
    rows.push({
      jurisdiction: cityName(first.jurisdiction),
      institution: first.institution,
      institutionName: first.institutionName ?? first.institution,
      classCode: key.split('/').slice(2).join('/'),
      className: str(app?.fields.className?.value),
      occupation: [str(app?.fields.occupation?.value ?? claimApp?.fields.occupation?.value), str(app?.fields.level?.value ?? claimApp?.fields.level?.value)].filter(Boolean).join(' '),
      trainingType: str(app?.fields.trainingType?.value),
      startDate: str(app?.fields.startDate?.value),
      endDate: str(app?.fields.endDate?.value),
      // Without an opening through intake (opened before, or elsewhere), the claim's roster says who trained.
      trainees: rosterRows > 0 ? rosterRows : typeof declared === 'number' ? declared : claimRoster > 0 ? claimRoster : typeof claimDeclared === 'number' ? claimDeclared : null,
      openingCase: opening?.caseNumber ?? '',
      openingOutcome: outcomeZh(opening),
      claimCase: claim?.caseNumber ?? '',
      claimOutcome: outcomeZh(claim),
      subsidisedTrainees: paid.length,
      subsidyAmount: Math.round(paid.reduce((s, r) => s + (r.amount ?? 0), 0) * 100) / 100,
      period: (str(app?.fields.startDate?.value) || first.createdAt).slice(0, 7),
      counted: opening ? standsAccepted(opening) : standsAccepted(claim),
      inspections: list.filter((c) => c.submissionType === 'inspection').length,
      rectifications: list.filter((c) => c.submissionType === 'inspection' && (c.outcome === 'warning' || c.outcome === 'rejected')).length,
    });
  }
  return rows.sort((a, b) => a.period.localeCompare(b.period) || a.institution.localeCompare(b.institution) || a.classCode.localeCompare(b.classCode));
}

export interface LedgerTotal {
  by: 'period' | 'institution' | 'occupation';
  key: string;
  classes: number;
  trainees: number;
  subsidisedTrainees: number;
  subsidyAmount: number;
  inspections: number;
  rectifications: number;
}

/** 参训人数、班期个数、补贴金额 by period, institution and occupation: of the classes that stand accepted only. */
export function ledgerTotals(rows: LedgerRow[]): LedgerTotal[] {
  const out: LedgerTotal[] = [];
  for (const by of ['period', 'institution', 'occupation'] as const) {
    const groups = new Map<string, LedgerRow[]>();
    for (const r of rows.filter((x) => x.counted)) {
      const k = by === 'institution' ? r.institutionName : by === 'occupation' ? r.occupation || '—' : r.period;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    for (const [key, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      out.push({
        by, key, classes: g.length,
        trainees: g.reduce((s, r) => s + (r.trainees ?? 0), 0),
        subsidisedTrainees: g.reduce((s, r) => s + r.subsidisedTrainees, 0),
        subsidyAmount: Math.round(g.reduce((s, r) => s + r.subsidyAmount, 0) * 100) / 100,
        inspections: g.reduce((s, r) => s + r.inspections, 0),
        rectifications: g.reduce((s, r) => s + r.rectifications, 0),
      });
    }
  }
  return out;
}

export const LEDGER_COLUMNS: [keyof LedgerRow, string][] = [
  ['period', '期间'], ['jurisdiction', '地区'], ['institutionName', '培训机构'], ['classCode', '班级编号'], ['className', '培训班名称'],
  ['occupation', '职业（工种）及等级'], ['trainingType', '培训类型'], ['startDate', '开班日期'], ['endDate', '结业日期'], ['trainees', '参训人数'],
  ['openingCase', '开班案件'], ['openingOutcome', '开班结果'], ['claimCase', '结报案件'], ['claimOutcome', '结报结果'],
  ['subsidisedTrainees', '补贴人数'], ['subsidyAmount', '补贴金额（元）'], ['inspections', '监督检查次数'], ['rectifications', '责令整改次数'], ['counted', '计入汇总'],
];

const cellOf = (k: keyof LedgerRow, v: unknown) => (k === 'counted' ? (v ? '是' : '否（未受理开班，单列）') : v);

/** RFC 4180 CSV with a UTF-8 byte-order mark, so that Excel opens the Chinese right. */
export function ledgerCsv(rows: LedgerRow[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    // A cell starting with = + - @ would be a formula to a spreadsheet: quote it as text.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [LEDGER_COLUMNS.map(([, h]) => cell(h)).join(',')];
  for (const r of rows) lines.push(LEDGER_COLUMNS.map(([k]) => cell(cellOf(k, r[k]))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The ledger as an Excel workbook: the classes, and the totals by period, institution and occupation. */
export async function ledgerXlsx(rows: LedgerRow[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'intake';
  wb.created = new Date(0); // the same rows give the same workbook
  const sheet = wb.addWorksheet('培训班期台账');
  sheet.columns = LEDGER_COLUMNS.map(([key, header]) => ({ header, key, width: Math.max(10, header.length * 2 + 4) }));
  // Cells are values, never formulas: a text starting with = stays text.
  for (const r of rows.filter((x) => x.counted)) sheet.addRow(Object.fromEntries(LEDGER_COLUMNS.map(([k]) => [k, cellOf(k, r[k]) ?? ''])));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  // Classes whose opening was not accepted (refused, asked to supplement, waiting for review, or a packet
  // naming a class never opened) are listed apart and left out of the totals.
  const apart = wb.addWorksheet('未计入汇总的班级');
  apart.columns = sheet.columns.map((c) => ({ header: c.header as string, key: c.key as string, width: c.width ?? 10 }));
  for (const r of rows.filter((x) => !x.counted)) apart.addRow(Object.fromEntries(LEDGER_COLUMNS.map(([k]) => [k, cellOf(k, r[k]) ?? ''])));
  apart.getRow(1).font = { bold: true };
  const totals = wb.addWorksheet('汇总');
  totals.columns = [
    { header: '维度', key: 'by', width: 10 }, { header: '项目', key: 'key', width: 30 }, { header: '班期个数', key: 'classes', width: 10 },
    { header: '参训人数', key: 'trainees', width: 10 }, { header: '补贴人数', key: 'subsidisedTrainees', width: 10 }, { header: '补贴金额（元）', key: 'subsidyAmount', width: 14 },
    { header: '监督检查次数', key: 'inspections', width: 12 }, { header: '责令整改次数', key: 'rectifications', width: 12 },
  ];
  const BY = { period: '期间', institution: '培训机构', occupation: '职业（工种）' } as const;
  for (const t of ledgerTotals(rows)) totals.addRow({ ...t, by: BY[t.by] });
  totals.getRow(1).font = { bold: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The most cases one ledger reads per jurisdiction. */
export const LEDGER_MAX_CASES = 2000;

/**
 * The 台账 of some jurisdictions, as one principal may see it (a bureau or reviewer their cities, an
 * institution its own classes; without a principal, the bureau's own command line: all of them).
 */
export async function ledgerOf(store: Pick<CaseStore, 'getCase' | 'listCases'>, jurisdictions: readonly Jurisdiction[], who?: Principal): Promise<LedgerRow[]> {
  return ledgerRows(await casesOf(store, jurisdictions, (c) => !who || mayOpen(who, c), LEDGER_MAX_CASES));
}
