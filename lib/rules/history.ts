// Cross-case facts: what earlier cases committed a trainee, a class and an institution to. Rules read a
// snapshot of them (CaseHistory) and stay pure; the case store writes a case's commitments under
// optimistic versions (lib/aws/dynamodb.ts), so two submissions racing for the last of a trainee's
// three yearly subsidies cannot both pass — the loser reads again and is evaluated against the winner.
import type { CaseOutcome, ExtractedDocument, Jurisdiction, SubmissionType } from '../domain/schemas.ts';
import { checkIdNumber } from '../identity/id-number.ts';
import { inspectionOf } from '../domain/inspection.ts';

/** A trainee on the roster of a class-opening case. */
export interface Enrolment {
  kind: 'enrolment';
  caseId: string;
  classKey: string;
  outcome: CaseOutcome;
  startDate?: string;
  endDate?: string;
  className?: string;
  at: string;
}

/** A trainee on the list of a subsidy claim. */
export interface SubsidyUse {
  kind: 'subsidy';
  caseId: string;
  classKey: string;
  outcome: CaseOutcome;
  /** The year the subsidy counts in: the certificate's, else the claim's. */
  year: number;
  /** The certificate's date (or the claim's), for "within one year" limits. */
  date: string;
  occupation?: string;
  /** As written (四级, 高级工 …) and as a rank, 1 (一级/高级技师) to 5 (五级/初级工). */
  level?: string;
  levelRank?: number;
  at: string;
}

export type PersonCommitment = Enrolment | SubsidyUse;

/** One earlier case about the same class (or, for institution filings, the same institution). */
export interface SubjectCase {
  caseId: string;
  submissionType: SubmissionType;
  outcome: CaseOutcome;
  at: string;
  traineeCount?: number;
  /** An opening: the teaching units of its schedule (Shaoxing 三（一）: half a day with one teacher). */
  units?: number;
  /** Sign-in sheets a packet of the class brought (one per teaching unit). */
  sheets?: number;
  /** An opening: the day the class ends, as its application says (assessment rules count from it). */
  endDate?: string;
  /** The day the bureau received it (back-filed packets: the day written on them). */
  receivedOn?: string;
  /** Rules it failed (error or warning): what later cases of the class carry (a late opening, voided hours). */
  failed?: string[];
}

/** One sign-in sheet's attendance, for Qidong's 到课率 exit trigger. */
export interface AttendanceRecord {
  caseId: string;
  date: string;
  classKey: string;
  rate: number;
}

/** What the bureau knows of an institution: its filing, agreement term and standing. */
export interface InstitutionStanding {
  status: 'active' | 'suspended' | 'exited';
  agreementStart?: string;
  agreementEnd?: string;
  reason?: string;
  by: string;
  at: string;
  caseId?: string;
  /** As the bureau's registry names it (intake institutions import). */
  name?: string;
  creditCode?: string;
  /** The day it was suspended or exited: a bar on filing again counts from it. */
  since?: string;
  /** The decisions before this one, oldest first (a reinstatement keeps what it ended, and why). */
  trail?: StandingDecision[];
  /** 年度举办政府补贴性培训人数 the bureau set for it (Qidong 附件2 二1), from its registry. */
  annualQuota?: number;
}

export interface StandingDecision {
  status: InstitutionStanding['status'];
  reason?: string;
  by: string;
  at: string;
}

/**
 * What an inspection decided against an institution (issue 21): a rectification it must complete (整改), or
 * its disqualification (取消资格 / 解除备案协议 / 移出目录). Kept by the inspection case that decided it, so
 * that a reviewer's later decision on that case takes it back with the case's other entries.
 */
export interface Measure {
  caseId: string;
  classKey: string | null;
  kind: 'rectification' | 'disqualification';
  /** The day it was decided (China date) and the moment (ISO), against the bureau's own later decisions. */
  on: string;
  at: string;
  /** The last day to rectify, where the seed sets it (Shaoxing 附件4: 7 working days). */
  dueBy?: string;
  /** Training is suspended while it is open (Shaoxing 五、其他（一）: 整改期内暂停培训). */
  suspends?: boolean;
  /** The rules that decided it, and why in the bureau's words (the registry shows it). */
  rules: string[];
  reason: string;
}

