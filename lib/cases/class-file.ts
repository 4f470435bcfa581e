// The class file (一班一档) as the bureau keeps it: the class's cases in order, its trainees — approved on
// the opening, their attendance from the sign-in sheets, subsidised by the claim or not and why — and the
// items of the city's archive list no case of the class has brought yet (Heze 第十五条, Shaoxing 三（三）,
// DB37/T 4498 7.2.3). Read from the class's ledger and its cases; no ID number leaves it in clear.
import type { CaseRecord, DocumentType, Jurisdiction } from '../domain/schemas.ts';
import { checkIdNumber } from '../identity/id-number.ts';
import { maskIdNumber } from '../identity/disclosure.ts';
import { classKeyOf, classStatus, institutionKeyOf, type ClassStatus } from '../rules/history.ts';
import { resolveArchive, type ArchiveList } from '../rules/pack.ts';
import type { CaseStore } from './ports.ts';
import { readCases } from './records.ts';

export interface ClassFileCase {
  caseId: string;
  submissionType: string;
  outcome: string;
  /** The day the bureau received it (back-filed: the day written). */
  date: string;
  backFiled: boolean;
  /** The rules it failed, for the reader of the file. */
  findings: string[];
}

export interface ClassTrainee {
  /** 序号 on the approved roster (or the claim's, for one who is not on it). */
  seq: number | null;
  name: string | null;
  /** Masked: 110105********002X. */
  idNumber: string | null;
  approved: boolean;
  /** Signed slots over the class's sheets (null: no sheet yet). */
  attendanceRate: number | null;
  /** null: no claim yet. */
  subsidised: boolean | null;
  why: string | null;
}

export interface ClassFile {
  jurisdiction: Jurisdiction;
  institution: string;
  classCode: string;
  status: ClassStatus;
  className: string | null;
  cases: ClassFileCase[];
  trainees: ClassTrainee[];
  archive: { source: ArchiveList['source'] | null; items: { label: string; present: boolean | null; optional: boolean }[]; missing: string[] };
}

export class UnknownClassError extends Error {}

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const normalId = (v: unknown) => {
  const c = typeof v === 'string' ? checkIdNumber(v) : null;
  return c?.valid && c.normalised ? c.normalised : null;
};

function rosterOf(c: CaseRecord | undefined) {
  return (c?.documents ?? []).filter((d) => d.type === 'roster').flatMap((d) => d.tables?.trainees ?? []);
}

/** Each trainee's attendance: by 学号 on the sheets, which is the 序号 of the approved roster. */
function attendanceBySeq(sheets: CaseRecord[]): { sheets: number; signed: Map<number, number> } {
  const signed = new Map<number, number>();
  let count = 0;
  for (const c of sheets) {
    for (const d of c.documents.filter((x) => x.type === 'sign-in-sheet')) {
      count++;
      for (const slot of d.tables?.slots ?? []) {
        const no = slot.no?.value;
        if (typeof no === 'number' && slot.signed?.value === true) signed.set(no, (signed.get(no) ?? 0) + 1);
      }
    }
  }
  return { sheets: count, signed };
}

