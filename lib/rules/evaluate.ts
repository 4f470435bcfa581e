// Stage 4: a packet's documents against its jurisdiction's rules → findings. Each check is a small
// pure function of the packet and the rule's parameters.
import { DOCUMENT_LABEL_ZH, type DocumentType, type Extraction, type Finding, type Jurisdiction, type SubmissionType } from '../domain/schemas.ts';
import { chinaCalendar, type WorkingDayCalendar } from '../calendar/index.ts';
import { checkCreditCode } from '../identity/credit-code.ts';
import { ageOn, checkIdNumber } from '../identity/id-number.ts';
import { datesInText, parseTimeRange } from '../domain/values.ts';
import { attendanceOf, classKeyOf, classOfPacket, openingOf, openRectifications, standingOf, COUNTS, enrolledIn, levelRank, occupationKey, type CaseHistory, type SubsidyUse } from './history.ts';
import { describeFound, inspectionOf } from '../domain/inspection.ts';
import type { Condition, PackRule, ResolvedPack } from './pack.ts';

export interface PacketFacts {
  /** Qidong 附件1: a training institution or an enterprise applies (the form's tick boxes, or the uploader says). */
  applicantKind?: 'institution' | 'enterprise';
  /** The class is held outside the institution's own premises (Shaoxing 附件1 item 8). */
  offsiteVenue?: boolean;
  /** Part of the class is taught online (Shaoxing 附件5 item 9). */
  onlineClasses?: boolean;
  /** The class the uploader named (--class, x-amz-meta-class); it wins over the 班级编号 read. */
  classCode?: string;
}

export interface RuleContext {
  jurisdiction: Jurisdiction;
  submissionType: SubmissionType;
  extraction: Extraction;
  facts: PacketFacts;
  /** The day the bureau received the packet (China time, YYYY-MM-DD); lead times count back from events to it. */
  receivedOn?: string;
  calendar?: WorkingDayCalendar;
  /** The uploading institution (its id in the upload path), for cross-case checks. */
  institution?: string;
  /** What earlier cases committed (without this case's own entries); cross-case rules need it. */
  history?: CaseHistory;
  /** Normalised ID number → keyed hash, for the roster's trainees. */
  personKeys?: Record<string, string>;
  /** Findings of the other rules so far (the supplement limit looks at them). */
  findingsSoFar?: Finding[];
  /** The class the uploader named (--class); else the 班级编号 read. */
  classCode?: string;
}

/** The roster's trainees with a valid ID, as the notice names them and as the ledgers key them. */
/** A roster line as findings name it: its 序号 (or its place), and 第n行 with the name read. */
function rosterLine(row: Record<string, { value: unknown } | undefined>, i: number): { seq: number; who: string } {
  const seq = typeof row.seq?.value === 'number' ? row.seq.value : i + 1;
  return { seq, who: `第${seq}行${typeof row.name?.value === 'string' ? ` ${row.name.value}` : ''}` };
}

/** Whether a rule's condition on another field holds (claimMode 个人 …); negate: only when it does not. */
function fieldHolds(when: { field: string; pattern: string; negate: boolean } | undefined, doc: { fields: Record<string, { value: unknown } | undefined> } | undefined): boolean {
  if (!when) return true;
  const v = doc?.fields[when.field]?.value;
  return new RegExp(when.pattern).test(typeof v === 'string' ? v : '') !== when.negate;
}

function rosterPeople(ctx: RuleContext): { who: string; key: string; row: number }[] {
  const out: { who: string; key: string; row: number }[] = [];
  const seen = new Set<string>();
  for (const d of ctx.extraction.documents.filter((x) => x.type === 'roster')) {
    (d.tables?.trainees ?? []).forEach((row, i) => {
      const id = row.idNumber?.value;
      if (typeof id !== 'string') return;
      const c = checkIdNumber(id);
      const key = c.valid && c.normalised ? ctx.personKeys?.[c.normalised] : undefined;
      if (!key || seen.has(key)) return;
      seen.add(key);
      const { seq, who } = rosterLine(row, i);
      out.push({ key, row: seq, who });
    });
  }
  return out;
}

function thisClassKey(ctx: RuleContext): string | null {
  const code = classOfPacket(ctx.extraction.documents, ctx.classCode);
  return code && ctx.institution ? classKeyOf(ctx.jurisdiction, ctx.institution, code) : null;
}

/** The claim this packet makes: occupation, level and the date its year counts from. */
function claimOf(ctx: RuleContext) {
  const doc = ctx.extraction.documents.find((d) => d.type === 'subsidy-claim-application') ?? ctx.extraction.documents.find((d) => d.type === 'class-opening-application');
  const cert = doc?.fields.certificateDate?.value;
  const date = typeof cert === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cert) ? cert : ctx.receivedOn;
  const level = doc?.fields.level?.value;
  return { occupation: occupationKey(doc?.fields.occupation?.value), occupationText: String(doc?.fields.occupation?.value ?? ''), level: typeof level === 'string' ? level : '', rank: levelRank(level), date };
}

/** Other classes' subsidies of one trainee that still hold their place. */
function subsidiesOf(ctx: RuleContext, key: string): SubsidyUse[] {
  const mine = thisClassKey(ctx);
  return (ctx.history?.persons[key] ?? []).filter((e): e is SubsidyUse => e.kind === 'subsidy' && COUNTS.has(e.outcome) && e.classKey !== mine);
}

const crossCase = (ctx: RuleContext, type: SubmissionType) => ctx.submissionType === type && ctx.history !== undefined && ctx.personKeys !== undefined;

/** people: keyed hashes of the trainees a cross-case finding is about (their entries are not committed). */
type CheckResult = { applies: false } | { applies: true; passed: boolean; missing?: string[]; people?: string[]; rows?: number[] };

function holds(cond: Condition | undefined, ctx: RuleContext): boolean {
  if (!cond) return true;
  const docs = ctx.extraction.documents;
  switch (cond) {
    case 'offsite-venue':
      // Declared by the uploader, or evident from a lease agreement in the packet.
      return ctx.facts.offsiteVenue ?? docs.some((d) => d.type === 'lease-agreement');
    case 'online-classes': {
      if (ctx.facts.onlineClasses !== undefined) return ctx.facts.onlineClasses;
      const app = docs.find((d) => d.type === 'class-opening-application');
      const online = app?.fields.onlineHours?.value;
      const sessions = docs.find((d) => d.type === 'schedule')?.tables?.sessions ?? [];
      return (typeof online === 'number' && online > 0) || sessions.some((s) => /线上|网络|online/i.test(String(s.mode?.value ?? '')));
    }
    case 'applicant-institution':
    case 'applicant-enterprise': {
      const kind = ctx.facts.applicantKind ?? docs.find((d) => d.type === 'institution-application')?.fields.applicantKind?.value;
      return kind === (cond === 'applicant-institution' ? 'institution' : 'enterprise');
    }
    case 'claim-by-institution': {
      // Only when the claim says so (机构代领): a blank mode is not taken to mean a proxy claim.
      const mode = docs.find((d) => d.type === 'subsidy-claim-application')?.fields.claimMode?.value;
      return typeof mode === 'string' && /代领|机构/.test(mode);
    }
    case 'employment-training': {
      // An institution filing for 创业培训 alone is held to the 创业 conditions, not the employment-training ones.
      const category = docs.find((d) => d.type === 'institution-application')?.fields.trainingCategory?.value;
      return typeof category !== 'string' || !/创业/.test(category) || /就业|技能|岗位/.test(category);
    }
    case 'entrepreneurship-training': {
      const app = docs.find((d) => d.type === 'class-opening-application');
      // An institution filing: the 培训类别 it applies for (Zibo 附件1 三（一）2 创业培训要求).
      if (!app) return /创业/.test(String(docs.find((d) => d.type === 'institution-application')?.fields.trainingCategory?.value ?? ''));
      return /创业/.test(String(app.fields.trainingType?.value ?? app.fields.className?.value ?? ''));
    }
  }
}