/** One class opening of the institution (Qidong: 年度培训人数, 两年内没有开展职业技能培训活动). */
export interface OpeningEntry {
  caseId: string;
  classKey: string;
  outcome: CaseOutcome;
  /** The day it was received, and the class's start where the application gives it. */
  on: string;
  startDate?: string;
  trainees: number;
}

/** What one inspection found (the counting rules read them: Qidong's complaints, its 70 % attendance). */
export interface InspectionEntry {
  caseId: string;
  date: string;
  classKey: string | null;
  kinds: string[];
}

/** The bureau closing a rectification (a bureau action with its evidence, not a rule's). */
export interface MeasureClosure {
  /** The measure's case. */
  caseId: string;
  on: string;
  at: string;
  by: string;
  note: string;
  /** Keys of the evidence files stored with it. */
  evidence: string[];
}

export interface InstitutionLedger {
  standing: InstitutionStanding | null;
  /** Institution-filing cases (their subject is the institution, not a class). */
  filings: SubjectCase[];
  attendance: AttendanceRecord[];
  /** Rectifications and disqualifications inspections decided, oldest first. */
  measures: Measure[];
  closures: MeasureClosure[];
  inspections: InspectionEntry[];
  openings: OpeningEntry[];
}

export interface CaseHistory {
  /** By keyed hash of the ID number (never the number). */
  persons: Record<string, PersonCommitment[]>;
  /** Earlier cases about the same class. */
  klass: SubjectCase[];
  institution: InstitutionLedger;
}

export const emptyLedger = (): InstitutionLedger => ({ standing: null, filings: [], attendance: [], measures: [], closures: [], inspections: [], openings: [] });
export const emptyHistory = (): CaseHistory => ({ persons: {}, klass: [], institution: emptyLedger() });

/** A rectification still open: not closed by the bureau, nor overtaken by the bureau's own later decision. */
export function openRectifications(l: InstitutionLedger): Measure[] {
  const closed = new Set(l.closures.map((c) => c.caseId));
  return l.measures.filter((m) => m.kind === 'rectification' && !closed.has(m.caseId) && (!l.standing || m.at > l.standing.at));
}

/**
 * The institution's standing as the rules read it: the bureau's decision, unless an inspection decided
 * more since — a disqualification exits it, an open rectification that suspends training suspends it
 * until the bureau closes it. A bureau decision made after a measure (a reinstatement) stands over it.
 */
export function standingOf(l: InstitutionLedger): InstitutionStanding | null {
  const s = l.standing;
  const after = (m: Measure) => !s || m.at > s.at;
  const exit = l.measures.filter((m) => m.kind === 'disqualification' && after(m)).at(-1);
  const base = { ...(s ?? { by: 'system:intake', at: '' }) };
  if (exit && s?.status !== 'exited') return { ...base, status: 'exited', reason: exit.reason, since: exit.on, by: 'system:intake', at: exit.at, caseId: exit.caseId };
  const suspended = openRectifications(l).filter((m) => m.suspends).at(-1);
  if (suspended && (!s || s.status === 'active')) {
    return { ...base, status: 'suspended', reason: `${suspended.reason}，整改期内暂停培训`, since: suspended.on, by: 'system:intake', at: suspended.at, caseId: suspended.caseId };
  }
  return s;
}

/** Which ledgers a case reads and writes. */
export interface HistoryKeys {
  persons: string[];
  classKey: string | null;
  institutionKey: string;
}

/** The ledgers as read, with the version each was read at (0: not stored yet). */
export interface HistorySnapshot {
  history: CaseHistory;
  versions: { persons: Record<string, number>; klass: number; institution: number };
}

/** What one case adds to the ledgers; entries of the same case replace earlier ones (redelivery). */
export interface HistoryChanges {
  persons: Record<string, PersonCommitment[]>;
  klass: SubjectCase | null;
  filing: SubjectCase | null;
  attendance: AttendanceRecord[];
  standing: InstitutionStanding | null;
  /** An inspection: what it found, and the rectification or disqualification it decided (null: none). */
  inspection?: InspectionEntry;
  measure?: Measure | null;
  /** The bureau closing a rectification. */
  closure?: MeasureClosure;
  /** A class opening, on the institution's ledger as well as its class's. */
  opening?: OpeningEntry;
}

