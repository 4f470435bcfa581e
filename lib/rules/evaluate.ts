// Stage 4: a packet's documents against its jurisdiction's rules → findings. Each check is a small
// pure function of the packet and the rule's parameters.
import { DOCUMENT_LABEL_ZH, type Extraction, type Finding, type Jurisdiction, type SubmissionType } from '../domain/schemas.ts';
import { chinaCalendar, type WorkingDayCalendar } from '../calendar/index.ts';
import { checkCreditCode } from '../identity/credit-code.ts';
import { checkIdNumber } from '../identity/id-number.ts';
import type { Condition, PackRule, ResolvedPack } from './pack.ts';

export interface PacketFacts {
  /** Qidong 附件1: a training institution or an enterprise applies (the form's tick boxes, or the uploader says). */
  applicantKind?: 'institution' | 'enterprise';
  /** The class is held outside the institution's own premises (Shaoxing 附件1 item 8). */
  offsiteVenue?: boolean;
  /** Part of the class is taught online (Shaoxing 附件5 item 9). */
  onlineClasses?: boolean;
}

export interface RuleContext {
  jurisdiction: Jurisdiction;
  submissionType: SubmissionType;
  extraction: Extraction;
  facts: PacketFacts;
  /** The day the bureau received the packet (China time, YYYY-MM-DD); lead times count back from events to it. */
  receivedOn?: string;
  calendar?: WorkingDayCalendar;
}

type CheckResult = { applies: false } | { applies: true; passed: boolean; missing?: string[] };

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
    case 'entrepreneurship-training': {
      const app = docs.find((d) => d.type === 'class-opening-application');
      return /创业/.test(String(app?.fields.trainingType?.value ?? app?.fields.className?.value ?? ''));
    }
  }
}

const CHECKS: { [K in PackRule['check']]: (rule: Extract<PackRule, { check: K }>, ctx: RuleContext) => CheckResult } = {
  'required-document': (rule, ctx) => {
    if (!holds(rule.params.when, ctx)) return { applies: false };
    const present = new Set(ctx.extraction.documents.map((d) => d.type));
    const missing = rule.params.documentTypes.filter((t) => !present.has(t));
    const passed = rule.params.mode === 'any' ? missing.length < rule.params.documentTypes.length : missing.length === 0;
    return { applies: true, passed, missing: missing.map((t) => DOCUMENT_LABEL_ZH[t]) };
  },
  'required-fields': (rule, ctx) => {
    const doc = ctx.extraction.documents.find((d) => d.type === rule.params.documentType);
    if (!doc) return { applies: false }; // its absence is the checklist rule's finding
    const missing = rule.params.fields.filter((f) => {
      const v = doc.fields[f]?.value;
      return v === undefined || v === null || v === '';
    });
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
    const date = doc?.fields[rule.params.field]?.value;
    if (!ctx.receivedOn || typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { applies: false };
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
    const value = doc.fields[p.field]?.value;
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
      if (!f.classCode?.value) problems.push(`${label}未填写培训班级编号`);
      if (!f.date?.value || !f.startTime?.value) problems.push(`${label}授课时间不完整`);
      if (rule.params.requireTeacherSignature && f.teacherSigned?.value !== true) problems.push(`${label}授课老师未签名`);
      if (f.signedCount?.value === 0) problems.push(`${label}无学员签名`);
    }
    return { applies: true, passed: problems.length === 0, missing: problems };
  },
  teachers: (rule, ctx) => {
    const rows = ctx.extraction.documents.filter((d) => d.type === 'teacher-list').flatMap((d) => d.tables?.teachers ?? []);
    if (rows.length === 0) return { applies: false };
    const p = rule.params;
    const problems: string[] = [];
    if (p.maxAge !== undefined) {
      for (const r of rows) {
        const age = r.age?.value;
        if (typeof age === 'number' && age > p.maxAge) problems.push(`教师${String(r.name?.value ?? '')}年龄${age}周岁，超过${p.maxAge}周岁`);
      }
    }
    const fullTime = rows.filter((r) => /专职|全职|full/i.test(String(r.employment?.value ?? ''))).length;
    const known = rows.filter((r) => r.employment?.value).length;
    if ((p.minFullTime !== undefined || p.minFullTimeShare !== undefined) && known === 0) {
      problems.push('师资表未注明专职或兼职');
    } else {
      if (p.minFullTime !== undefined && fullTime < p.minFullTime) problems.push(`专职教师${fullTime}人，少于${p.minFullTime}人`);
      if (p.minFullTimeShare !== undefined && fullTime < p.minFullTimeShare * rows.length - 1e-9) problems.push(`专职教师${fullTime}人，少于教师总数${rows.length}人的${Math.round(p.minFullTimeShare * 100)}%`);
    }
    return { applies: true, passed: problems.length === 0, missing: problems };
  },
  'deadline-after': (rule, ctx) => {
    const doc = ctx.extraction.documents.find((d) => d.type === rule.params.documentType);
    const date = doc?.fields[rule.params.field]?.value;
    if (!ctx.receivedOn || typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { applies: false };
    const last = addMonths(date, rule.params.months);
    const passed = ctx.receivedOn <= last;
    return { applies: true, passed, missing: passed ? [] : [`${rule.params.event}日期为${date}，应于${last}前提出，本次于${ctx.receivedOn}收到`] };
  },
};

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

export interface Evaluation {
  findings: Finding[];
  /** Rules that applied to this packet and passed, for the record. */
  passed: string[];
}

export function evaluate(pack: ResolvedPack, ctx: RuleContext): Evaluation {
  const findings: Finding[] = [];
  const passed: string[] = [];
  for (const rule of pack.rules) {
    if (!rule.submissionTypes.includes(ctx.submissionType)) continue;
    const check = CHECKS[rule.check] as (r: PackRule, c: RuleContext) => CheckResult;
    const result = check(rule, ctx);
    if (!result.applies) continue;
    if (result.passed) {
      passed.push(rule.id);
      continue;
    }
    findings.push({
      ruleId: rule.id,
      severity: rule.severity,
      outcome: rule.outcome,
      message: message(rule, result.missing),
      source: rule.source,
      subject: rule.check === 'required-document' ? rule.params.item : 'documentType' in rule.params ? rule.params.documentType : 'sign-in-sheet',
    });
  }
  return { findings, passed };
}