const CHECKS: { [K in PackRule['check']]: (rule: Extract<PackRule, { check: K }>, ctx: RuleContext) => CheckResult } = {
  'subsidy-per-year': (rule, ctx) => {
    const claim = claimOf(ctx);
    if (!crossCase(ctx, 'subsidy-claim') || !claim.date) return { applies: false };
    const year = Number(claim.date.slice(0, 4));
    const problems: string[] = [];
    const people: string[] = [];
    const rows: number[] = [];
    for (const p of rosterPeople(ctx)) {
      const classes = new Set(subsidiesOf(ctx, p.key).filter((u) => u.year === year).map((u) => u.classKey));
      if (classes.size + 1 > rule.params.max) {
        people.push(p.key);
        rows.push(p.row);
        problems.push(`${p.who}${year}年已申领职业培训补贴${classes.size}次`);
      }
    }
    return { applies: true, passed: problems.length === 0, missing: problems, people, rows };
  },
  'subsidy-repeat-level': (rule, ctx) => {
    const claim = claimOf(ctx);
    if (!crossCase(ctx, 'subsidy-claim') || !claim.occupation || !claim.date) return { applies: false };
    const problems: string[] = [];
    const people: string[] = [];
    const rows: number[] = [];
    for (const p of rosterPeople(ctx)) {
      const hit = subsidiesOf(ctx, p.key).find(
        (u) =>
          u.occupation === claim.occupation &&
          (u.levelRank ?? null) === claim.rank &&
          (rule.params.withinYears === undefined || (u.date <= claim.date! && addMonths(u.date, 12 * rule.params.withinYears) > claim.date!) || (u.date > claim.date! && addMonths(claim.date!, 12 * rule.params.withinYears) > u.date)),
      );
      if (hit) {
        people.push(p.key);
        rows.push(p.row);
        problems.push(`${p.who}已于${hit.date.slice(0, 4)}年申领${claim.occupationText}${claim.level}培训补贴`);
      }
    }
    return { applies: true, passed: problems.length === 0, missing: problems, people, rows };
  },
  'online-theory-only': (rule, ctx) => {
    const sessions = ctx.extraction.documents.filter((d) => d.type === 'schedule').flatMap((d) => d.tables?.sessions ?? []);
    const online = sessions.filter((s) => /online|线上|网络|在线/i.test(String(s.mode?.value ?? '')));
    if (online.length === 0) return { applies: false };
    const practical = online.filter((s) => new RegExp(rule.params.practical).test(String(s.content?.value ?? '')));
    return { applies: true, passed: practical.length === 0, missing: practical.map((s) => `${String(s.date?.value ?? '')} ${String(s.content?.value ?? '')}`.trim()) };
  },
  'enterprise-once': (rule, ctx) => {
    const mode = ctx.extraction.documents.find((d) => d.type === 'subsidy-claim-application')?.fields.claimMode?.value;
    if (!crossCase(ctx, 'subsidy-claim') || !ctx.institution || typeof mode !== 'string' || !new RegExp(rule.params.claimMode).test(mode)) return { applies: false };
    // The enterprise is the claimant: its classes are keyed under it.
    const ours = `${ctx.jurisdiction}/${ctx.institution}/`;
    const problems: string[] = [];
    const people: string[] = [];
    const rows: number[] = [];
    for (const p of rosterPeople(ctx)) {
      const hit = subsidiesOf(ctx, p.key).find((u) => u.classKey.startsWith(ours) && (u.outcome === 'accepted' || u.outcome === 'warning'));
      if (!hit) continue;
      people.push(p.key);
      rows.push(p.row);
      problems.push(`${p.who}已于${hit.date.slice(0, 4)}年由本企业申领职业培训补贴（案件${hit.caseId}）`);
    }
    return { applies: true, passed: problems.length === 0, missing: problems, people, rows };
  },
  'not-expired': (rule, ctx) => {
    const until = ctx.extraction.documents.filter((d) => d.type === rule.params.documentType).map((d) => d.fields[rule.params.field]?.value).find(isDate);
    if (!until || !ctx.receivedOn) return { applies: false };
    return { applies: true, passed: until >= ctx.receivedOn, missing: [`${rule.params.label}有效期至${until}，${ctx.receivedOn}收到申报时已过期`] };
  },
  'student-cap': (rule, ctx) => {
    const claim = claimOf(ctx);
    if (!crossCase(ctx, 'subsidy-claim') || !claim.date) return { applies: false };
    const since = addMonths(claim.date, -12 * rule.params.years);
    const problems: string[] = [];
    const people: string[] = [];
    const rows: number[] = [];
    for (const d of ctx.extraction.documents.filter((x) => x.type === 'roster')) {
      (d.tables?.trainees ?? []).forEach((row, i) => {
        // Only a line the roster itself marks as a student: the category is the roster's to declare.
        if (!new RegExp(rule.params.category).test(String(row.category?.value ?? ''))) return;
        const c = typeof row.idNumber?.value === 'string' ? checkIdNumber(row.idNumber.value) : null;
        const key = c?.valid && c.normalised ? ctx.personKeys?.[c.normalised] : undefined;
        if (!key) return;
        const earlier = subsidiesOf(ctx, key).filter((u) => u.date >= since && u.date <= claim.date!);
        if (earlier.length < rule.params.max) return;
        const { seq, who } = rosterLine(row, i);
        people.push(key);
        rows.push(seq);
        problems.push(`${who}（在校学生）在校期间已享受培训补贴${earlier.length}次`);
      });
    }
    return { applies: true, passed: problems.length === 0, missing: problems, people, rows };
  },
  'subsidy-same-class': (_rule, ctx) => {
    const mine = thisClassKey(ctx);
    if (!crossCase(ctx, 'subsidy-claim') || !mine) return { applies: false };
    const problems: string[] = [];
    const people: string[] = [];
    const rows: number[] = [];
    for (const p of rosterPeople(ctx)) {
      // The same class claimed for again, by another case (the institution's, the enterprise's or the trainee's own).
      // Only a claim that went through: one asked to supplement is replaced by its resubmission, not repeated by it.
      const hit = (ctx.history!.persons[p.key] ?? []).find((e): e is SubsidyUse => e.kind === 'subsidy' && (e.outcome === 'accepted' || e.outcome === 'warning') && e.classKey === mine);
      if (hit) {
        people.push(p.key);
        rows.push(p.row);
        problems.push(`${p.who}已就本培训项目申领补贴（案件${hit.caseId}）`);
      }
    }
    return { applies: true, passed: problems.length === 0, missing: problems, people, rows };
  },
  'occupation-catalogue': (rule, ctx) => {
    const claim = claimOf(ctx);
    if (ctx.submissionType !== 'subsidy-claim' || rule.params.occupations.length === 0 || !claim.occupation) return { applies: false };
    const listed = rule.params.occupations.some((o) => occupationKey(o) === claim.occupation);
    return { applies: true, passed: listed, missing: listed ? [] : [`${claim.occupationText}`] };
  },
  'subsidy-lower-after-higher': (_rule, ctx) => {
    const claim = claimOf(ctx);
    if (!crossCase(ctx, 'subsidy-claim') || !claim.occupation || claim.rank === null) return { applies: false };
    const problems: string[] = [];
    const people: string[] = [];
    const rows: number[] = [];
    for (const p of rosterPeople(ctx)) {
      const hit = subsidiesOf(ctx, p.key).find((u) => u.occupation === claim.occupation && u.levelRank !== undefined && u.levelRank < claim.rank!);
      if (hit) {
        people.push(p.key);
        rows.push(p.row);
        problems.push(`${p.who}已申领${claim.occupationText}${hit.level ?? ''}（更高等级）补贴，不得再申领${claim.level}补贴`);
      }
    }
    return { applies: true, passed: problems.length === 0, missing: problems, people, rows };
  },
  'trainee-overlap': (_rule, ctx) => {
    const app = ctx.extraction.documents.find((d) => d.type === 'class-opening-application');
    const start = app?.fields.startDate?.value;
    const end = app?.fields.endDate?.value ?? start;
    if (!crossCase(ctx, 'class-opening') || typeof start !== 'string' || typeof end !== 'string') return { applies: false };
    const mine = thisClassKey(ctx);
    const problems: string[] = [];
    const people: string[] = [];
    const rows: number[] = [];
    for (const p of rosterPeople(ctx)) {
      const other = (ctx.history!.persons[p.key] ?? []).find(
        (e) => e.kind === 'enrolment' && COUNTS.has(e.outcome) && e.classKey !== mine && e.startDate !== undefined && e.startDate <= end && start <= (e.endDate ?? e.startDate),
      );
      if (other && other.kind === 'enrolment') {
        people.push(p.key);
        rows.push(p.row);
        problems.push(`${p.who}已在另一培训班（${other.startDate}至${other.endDate ?? other.startDate}）参训，培训时间重叠`);
      }
    }
    return { applies: true, passed: problems.length === 0, missing: problems, people, rows };
  },
  'class-once': (_rule, ctx) => {
    const code = classOfPacket(ctx.extraction.documents, ctx.classCode);
    if (ctx.submissionType !== 'class-opening' || !ctx.history || !code) return { applies: false };
    const opened = ctx.history.klass.find((c) => c.submissionType === 'class-opening' && (c.outcome === 'accepted' || c.outcome === 'warning'));
    return { applies: true, passed: !opened, missing: opened ? [`培训班级编号${code}已于${opened.at.slice(0, 10)}开班（案件${opened.caseId}）`] : [] };
  },
  'trainee-residence': (rule, ctx) => {
    const rosters = ctx.extraction.documents.filter((x) => x.type === 'roster');
    if (rosters.length === 0) return { applies: false };
    // Proof of one of the other conditions in the packet: the reviewer reads it against each line.
    if (ctx.extraction.documents.some((d) => rule.params.proofTypes.includes(d.type))) return { applies: true, passed: true };
    const lines: string[] = [];
    for (const d of rosters) {
      (d.tables?.trainees ?? []).forEach((row, i) => {
        const c = typeof row.idNumber?.value === 'string' ? checkIdNumber(row.idNumber.value) : null;
        if (!c?.valid || !c.normalised) return; // an unreadable number is the roster rule's finding
        if (!rule.params.areaPrefixes.some((p) => c.normalised!.startsWith(p))) lines.push(rosterLine(row, i).who);
      });
    }
    return { applies: true, passed: lines.length === 0, missing: lines };
  },
  'institution-active': (rule, ctx) => {
    const standing = ctx.history?.institution.standing;
    if (ctx.submissionType !== 'institution-filing' || !ctx.receivedOn || !standing?.agreementStart) return { applies: false };
    const since = `${Number(ctx.receivedOn.slice(0, 4)) - rule.params.years}${ctx.receivedOn.slice(4)}`;
    if (standing.agreementStart > since) return { applies: false }; // not yet that long on the register
    const held = ctx.history!.institution.openings.filter((o) => (o.outcome === 'accepted' || o.outcome === 'warning') && (o.startDate ?? o.on) >= since);
    return { applies: true, passed: held.length > 0, missing: [`${since}至${ctx.receivedOn}未开班（无获准开班的培训班）`] };
  },
  'annual-quota': (_rule, ctx) => {
    const quota = ctx.history?.institution.standing?.annualQuota;
    const app = ctx.extraction.documents.find((d) => d.type === 'class-opening-application');
    if (ctx.submissionType !== 'class-opening' || quota === undefined || !ctx.receivedOn) return { applies: false };
    const start = app?.fields.startDate?.value;
    const year = (typeof start === 'string' && /^\d{4}/.test(start) ? start : ctx.receivedOn).slice(0, 4);
    const mine = ctx.extraction.documents.filter((d) => d.type === 'roster').reduce((n, d) => n + (d.tables?.trainees?.length ?? 0), 0) || Number(app?.fields.traineeCount?.value ?? 0);
    const used = ctx.history!.institution.openings.filter((o) => COUNTS.has(o.outcome) && (o.startDate ?? o.on).startsWith(year)).reduce((n, o) => n + o.trainees, 0);
    const passed = used + mine <= quota;
    return { applies: true, passed, missing: passed ? [] : [`${year}年度核定培训人数${quota}人，已开班${used}人，本班${mine}人，合计${used + mine}人`] };
  },
  'proxy-coverage': (_rule, ctx) => {
    if (ctx.submissionType !== 'subsidy-claim' || !holds('claim-by-institution', ctx)) return { applies: false };
    const ids = (type: 'roster' | 'proxy-agreement') => ctx.extraction.documents.filter((d) => d.type === type).flatMap((d) => d.tables?.trainees ?? []);
    const signed = new Set(ids('proxy-agreement').map((r) => (typeof r.idNumber?.value === 'string' ? checkIdNumber(r.idNumber.value).normalised : null)).filter((x): x is string => !!x));
    // An agreement read without its list (a letter, a scan whose table was not found) is the reviewer's to read.
    if (signed.size === 0) return { applies: false };
    const lines: string[] = [];
    const rows: number[] = [];
    ids('roster').forEach((row, i) => {
      const c = typeof row.idNumber?.value === 'string' ? checkIdNumber(row.idNumber.value) : null;
      if (!c?.valid || signed.has(c.normalised!)) return;
      const { seq, who } = rosterLine(row, i);
      lines.push(who);
      rows.push(seq);
    });
    return { applies: true, passed: lines.length === 0, missing: lines, rows };
  },
  'field-pattern': (rule, ctx) => {
    const v = ctx.extraction.documents.find((d) => d.type === rule.params.documentType)?.fields[rule.params.field]?.value;
    if (typeof v !== 'string' || v.trim() === '') return { applies: false };
    return { applies: true, passed: new RegExp(rule.params.pattern).test(v), missing: [`${rule.params.label}“${v}”`] };
  },
  'inspection-finding': (rule, ctx) => {
    const record = ctx.submissionType === 'inspection' || ctx.submissionType === 'complaint' ? inspectionOf(ctx.extraction.documents) : null;
    if (!record || !ctx.history) return { applies: false };
    const p = rule.params;
    const found = record.found.filter((f) => p.kinds.includes(f.kind));
    if (p.whileRectifying) {
      const open = openRectifications(ctx.history.institution).at(-1);
      if (!open) return { applies: false }; // nothing to rectify: the clause's other rules judge what was found
      return { applies: true, passed: found.length === 0, missing: found.length ? [`${open.on}下达整改通知后（案件${open.caseId}）整改期间再次发现：${found.map(describeFound).join('；')}`] : [] };
    }
    if (found.length === 0) return { applies: true, passed: true };
    if (p.minOccasions > 1) {
      const earlier = ctx.history.institution.inspections.filter((e) => e.kinds.some((k) => (p.kinds as string[]).includes(k)));
      const dates = [...earlier.map((e) => e.date), record.date ?? ctx.receivedOn ?? ''];
      if (dates.length < p.minOccasions) return { applies: true, passed: true };
      return { applies: true, passed: false, missing: [`${found.map(describeFound).join('；')}，已达${dates.length}次（${dates.join('、')}）`] };
    }
    return { applies: true, passed: false, missing: found.map(describeFound) };
  },
  'institution-standing': (rule, ctx) => {
    const standing = ctx.history ? standingOf(ctx.history.institution) : null;
    if (!standing) return { applies: false }; // an institution the registry does not know: nothing to hold against it
    if (standing.status !== 'active') {
      const what = standing.status === 'suspended' ? '培训资格已暂停' : '已退出培训机构目录（备案协议已解除）';
      return { applies: true, passed: false, missing: [`${what}${standing.reason ? `（${standing.reason}）` : ''}`] };
    }
    const start = ctx.extraction.documents.find((d) => d.type === 'class-opening-application')?.fields.startDate?.value;
    const on = typeof start === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(start) ? start : ctx.receivedOn;
    if (rule.params.agreementEnd && standing.agreementEnd && on && on > standing.agreementEnd) {
      return { applies: true, passed: false, missing: [`备案协议有效期至${standing.agreementEnd}，${on}已不在协议期内`] };
    }
    return { applies: true, passed: true };
  },
  'class-hours': (rule, ctx) => {
    const p = rule.params;
    const app = ctx.extraction.documents.find((d) => d.type === 'class-opening-application');
    if (p.when) {
      const v = app?.fields[p.when.field]?.value;
      if (typeof v !== 'string' || new RegExp(p.when.pattern).test(v) === p.when.negate) return { applies: false };
    }
    // The schedule says what is taught; the application's figures only when the schedule cannot be counted.
    const counted = scheduleHours(ctx.extraction.documents, p.minutesPerHour);
    const declared = { total: app?.fields.totalHours?.value, practical: app?.fields.practicalHours?.value };
    const hours = counted ?? (typeof declared.total === 'number' ? { total: declared.total, practical: typeof declared.practical === 'number' ? declared.practical : NaN, sessions: 0 } : null);
    if (!hours) return { applies: false };
    const source = counted ? `按课程表${counted.sessions}次课计算（每课时${p.minutesPerHour}分钟）` : '按申请表填报（课程表未能逐次计算课时）';
    const problems: string[] = [];
    if (p.min !== undefined && hours.total < p.min - 1e-9) problems.push(`${source}总课时${hours.total}课时，低于${p.min}课时`);
    if (p.practicalShareMin !== undefined && Number.isFinite(hours.practical) && hours.total > 0 && hours.practical < p.practicalShareMin * hours.total - 1e-9) {
      problems.push(`${source}实操课时占比${Math.round((hours.practical / hours.total) * 1000) / 10}%，低于${Math.round(p.practicalShareMin * 100)}%`);
    }
    return { applies: true, passed: problems.length === 0, missing: problems };
  },
  'institution-known': (rule, ctx) => {
    if (!ctx.history || !ctx.institution || ctx.submissionType === 'institution-filing') return { applies: false };
    if (ctx.history.institution.standing) return { applies: true, passed: true }; // its standing is institution-standing's
    const kind = ctx.facts.applicantKind ?? ctx.extraction.documents.find((d) => d.type === 'institution-application')?.fields.applicantKind?.value;
    if (rule.params.exceptEnterprise && kind === 'enterprise') return { applies: true, passed: true };
    return { applies: true, passed: false, missing: [`机构编号${ctx.institution}`] };
  },
  'exit-bar': (rule, ctx) => {
    const standing = ctx.history ? standingOf(ctx.history.institution) : null;
    if (ctx.submissionType !== 'institution-filing' || !standing) return { applies: false };
    if (standing.status === 'active') return { applies: true, passed: true };
    const since = standing.since ?? standing.at.slice(0, 10);
    const what = `${standing.status === 'suspended' ? '已于' + since + '被暂停培训资格' : '已于' + since + '退出（被取消培训资格）'}${standing.reason ? `（${standing.reason}）` : ''}`;
    // A suspension lasts until the bureau lifts it; an exit for the years the seed bars, else until reinstated.
    const barEnds = standing.status === 'exited' && rule.params.yearsAfter !== undefined ? `${Number(since.slice(0, 4)) + rule.params.yearsAfter}-12-31` : null;
    if (barEnds && ctx.receivedOn && ctx.receivedOn > barEnds) return { applies: true, passed: true };
    return { applies: true, passed: false, missing: [barEnds ? `${what}，${barEnds}前不予接受申报` : `${what}，须经人社部门恢复后方可重新申报`] };
  },
  'class-opened': (_rule, ctx) => {
    const code = classOfPacket(ctx.extraction.documents, ctx.classCode);
    if (!ctx.history || !code || ctx.submissionType === 'class-opening' || ctx.submissionType === 'institution-filing') return { applies: false };
    if (openingOf(ctx.history.klass)) return { applies: true, passed: true };
    const tried = ctx.history.klass.filter((c) => c.submissionType === 'class-opening').at(-1);
    const state = !tried ? '未开班备案' : tried.outcome === 'rejected' ? `开班申请未予受理（案件${tried.caseId}）` : `开班申请尚待补正材料（案件${tried.caseId}）`;
    return { applies: true, passed: false, missing: [`培训班级${code}${state}`] };
  },
  'claim-roster': (_rule, ctx) => {
    if (!crossCase(ctx, 'subsidy-claim')) return { applies: false };
    const mine = thisClassKey(ctx);
    if (!mine || !openingOf(ctx.history!.klass)) return { applies: false }; // class-opened says so
    const problems: string[] = [];
    const people: string[] = [];
    const rows: number[] = [];
    for (const p of rosterPeople(ctx)) {
      const approved = (ctx.history!.persons[p.key] ?? []).some((e) => e.kind === 'enrolment' && e.classKey === mine && (e.outcome === 'accepted' || e.outcome === 'warning'));
      if (!approved) {
        people.push(p.key);
        rows.push(p.row);
        problems.push(p.who);
      }
    }
    // A line whose ID number cannot be read as a valid one cannot be found on the approved roster: named, so
    // that it is corrected before anyone is paid, never passed unseen.
    for (const d of ctx.extraction.documents.filter((x) => x.type === 'roster')) {
      (d.tables?.trainees ?? []).forEach((row, i) => {
        const id = row.idNumber?.value;
        if (typeof id === 'string' && checkIdNumber(id).valid) return;
        const { seq, who } = rosterLine(row, i);
        rows.push(seq);
        problems.push(`${who}（身份证号码未能核对）`);
      });
    }
    return { applies: true, passed: problems.length === 0, missing: problems, people, rows };
  },
  'class-carried': (rule, ctx) => {
    if (!ctx.history || !thisClassKey(ctx)) return { applies: false };
    const earlier = ctx.history.klass.filter((c) => c.submissionType !== ctx.submissionType && (c.failed ?? []).some((id) => rule.params.ruleIds.includes(id)));
    if (earlier.length === 0) return { applies: true, passed: true };
    return { applies: true, passed: false, missing: earlier.map((c) => `${(c.receivedOn ?? c.at).slice(0, 10)}${rule.params.label}（案件${c.caseId}）`) };
  },
  'class-assessed': (rule, ctx) => {
    if (!crossCase(ctx, 'subsidy-claim') || !thisClassKey(ctx) || !openingOf(ctx.history!.klass)) return { applies: false }; // class-opened says so
    const asked = ctx.history!.klass.filter((c) => c.submissionType === 'assessment-application');
    if (asked.some((c) => c.outcome === 'accepted' || c.outcome === 'warning')) return { applies: true, passed: true };
    const last = asked.at(-1);
    return { applies: true, passed: false, missing: [last ? `${rule.params.label}尚未受理（案件${last.caseId}）` : `未见${rule.params.label}`] };
  },
  'class-sign-in-units': (_rule, ctx) => {
    if (!crossCase(ctx, 'subsidy-claim') || !thisClassKey(ctx)) return { applies: false };
    const units = openingOf(ctx.history!.klass)?.units;
    if (!units) return { applies: false }; // no opening, or a schedule whose units could not all be read
    const sheets = ctx.history!.klass.filter((c) => c.submissionType === 'attendance').reduce((n, c) => n + (c.sheets ?? 0), 0)
      + ctx.extraction.documents.filter((d) => d.type === 'sign-in-sheet').length;
    return { applies: true, passed: sheets >= units, missing: sheets >= units ? [] : [`开班核准的课程表共${units}个授课单元，已收到签到表${sheets}份，缺${units - sheets}份`] };
  },
  'supplement-limit': (rule, ctx) => {
    if (!ctx.history) return { applies: false };
    const asked = (ctx.findingsSoFar ?? []).filter((f) => (f.outcome === 'SUPPLEMENT_ONCE' || f.outcome === 'RESCAN') && f.severity === 'error');
    if (asked.length === 0) return { applies: false };
    const earlier = (ctx.submissionType === 'institution-filing' ? ctx.history.institution.filings : ctx.history.klass).filter(
      (c) => c.submissionType === ctx.submissionType && c.outcome === 'supplement-required',
    );
    const passed = earlier.length < rule.params.limit;
    return { applies: true, passed, missing: passed ? [] : [`已于${earlier.map((c) => c.at.slice(0, 10)).join('、')}告知补充材料${earlier.length}次，材料仍不齐全`] };
  },
  'attendance-exit': (rule, ctx) => {
    if ((ctx.submissionType !== 'attendance' && ctx.submissionType !== 'inspection') || !ctx.history) return { applies: false };
    const mine = attendanceOf(ctx.extraction.documents, enrolledIn(ctx.extraction.documents, ctx.history), 'this', thisClassKey(ctx) ?? '');
    if (mine.length === 0) return { applies: false };
    const low = (r: { rate: number }) => r.rate < rule.params.minRate - 1e-9;
    const occasions = [...ctx.history.institution.attendance.filter(low), ...mine.filter(low)];
    // Only a packet that adds a low-attendance occasion triggers; earlier ones were answered already.
    const passed = !mine.some(low) || occasions.length <= rule.params.maxOccasions;
    const pct = Math.round(rule.params.minRate * 100);
    return { applies: true, passed, missing: passed ? [] : [`到课率低于${pct}%的情况已达${occasions.length}次（${occasions.map((o) => `${o.date} ${Math.round(o.rate * 100)}%`).join('、')}）`] };
  },
  'required-document': (rule, ctx) => {
    if (!holds(rule.params.when, ctx)) return { applies: false };
    const present = new Set(ctx.extraction.documents.map((d) => d.type));
    const missing = rule.params.documentTypes.filter((t) => !present.has(t));
    const passed = rule.params.mode === 'any' ? missing.length < rule.params.documentTypes.length : missing.length === 0;
    return { applies: true, passed, missing: missing.map((t) => DOCUMENT_LABEL_ZH[t]) };
  },
  'required-fields': (rule, ctx) => {
    if (!holds(rule.params.when, ctx)) return { applies: false };
    const doc = ctx.extraction.documents.find((d) => d.type === rule.params.documentType);
    if (!doc) return { applies: false }; // its absence is the checklist rule's finding
    const missing = rule.params.fields.filter((f) => {
      const v = doc.fields[f]?.value;
      return v === undefined || v === null || v === '';
    });
    if (rule.params.whenAnyFilled && missing.length === rule.params.fields.length) return { applies: false };
    return { applies: true, passed: missing.length === 0, missing: missing.map((m) => rule.params.labels[m] ?? m) };
  },
  'roster-identities': (rule, ctx) => {
    const roster = ctx.extraction.documents.find((d) => d.type === rule.params.documentType);
    const rows = roster?.tables?.[rule.params.table];
    if (!roster || !rows) return { applies: false };
    const problems: string[] = [];
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      const who = `第${row.seq?.value ?? i + 1}行${typeof row.name?.value === 'string' ? ` ${row.name.value}` : ''}`;
      const id = row.idNumber?.value;
      if (typeof id !== 'string' || id === '') return problems.push(`${who}未填写身份证号码`);
      const check = checkIdNumber(id);
      if (!check.valid) return problems.push(`${who}身份证号码无效（${ID_PROBLEM_ZH[check.problems.find((p) => p.severity === 'error')!.code]}）`);
      const first = seen.get(check.normalised!);
      if (first !== undefined) problems.push(`${who}与第${first}行身份证号码重复`);
      else seen.set(check.normalised!, Number(row.seq?.value ?? i + 1));
    });
    if (rule.params.matchTraineeCount) {
      const declared = ctx.extraction.documents.find((d) => d.type === 'class-opening-application')?.fields.traineeCount?.value;
      if (typeof declared === 'number' && declared !== rows.length) problems.push(`申请表培训人数${declared}人与花名册${rows.length}人不一致`);
    }
    return { applies: true, passed: problems.length === 0, missing: problems };
  },
  'lead-time': (rule, ctx) => {
    const doc = ctx.extraction.documents.find((d) => d.type === rule.params.documentType);
    let date = doc?.fields[rule.params.field]?.value;
    if (!isDate(date) && rule.params.textField && ctx.receivedOn) {
      // A change request names the sessions it moves in its text; the earliest is the one to ask before.
      const text = doc?.fields[rule.params.textField]?.value;
      date = typeof text === 'string' ? datesInText(text, Number(ctx.receivedOn.slice(0, 4))).sort()[0] : undefined;
    }
    if (!ctx.receivedOn || !isDate(date)) return { applies: false };
    const { days, unit, event } = rule.params;
    // RULES.md §1.4: on or before the N-th working day counted back from the event, not counting the event day.
    const latest =
      unit === 'working-days'
        ? (ctx.calendar ?? chinaCalendar()).workingDaysBefore(date, days)
        : new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
    const passed = ctx.receivedOn <= latest;
    const span = unit === 'working-days' ? `${days}个工作日` : `${days}天`;
    return { applies: true, passed, missing: passed ? [] : [`${event}日期为${date}，应于${event}前${span}（${latest}前）报送，本次于${ctx.receivedOn}收到`] };
  },
  'field-limit': (rule, ctx) => {
    const p = rule.params;
    const doc = ctx.extraction.documents.find((d) => d.type === p.documentType);
    if (!doc) return { applies: false };
    if (p.when) {
      const v = doc.fields[p.when.field]?.value;
      if (typeof v !== 'string') return { applies: false }; // unknown type: the limit cannot be chosen
      if (new RegExp(p.when.pattern).test(v) === p.when.negate) return { applies: false };
    }
    const parts = [p.field, ...(p.plus ?? [])].map((f) => doc.fields[f]?.value);
    const value = parts.every((v) => typeof v === 'number') ? (parts as number[]).reduce((a, b) => a + b, 0) : undefined;
    const total = p.of ? doc.fields[p.of]?.value : undefined;
    if (typeof value !== 'number' || (p.of && (typeof total !== 'number' || total <= 0))) return { applies: false };
    const x = p.of ? value / (total as number) : value;
    const show = (n: number) => (p.of ? `${Math.round(n * 1000) / 10}%` : `${n}${p.unit}`);
    // Bounds are inclusive: 不超过 / 不低于 include the number (RULES.md §1.4).
    if (p.max !== undefined && x > p.max + 1e-9) return { applies: true, passed: false, missing: [`${p.label}${show(x)}，超过${show(p.max)}`] };
    if (p.min !== undefined && x < p.min - 1e-9) return { applies: true, passed: false, missing: [`${p.label}${show(x)}，低于${show(p.min)}`] };
    return { applies: true, passed: true };
  },
  'credit-code': (rule, ctx) => {
    const doc = ctx.extraction.documents.find((d) => d.type === rule.params.documentType);
    const code = doc?.fields[rule.params.field]?.value;
    if (!doc) return { applies: false };
    if (typeof code !== 'string' || code === '') return { applies: true, passed: false, missing: ['未填写统一社会信用代码'] };
    const r = checkCreditCode(code);
    const errors = r.problems.filter((p) => p.severity === 'error');
    return { applies: true, passed: errors.length === 0, missing: errors.map((p) => `统一社会信用代码${code}${p.code === 'checksum' ? '校验码错误' : '格式不符'}`) };
  },
  'sign-in-sheets': (rule, ctx) => {
    const sheets = ctx.extraction.documents.filter((d) => d.type === 'sign-in-sheet');
    if (sheets.length === 0) return { applies: false }; // the checklist rule asks for them
    const problems: string[] = [];
    for (const s of sheets) {
      const where = `第${s.pages.join('、')}页签到表`;
      const f = s.fields;
      const when = [f.date?.value, f.startTime?.value].filter(Boolean).join(' ');
      const label = when ? `${where}（${when}）` : where;
      const parts = rule.params.looksAt !== 'signatures';
      if (parts && !f.classCode?.value && !ctx.classCode) problems.push(`${label}未填写培训班级编号`);
      if (parts && (!f.date?.value || !f.startTime?.value)) problems.push(`${label}授课时间不完整`);
      if (parts && rule.params.requireTeacherSignature && f.teacherSigned?.value !== true) problems.push(`${label}授课老师未签名`);
      if (rule.params.looksAt !== 'completeness' && f.signedCount?.value === 0) problems.push(`${label}无学员签名`);
    }
    return { applies: true, passed: problems.length === 0, missing: problems };
  },
  teachers: (rule, ctx) => {
    if (!holds(rule.params.when, ctx)) return { applies: false };
    // The teacher list; failing one, the staff table of the application itself (Zibo 附件2 表二 人员配备).
    const listed = ctx.extraction.documents.filter((d) => d.type === 'teacher-list').flatMap((d) => d.tables?.teachers ?? []);
    const rows = listed.length > 0 ? listed : ctx.extraction.documents.filter((d) => d.type === 'institution-application').flatMap((d) => d.tables?.teachers ?? []);
    if (rows.length === 0) return { applies: false };
    const p = rule.params;
    const problems: string[] = [];
    if (p.maxAge !== undefined) {
      for (const r of rows) {
        const age = r.age?.value;
        if (typeof age === 'number' && age > p.maxAge) problems.push(`教师${String(r.name?.value ?? '')}年龄${age}周岁，超过${p.maxAge}周岁`);
      }
    }
    const roleOf = (r: (typeof rows)[number]) => String(r.role?.value ?? '');
    // Lecturers: management staff (Zibo 表二 管理人员), 创业咨询师 and 创业导师 are counted apart, not as teachers.
    const lecturers = rows.filter((r) => !/manage|管理|consult|咨询师|mentor|导师/.test(roleOf(r)));
    const fullTime = lecturers.filter((r) => /专职|全职|full/i.test(String(r.employment?.value ?? ''))).length;
    const known = lecturers.filter((r) => r.employment?.value).length;
    if ((p.minFullTime !== undefined || p.minFullTimeShare !== undefined) && known === 0) {
      problems.push('师资表未注明专职或兼职');
    } else {
      if (p.minFullTime !== undefined && fullTime < p.minFullTime) problems.push(`专职教师${fullTime}人，少于${p.minFullTime}人`);
      if (p.minFullTimeShare !== undefined && fullTime < p.minFullTimeShare * lecturers.length - 1e-9) problems.push(`专职教师${fullTime}人，少于教师总数${lecturers.length}人的${Math.round(p.minFullTimeShare * 100)}%`);
    }
    const text = (r: (typeof rows)[number]) => `${String(r.education?.value ?? '')} ${String(r.title?.value ?? '')}`;
    // Per 培训专业: as many of each as the application lists occupations (a teacher teaches one 专业).
    const occupations = p.perOccupation
      ? Math.max(1, ctx.extraction.documents.filter((d) => d.type === 'institution-application').flatMap((d) => d.tables?.occupations ?? []).filter((o) => typeof o.name?.value === 'string' && o.name.value.trim() !== '').length)
      : 1;
    for (const [perOne, pattern, label, roleRe] of [
      [p.minTheory, p.theoryQualified, '理论课讲师', /theory|理论/],
      [p.minPractice, p.practiceQualified, '实训（实习）指导讲师', /practi|实训|实习|实操/],
    ] as const) {
      if (perOne === undefined) continue;
      const min = perOne * occupations;
      const withRole = rows.filter((r) => roleRe.test(roleOf(r)));
      const qualified = pattern ? withRole.filter((r) => new RegExp(pattern).test(text(r))) : withRole;
      if (rows.every((r) => roleOf(r) === '')) {
        problems.push('师资表未注明理论或实训讲师');
        break;
      }
      if (qualified.length < min) problems.push(`${pattern ? '符合条件的' : ''}${label}${qualified.length}人，少于${min}人${occupations > 1 ? `（申报${occupations}个培训专业，每个专业${perOne}人）` : ''}`);
    }
    if (p.minTeachers !== undefined && lecturers.length < p.minTeachers) problems.push(`讲师${lecturers.length}人，少于${p.minTeachers}人`);
    for (const [min, re, label] of [[p.minConsultants, /consult|咨询师/, '创业咨询师'], [p.minMentors, /mentor|导师/, '创业导师']] as const) {
      const n = rows.filter((r) => re.test(roleOf(r))).length;
      if (min !== undefined && n < min) problems.push(`${label}${n}人，少于${min}人`);
    }
    // Management staff are on the application's own staffing table (Zibo 表二 groups 管理人员), not on a
    // teacher list; and told apart only where that table names roles.
    const staffing = ctx.extraction.documents.filter((d) => d.type === 'institution-application').flatMap((d) => d.tables?.teachers ?? []);
    if (p.minManagement !== undefined && staffing.some((r) => roleOf(r) !== '')) {
      const managers = staffing.filter((r) => /manage|管理/.test(roleOf(r))).length;
      if (managers < p.minManagement) problems.push(`人员配备中教学管理人员${managers}人，少于${p.minManagement}人`);
    }
    if (p.aboveTaughtLevel) problems.push(...teachersNotAbove(rows, ctx.extraction.documents));
    return { applies: true, passed: problems.length === 0, missing: problems };
  },
  'assessment-timing': (rule, ctx) => {
    if (ctx.submissionType !== 'assessment-application' || !ctx.history || !thisClassKey(ctx)) return { applies: false };
    const end = openingOf(ctx.history.klass)?.endDate;
    if (!end) return { applies: false }; // no opening on file, or its end date not read: class-opened says the first
    if (rule.params.mode === 'applied-before-end') {
      if (!ctx.receivedOn) return { applies: false };
      const passed = ctx.receivedOn <= end;
      return { applies: true, passed, missing: passed ? [] : [`培训班于${end}结束，结业考核申请于${ctx.receivedOn}收到`] };
    }
    const date = ctx.extraction.documents.find((d) => d.type === 'assessment-application-form')?.fields.assessmentDate?.value;
    if (!isDate(date)) return { applies: false };
    const passed = date >= end;
    return { applies: true, passed, missing: passed ? [] : [`考核日期${date}早于培训结束日期${end}`] };
  },
  'trainee-age': (rule, ctx) => {
    const rosters = ctx.extraction.documents.filter((x) => x.type === 'roster');
    if (!ctx.receivedOn || rosters.length === 0) return { applies: false };
    const lines: string[] = [];
    for (const d of rosters) {
      (d.tables?.trainees ?? []).forEach((row, i) => {
        const id = row.idNumber?.value;
        const c = typeof id === 'string' ? checkIdNumber(id) : null;
        if (!c?.valid || !c.birthDate || !c.gender) return; // an unreadable number is the roster rule's finding
        const age = ageOn(c.birthDate, ctx.receivedOn!);
        if (age >= (c.gender === 'male' ? rule.params.maleAge : rule.params.femaleAge)) lines.push(`${rosterLine(row, i).who}（按身份证号码计${age}周岁）`);
      });
    }
    return { applies: true, passed: lines.length === 0, missing: lines };
  },
  'certificate-kinds': (rule, ctx) => {
    if (!fieldHolds(rule.params.when, ctx.extraction.documents.find((d) => d.type === rule.params.documentType))) return { applies: false };
    // Only certificates whose title was read: one without is the reviewer's to look at, not a refusal.
    const titled = ctx.extraction.documents.filter((d) => d.type === 'certificate-copy' && d.title);
    if (titled.length === 0) return { applies: false };
    const other = titled.filter((d) => !rule.params.allowed.some((p) => new RegExp(p).test(d.title!.replace(/\s+/g, ''))));
    return { applies: true, passed: other.length === 0, missing: other.map((d) => `第${d.pages.join('、')}页为${d.title!.replace(/\s+/g, '')}，不属于${rule.params.label}`) };
  },
  'deadline-after': (rule, ctx) => {
    const doc = ctx.extraction.documents.find((d) => d.type === rule.params.documentType);
    const date = doc?.fields[rule.params.field]?.value;
    if (!fieldHolds(rule.params.when, doc)) return { applies: false };
    if (!ctx.receivedOn || typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { applies: false };
    const last = addMonths(date, rule.params.months);
    const passed = ctx.receivedOn <= last;
    return { applies: true, passed, missing: passed ? [] : [`${rule.params.event}日期为${date}，应于${last}前提出，本次于${ctx.receivedOn}收到`] };
  },
};