/** Outcomes that hold their place: a claim in supplement still counts against the trainee's limit. */
export const COUNTS: ReadonlySet<CaseOutcome> = new Set(['accepted', 'warning', 'supplement-required']);

export const classKeyOf = (jurisdiction: Jurisdiction, institution: string, classCode: string) => `${jurisdiction}/${institution}/${classCode.replace(/\s+/g, '')}`;
export const institutionKeyOf = (jurisdiction: Jurisdiction, institution: string) => `${jurisdiction}/${institution}`;

export function classCodeOf(documents: ExtractedDocument[]): string | null {
  for (const type of ['class-opening-application', 'subsidy-claim-application', 'assessment-application-form', 'change-request', 'roster', 'sign-in-sheet', 'schedule'] as const) {
    for (const d of documents.filter((x) => x.type === type)) {
      const v = d.fields.classCode?.value;
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
    }
  }
  return null;
}

/** The roster's valid ID numbers, normalised, each once (rows with an invalid ID are the roster rule's finding). */
export function rosterIds(documents: ExtractedDocument[]): string[] {
  const ids = new Set<string>();
  for (const d of documents.filter((x) => x.type === 'roster')) {
    for (const row of d.tables?.trainees ?? []) {
      const v = row.idNumber?.value;
      if (typeof v !== 'string') continue;
      const c = checkIdNumber(v);
      if (c.valid && c.normalised) ids.add(c.normalised);
    }
  }
  return [...ids];
}

/** 职业技能等级: 1 is the highest (一级/高级技师), 5 the lowest (五级/初级工); null when none is named. */
export function levelRank(level: unknown): number | null {
  if (typeof level !== 'string') return null;
  const s = level.replace(/\s+/g, '');
  if (/高级技师|一级|1级/.test(s)) return 1;
  if (/技师|二级|2级/.test(s)) return 2;
  if (/高级|三级|3级/.test(s)) return 3;
  if (/中级|四级|4级/.test(s)) return 4;
  if (/初级|五级|5级/.test(s)) return 5;
  return null;
}

/** Occupations compare without spaces, brackets' content (电工（四级）) or a trailing 工种 remark. */
export function occupationKey(occupation: unknown): string | null {
  if (typeof occupation !== 'string') return null;
  const s = occupation.replace(/[（(][^）)]*[）)]/g, '').replace(/\s+/g, '');
  return s === '' ? null : s;
}

/** A history without the entries of one case: a redelivered upload is judged as if it were the first. */
export function withoutCase(h: CaseHistory, caseId: string): CaseHistory {
  const persons: Record<string, PersonCommitment[]> = {};
  for (const [k, list] of Object.entries(h.persons)) persons[k] = list.filter((e) => e.caseId !== caseId);
  return {
    persons,
    klass: h.klass.filter((e) => e.caseId !== caseId),
    institution: {
      ...h.institution,
      filings: h.institution.filings.filter((e) => e.caseId !== caseId),
      attendance: h.institution.attendance.filter((e) => e.caseId !== caseId),
      measures: h.institution.measures.filter((e) => e.caseId !== caseId),
      inspections: h.institution.inspections.filter((e) => e.caseId !== caseId),
      openings: h.institution.openings.filter((e) => e.caseId !== caseId),
    },
  };
}

/** Applies one case's changes to a history. */
export function applyChanges(h: CaseHistory, caseId: string, c: HistoryChanges): CaseHistory {
  const base = withoutCase(h, caseId);
  for (const [k, list] of Object.entries(c.persons)) base.persons[k] = [...(base.persons[k] ?? []), ...list];
  if (c.klass) base.klass.push(c.klass);
  if (c.filing) base.institution.filings.push(c.filing);
  base.institution.attendance.push(...c.attendance);
  if (c.inspection) base.institution.inspections.push(c.inspection);
  if (c.measure) base.institution.measures.push(c.measure);
  if (c.closure) base.institution.closures.push(c.closure);
  if (c.opening) base.institution.openings.push(c.opening);
  if (c.standing) base.institution.standing = c.standing;
  return base;
}