export function classFileOf(jurisdiction: Jurisdiction, institution: string, classCode: string, ledger: { submissionType: string; caseId: string }[], cases: CaseRecord[], status: ClassStatus): ClassFile {
  const byId = new Map(cases.map((c) => [c.caseId, c]));
  // In the order the bureau received them (a back-filed archive comes in any order).
  const day = (c: CaseRecord) => c.receivedOn ?? c.createdAt.slice(0, 10);
  const ordered = ledger
    .map((e) => byId.get(e.caseId))
    .filter((c): c is CaseRecord => !!c)
    .sort((a, b) => day(a).localeCompare(day(b)) || a.createdAt.localeCompare(b.createdAt));
  // Accepted as it went out (a case still waiting for a reviewer is not, whatever the rules propose).
  const accepted = (c: CaseRecord) => c.status !== 'under-review' && (c.outcome === 'accepted' || c.outcome === 'warning');
  const opening = ordered.filter((c) => c.submissionType === 'class-opening' && accepted(c)).at(-1);
  // The claim that stands: the latest accepted one (a refused later claim does not undo it), else the latest.
  const claims = ordered.filter((c) => c.submissionType === 'subsidy-claim');
  const claim = claims.filter(accepted).at(-1) ?? claims.at(-1);
  const attendance = attendanceBySeq(ordered.filter((c) => c.submissionType === 'attendance' || c.submissionType === 'subsidy-claim'));

  const trainees: ClassTrainee[] = [];
  const claimRows = rosterOf(claim);
  const claimIds = new Map(claimRows.map((r, i) => [normalId(r.idNumber?.value), { row: r, seq: typeof r.seq?.value === 'number' ? r.seq.value : i + 1 }]));
  const refusedRows = new Map<number, string>();
  for (const f of claim?.findings ?? []) {
    if (f.severity === 'error' && f.outcome === 'NO_SUBSIDY') for (const r of f.rows ?? []) refusedRows.set(r, `${f.ruleId}：${f.message}`);
  }
  const subsidy = (id: string | null): Pick<ClassTrainee, 'subsidised' | 'why'> => {
    if (!claim) return { subsidised: null, why: null };
    const onClaim = id ? claimIds.get(id) : undefined;
    if (!onClaim) return { subsidised: false, why: '未列入补贴申请花名册' };
    if (!accepted(claim)) return { subsidised: false, why: `补贴申请${claim.outcome === 'rejected' ? '不予受理' : '待补正材料'}（案件${claim.caseNumber}）` };
    const refused = refusedRows.get(onClaim.seq);
    return refused ? { subsidised: false, why: refused } : { subsidised: true, why: null };
  };
  const seen = new Set<string>();
  rosterOf(opening).forEach((r, i) => {
    const id = normalId(r.idNumber?.value);
    if (id) seen.add(id);
    const seq = typeof r.seq?.value === 'number' ? r.seq.value : i + 1;
    trainees.push({
      seq, name: str(r.name?.value), idNumber: typeof r.idNumber?.value === 'string' ? maskIdNumber(r.idNumber.value) : null, approved: true,
      attendanceRate: attendance.sheets > 0 ? Math.round(((attendance.signed.get(seq) ?? 0) / attendance.sheets) * 1000) / 1000 : null,
      ...subsidy(id),
    });
  });
  // Claimed for, but not on the approved roster: named, not subsidised.
  for (const [id, { row, seq }] of claimIds) {
    if (id && seen.has(id)) continue;
    trainees.push({
      seq, name: str(row.name?.value), idNumber: typeof row.idNumber?.value === 'string' ? maskIdNumber(row.idNumber.value) : null, approved: false, attendanceRate: null,
      subsidised: false, why: refusedRows.get(seq) ?? '不在开班核准的学员花名册内',
    });
  }

  const archive = resolveArchive(jurisdiction);
  const present = new Set<DocumentType>(ordered.flatMap((c) => c.documents.map((d) => d.type)));
  const items = (archive?.items ?? []).map((it) => ({
    label: it.label,
    present: it.documentTypes.length === 0 ? null : it.documentTypes.some((t) => present.has(t)),
    optional: it.ifAny === true,
  }));
  return {
    jurisdiction, institution, classCode, status,
    className: str(opening?.documents.find((d) => d.type === 'class-opening-application')?.fields.className?.value),
    cases: ordered.map((c) => ({
      caseId: c.caseId, submissionType: c.submissionType, outcome: c.outcome, date: c.receivedOn ?? c.createdAt.slice(0, 10), backFiled: !!c.backFiled,
      findings: c.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId),
    })),
    trainees,
    archive: { source: archive?.source ?? null, items, missing: items.filter((i) => i.present === false && !i.optional).map((i) => i.label) },
  };
}

/** The class file of (jurisdiction, institution, 班级编号) from the store; UnknownClassError when no case names it. */
export async function classFile(store: Pick<CaseStore, 'loadHistory' | 'getCase'>, jurisdiction: Jurisdiction, institution: string, classCode: string): Promise<ClassFile> {
  const code = classCode.replace(/\s+/g, '');
  const snap = await store.loadHistory({ persons: [], classKey: classKeyOf(jurisdiction, institution, code), institutionKey: institutionKeyOf(jurisdiction, institution) });
  const ledger = snap.history.klass;
  if (ledger.length === 0) throw new UnknownClassError(`no case has been filed under class ${jurisdiction}/${institution}/${code}`);
  const cases = await readCases(store, [...new Set(ledger.map((e) => e.caseId))]);
  return classFileOf(jurisdiction, institution, code, ledger, cases, classStatus(ledger));
}