/** A teacher's skill level from the title column (高级工, 技师, 三级 …); a professional title (工程师, 讲师) is not one. */
function skillRank(title: string): number | null {
  const s = title.replace(/\s+/g, '');
  if (/高级技师/.test(s)) return 1;
  if (/技师/.test(s)) return 2;
  // 中级工 is a skill level, 中级工程师 a professional title.
  if (/高级工(?!程)|三级/.test(s)) return 3;
  if (/中级工(?!程)|四级/.test(s)) return 4;
  if (/初级工(?!程)|五级/.test(s)) return 5;
  return null;
}

/**
 * Teachers whose skill level is not above the highest level the application trains for (Qidong 第五条 4).
 * The list does not say who teaches which 工种, so the highest level filed is the one compared; teachers
 * with a professional title only are not compared (the seed allows either, and the two scales do not meet).
 */
function teachersNotAbove(rows: Record<string, { value: unknown }>[], documents: Extraction['documents']): string[] {
  const taught = documents.filter((d) => d.type === 'institution-application').flatMap((d) => d.tables?.occupations ?? []).map((o) => levelRank(o.level?.value)).filter((r): r is number => r !== null);
  if (taught.length === 0) return [];
  const top = Math.min(...taught);
  const names = ['一级（高级技师）', '二级（技师）', '三级（高级工）', '四级（中级工）', '五级（初级工）'];
  return rows.flatMap((r) => {
    const title = String(r.title?.value ?? '');
    const rank = skillRank(title);
    return rank !== null && rank >= top ? [`教师${String(r.name?.value ?? '')}为${title}，不高于申报的最高培训等级${names[top - 1]}`] : [];
  });
}