/** The ledgers one case rewrites, each whole as the store keeps it: only those its changes touch. */
export interface LedgerWrites {
  persons: Record<string, PersonCommitment[]>;
  klass: SubjectCase[] | null;
  institution: InstitutionLedger | null;
}

/** What the store writes for one case's changes over the snapshot it was judged on (the store only persists). */
export function ledgerWrites(h: CaseHistory, caseId: string, c: HistoryChanges): LedgerWrites {
  const next = applyChanges(h, caseId, c);
  return {
    persons: Object.fromEntries(Object.keys(c.persons).map((k) => [k, next.persons[k] ?? []])),
    klass: c.klass ? next.klass : null,
    // An inspection rewrites the ledger even when it decides nothing: a reviewer's revision may take its measure back.
    institution: c.filing || c.standing || c.attendance.length > 0 || c.inspection || c.closure || c.opening ? next.institution : null,
  };
}

export interface CaseFacts {
  caseId: string;
  jurisdiction: Jurisdiction;
  institution: string;
  submissionType: SubmissionType;
  outcome: CaseOutcome;
  documents: ExtractedDocument[];
  receivedOn: string;
  at: string;
  /** Normalised ID number → keyed hash. */
  personKeys: Record<string, string>;
  /** The term of an agreement made on an accepted filing (Qidong 协议期两年; Zibo to the year's end). */
  agreement?: { years?: number; endOfYear?: boolean };
  /** Trainees of the class, for attendance rates (enrolledIn). */
  enrolled?: number;
  /** The class the uploader named (--class, x-amz-meta-class): it wins over the 班级编号 read. */
  classCode?: string | null;
  /** The institution's standing as judged: an accepted filing renews it, keeping what it ended in the trail. */
  standing?: InstitutionStanding | null;
  /** Rules the case failed with an error or a warning, for the class's later cases. */
  failed?: string[];
  /** What an inspection case decided against the institution (lib/rules/measures.ts). */
  measure?: Pick<Measure, 'kind' | 'dueBy' | 'suspends' | 'rules' | 'reason'> | null;
}

/** The class a packet is filed under: the one its uploader named, else the 班级编号 on its forms. */
export function classOfPacket(documents: ExtractedDocument[], declared?: string | null): string | null {
  const named = declared?.replace(/\s+/g, '');
  return named ? named : classCodeOf(documents);
}

/** Where a class stands after its cases so far (CONTRACT: `intake submit --json` prints it). */
export type ClassStatus = 'not-opened' | 'opening-pending' | 'opening-refused' | 'opened' | 'claim-pending' | 'claim-refused' | 'claimed';

export function classStatus(cases: SubjectCase[]): ClassStatus {
  const last = (t: SubmissionType) => cases.filter((c) => c.submissionType === t).at(-1);
  const opening = cases.filter((c) => c.submissionType === 'class-opening' && COUNTS.has(c.outcome) && c.outcome !== 'supplement-required').at(-1) ?? last('class-opening');
  if (!opening) return 'not-opened';
  if (opening.outcome === 'rejected') return 'opening-refused';
  if (opening.outcome === 'supplement-required') return 'opening-pending';
  const claim = last('subsidy-claim');
  if (!claim) return 'opened';
  return claim.outcome === 'rejected' ? 'claim-refused' : claim.outcome === 'supplement-required' ? 'claim-pending' : 'claimed';
}

/**
 * The teaching units of a schedule (Shaoxing 三（一）: 「每半天时间内，同一授课老师的授课内容视为一个授课单元」):
 * distinct (date, morning or afternoon, teacher). Null unless every session has its date and start time.
 */
export function teachingUnits(documents: ExtractedDocument[]): number | null {
  const sessions = documents.filter((d) => d.type === 'schedule').flatMap((d) => d.tables?.sessions ?? []);
  if (sessions.length === 0) return null;
  const units = new Set<string>();
  for (const s of sessions) {
    const date = s.date?.value;
    const start = s.startTime?.value;
    if (typeof date !== 'string' || typeof start !== 'string' || !/^\d{2}:\d{2}$/.test(start)) return null;
    units.add(`${date}|${start < '12:00' ? 'am' : 'pm'}|${String(s.teacher?.value ?? '').trim()}`);
  }
  return units.size;
}