/**
 * A class's hours from its schedule: each session's minutes (its start and end, or its 课时) over the
 * minutes of a 课时, and those taught as practice. Null unless every session can be counted.
 */
export function scheduleHours(documents: Extraction['documents'], minutesPerHour: number): { total: number; practical: number; sessions: number } | null {
  const sessions = documents.filter((d) => d.type === 'schedule').flatMap((d) => d.tables?.sessions ?? []);
  if (sessions.length === 0) return null;
  let total = 0;
  let practical = 0;
  for (const s of sessions) {
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const range = str(s.startTime?.value) && str(s.endTime?.value) ? [str(s.startTime?.value), str(s.endTime?.value)] : parseTimeRange(str(s.time?.value));
    const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
    const span = range && /^\d{2}:\d{2}$/.test(range[0]!) && /^\d{2}:\d{2}$/.test(range[1]!) ? minutes(range[1]!) - minutes(range[0]!) : NaN;
    const hours = typeof s.hours?.value === 'number' ? s.hours.value * minutesPerHour : NaN;
    const m = span > 0 && span <= 12 * 60 ? span : hours > 0 ? hours : NaN;
    if (!Number.isFinite(m)) return null;
    total += m;
    if (/practi|实操|实训|实习/i.test(str(s.mode?.value))) practical += m;
  }
  const round = (n: number) => Math.round((n / minutesPerHour) * 10) / 10;
  return { total: round(total), practical: round(practical), sessions: sessions.length };
}

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Same day N months later, clamped to the month's end (31 Aug + 6 months → 28/29 Feb; RULES.md §1.4). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, lastDay))).toISOString().slice(0, 10);
}

const ID_PROBLEM_ZH: Record<string, string> = {
  format: '位数或字符不符',
  'birth-date': '出生日期不存在',
  checksum: '校验码错误',
  province: '省份代码不存在',
  area: '行政区划代码不存在',
};

function message(rule: PackRule, missing: string[] | undefined): string {
  const item = rule.check === 'required-document' ? rule.params.item : '';
  return rule.message.replace('{item}', item).replace('{missing}', (missing ?? []).join('、'));
}

const SUBJECT: Partial<Record<PackRule['check'], string>> = {
  'sign-in-sheets': 'sign-in-sheet',
  'subsidy-per-year': 'roster',
  'subsidy-repeat-level': 'roster',
  'subsidy-lower-after-higher': 'roster',
  'trainee-overlap': 'roster',
  'class-once': 'class-opening-application',
  'institution-standing': 'institution',
  'institution-known': 'institution',
  'exit-bar': 'institution',
  'class-opened': 'class',
  'claim-roster': 'roster',
  'class-carried': 'class',
  'class-assessed': 'class',
  'class-sign-in-units': 'class',
  'certificate-kinds': 'certificate-copy',
  'trainee-age': 'roster',
  'assessment-timing': 'class',
  'attendance-exit': 'sign-in-sheet',
  'inspection-finding': 'inspection-record',
  'trainee-residence': 'roster',
  'online-theory-only': 'schedule',
  'enterprise-once': 'roster',
  'not-expired': 'business-licence',
  'student-cap': 'roster',
  'subsidy-same-class': 'roster',
  'occupation-catalogue': 'subsidy-claim-application',
  'proxy-coverage': 'proxy-agreement',
  'institution-active': 'institution',
  'annual-quota': 'roster',
  teachers: 'teacher-list',
};