/** The accepted opening of a class (the latest that holds), if it has one. */
export function openingOf(cases: SubjectCase[]): SubjectCase | undefined {
  return cases.filter((c) => c.submissionType === 'class-opening' && (c.outcome === 'accepted' || c.outcome === 'warning')).at(-1);
}

/** Each sign-in sheet's attendance: signed slots over the class's trainees; an inspection's: trainees present over enrolled. */
export function attendanceOf(documents: ExtractedDocument[], enrolled: number | undefined, caseId: string, classKey: string): AttendanceRecord[] {
  const inspection = inspectionOf(documents);
  if (inspection) {
    const of = inspection.enrolled ?? enrolled;
    return inspection.present !== null && of && inspection.date ? [{ caseId, date: inspection.date, classKey, rate: Math.min(1, inspection.present / of) }] : [];
  }
  if (!enrolled) return [];
  return documents.flatMap((s) => {
    const signed = s.type === 'sign-in-sheet' ? s.fields.signedCount?.value : undefined;
    const date = s.fields.date?.value;
    return typeof signed === 'number' && typeof date === 'string' ? [{ caseId, date, classKey, rate: Math.min(1, signed / enrolled) }] : [];
  });
}

/** How many trainees the class has: its roster in this packet, else its accepted class-opening case. */
export function enrolledIn(documents: ExtractedDocument[], h: CaseHistory): number | undefined {
  const rows = documents.filter((d) => d.type === 'roster').reduce((n, d) => n + (d.tables?.trainees?.length ?? 0), 0);
  if (rows > 0) return rows;
  const opened = h.klass.filter((c) => c.submissionType === 'class-opening' && COUNTS.has(c.outcome) && c.traineeCount).at(-1);
  return opened?.traineeCount;
}

function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d));
  if (end.getUTCMonth() !== m - 1) end.setUTCDate(0); // 29 Feb → 28 Feb
  end.setUTCDate(end.getUTCDate() - 1); // two years from 1 March end on the last day of February
  return end.toISOString().slice(0, 10);
}

/** The agreement an accepted filing leads to: from the day of receipt, for years, or to 31 December. */
export function agreementTerm(receivedOn: string, agreement?: { years?: number; endOfYear?: boolean }): { start: string; end?: string } {
  const end = agreement?.years ? addYears(receivedOn, agreement.years) : agreement?.endOfYear ? `${receivedOn.slice(0, 4)}-12-31` : undefined;
  return { start: receivedOn, ...(end ? { end } : {}) };
}