/**
 * The form a submission is judged on. A packet without it (a roster filed as sign-in sheets, a schedule filed
 * as an opening) is asked for it, and nothing is concluded from the pages that came instead: no class is
 * refused, no attendance sanctioned, no deadline counted on a misfiled page (issue 19).
 */
const PRINCIPAL_DOCUMENT: Record<SubmissionType, DocumentType> = {
  'institution-filing': 'institution-application',
  'class-opening': 'class-opening-application',
  'change-request': 'change-request',
  attendance: 'sign-in-sheet',
  'assessment-application': 'assessment-application-form',
  'subsidy-claim': 'subsidy-claim-application',
  inspection: 'inspection-record',
  complaint: 'complaint-record',
};

/** Checks that stand without the principal form: what the packet lacks, and who sent it. */
const WITHOUT_PRINCIPAL = new Set<PackRule['check']>(['required-document', 'institution-known', 'institution-standing', 'exit-bar', 'supplement-limit']);

export interface Evaluation {
  findings: Finding[];
  /** Trainees (keyed hashes) a cross-case finding refuses: their subsidy or enrolment is not recorded. */
  refusedPersons: string[];
  /** Rules that applied to this packet and passed, for the record. */
  passed: string[];
}

export function evaluate(pack: ResolvedPack, ctx: RuleContext): Evaluation {
  const findings: Finding[] = [];
  const passed: string[] = [];
  const refusedPersons = new Set<string>();
  // The supplement limit looks at what the other rules found, so it comes last.
  const ordered = [...pack.rules.filter((r) => r.check !== 'supplement-limit'), ...pack.rules.filter((r) => r.check === 'supplement-limit')];
  const principal = ctx.extraction.documents.some((d) => d.type === PRINCIPAL_DOCUMENT[ctx.submissionType]);
  for (const rule of ordered) {
    if (!rule.submissionTypes.includes(ctx.submissionType)) continue;
    if (!principal && !WITHOUT_PRINCIPAL.has(rule.check)) continue;
    const check = CHECKS[rule.check] as (r: PackRule, c: RuleContext) => CheckResult;
    const result = check(rule, { ...ctx, findingsSoFar: findings });
    if (!result.applies) continue;
    if (result.passed) {
      passed.push(rule.id);
      continue;
    }
    if (rule.severity === 'error') for (const k of result.people ?? []) refusedPersons.add(k);
    findings.push({
      ruleId: rule.id,
      severity: rule.severity,
      outcome: rule.outcome,
      message: message(rule, result.missing),
      source: rule.source,
      ...(result.rows?.length ? { rows: result.rows } : {}),
      subject: rule.check === 'required-document' ? rule.params.item : 'documentType' in rule.params ? rule.params.documentType : SUBJECT[rule.check] ?? rule.check,
    });
  }
  return { findings, passed, refusedPersons: [...refusedPersons] };
}