/** What a decided case commits: enrolments, subsidy uses, the class's and the institution's ledger entries. */
export function changesOf(f: CaseFacts): HistoryChanges {
  const doc = (t: ExtractedDocument['type']) => f.documents.find((d) => d.type === t);
  const code = classOfPacket(f.documents, f.classCode);
  const classKey = code ? classKeyOf(f.jurisdiction, f.institution, code) : `${institutionKeyOf(f.jurisdiction, f.institution)}/case:${f.caseId}`;
  const persons: Record<string, PersonCommitment[]> = {};
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  if (f.submissionType === 'class-opening') {
    const app = doc('class-opening-application');
    for (const id of rosterIds(f.documents)) {
      const key = f.personKeys[id];
      if (!key) continue;
      persons[key] = [{
        kind: 'enrolment', caseId: f.caseId, classKey, outcome: f.outcome, at: f.at,
        startDate: str(app?.fields.startDate?.value), endDate: str(app?.fields.endDate?.value), className: str(app?.fields.className?.value),
      }];
    }
  }
  if (f.submissionType === 'subsidy-claim') {
    const claim = doc('subsidy-claim-application') ?? doc('class-opening-application');
    const date = str(claim?.fields.certificateDate?.value) ?? f.receivedOn;
    const level = str(claim?.fields.level?.value);
    for (const id of rosterIds(f.documents)) {
      const key = f.personKeys[id];
      if (!key) continue;
      persons[key] = [{
        kind: 'subsidy', caseId: f.caseId, classKey, outcome: f.outcome, at: f.at, year: Number(date.slice(0, 4)), date,
        occupation: occupationKey(claim?.fields.occupation?.value) ?? undefined, level, levelRank: levelRank(level) ?? undefined,
      }];
    }
  }
  const traineeCount = doc('class-opening-application')?.fields.traineeCount?.value;
  const units = f.submissionType === 'class-opening' ? teachingUnits(f.documents) : null;
  const endDate = f.submissionType === 'class-opening' ? doc('class-opening-application')?.fields.endDate?.value : undefined;
  const sheets = f.documents.filter((d) => d.type === 'sign-in-sheet').length;
  const subject: SubjectCase = {
    caseId: f.caseId, submissionType: f.submissionType, outcome: f.outcome, at: f.at, receivedOn: f.receivedOn,
    ...(typeof traineeCount === 'number' ? { traineeCount } : {}),
    ...(units ? { units } : {}),
    ...(typeof endDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(endDate) ? { endDate } : {}),
    ...(sheets > 0 ? { sheets } : {}),
    ...(f.failed?.length ? { failed: f.failed } : {}),
  };
  const attendance = f.submissionType === 'attendance' || f.submissionType === 'inspection' ? attendanceOf(f.documents, f.enrolled, f.caseId, classKey) : [];
  const inspected = f.submissionType === 'inspection' || f.submissionType === 'complaint' ? inspectionOf(f.documents) : null;
  let standing: InstitutionStanding | null = null;
  // An accepted filing makes or renews the agreement. A suspended or exited institution's filing is refused
  // by its city's exit-bar rule while the bar lasts (Shaoxing 五、其他（二）, Zibo 二 培训禁入); one accepted
  // after it (or on a reviewer's decision) brings the institution back, the exit kept in the trail.
  if (f.submissionType === 'institution-filing' && f.outcome === 'accepted') {
    const term = agreementTerm(f.receivedOn, f.agreement);
    const app = doc('institution-application');
    const prev = f.standing ?? null;
    const { agreementStart: _s, agreementEnd: _e, reason: _r, since: _c, trail: _t, ...kept } = prev ?? ({ status: 'active' } as Partial<InstitutionStanding>);
    const trail = prev && prev.status !== 'active' ? [...(prev.trail ?? []), { status: prev.status, ...(prev.reason ? { reason: prev.reason } : {}), by: prev.by, at: prev.at }] : prev?.trail ?? [];
    standing = {
      ...kept, status: 'active' as const, agreementStart: term.start, ...(term.end ? { agreementEnd: term.end } : {}), by: 'system:intake', at: f.at, caseId: f.caseId,
      ...(kept.name ? {} : str(app?.fields.institutionName?.value) ? { name: str(app?.fields.institutionName?.value) } : {}),
      ...(kept.creditCode ? {} : str(app?.fields.creditCode?.value) ? { creditCode: str(app?.fields.creditCode?.value) } : {}),
      ...(trail.length ? { trail } : {}),
    };
  }
  const on = inspected?.date ?? f.receivedOn;
  const start = str(doc('class-opening-application')?.fields.startDate?.value);
  const trainees = rosterIds(f.documents).length || (typeof traineeCount === 'number' ? traineeCount : 0);
  return {
    ...(f.submissionType === 'class-opening' && code ? { opening: { caseId: f.caseId, classKey, outcome: f.outcome, on: f.receivedOn, ...(start ? { startDate: start } : {}), trainees } } : {}),
    persons,
    klass: code && f.submissionType !== 'institution-filing' ? subject : null,
    filing: f.submissionType === 'institution-filing' ? subject : null,
    attendance,
    standing,
    ...(inspected ? {
      inspection: { caseId: f.caseId, date: on, classKey: code ? classKey : null, kinds: inspected.found.map((x) => x.kind) },
      measure: f.measure ? { ...f.measure, caseId: f.caseId, classKey: code ? classKey : null, on: f.receivedOn, at: f.at } : null,
    } : {}),
  };
}
