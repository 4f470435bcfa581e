// Rule packs are data (lib/jurisdictions/*.json), validated here when loaded: a bureau changes a
// number or a checklist item in the pack, not in code, and a bad pack is refused with a clear message.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CaseOutcome, DocumentType, Jurisdiction, RuleOutcome, Severity, Source, SubmissionType } from '../domain/schemas.ts';
import { InspectionFindingKind } from '../domain/inspection.ts';

export const PACK_IDS = ['shandong', ...Jurisdiction.options] as const;
export type PackId = (typeof PACK_IDS)[number];

const Condition = z.enum(['offsite-venue', 'online-classes', 'entrepreneurship-training', 'employment-training', 'applicant-institution', 'applicant-enterprise', 'claim-by-institution']);
export type Condition = z.infer<typeof Condition>;

const RequiredDocument = z.object({
  check: z.literal('required-document'),
  params: z.object({
    /** Every one of these document types must be in the packet (any one of them, with mode 'any'). */
    documentTypes: z.array(DocumentType).min(1),
    mode: z.enum(['all', 'any']).default('all'),
    /** The checklist item as the seed names it, for the notice. */
    item: z.string(),
    /** Only when this holds for the packet (e.g. Shaoxing 附件1 item 8, off-site venue). */
    when: Condition.optional(),
  }),
});

const RequiredFields = z.object({
  check: z.literal('required-fields'),
  params: z.object({
    documentType: DocumentType,
    fields: z.array(z.string()).min(1),
    labels: z.record(z.string(), z.string()),
    /** Only on a form that has some of them (a section of the form left half blank, not a form without it). */
    whenAnyFilled: z.boolean().default(false),
    /** Only when this holds for the packet (online classes …). */
    when: Condition.optional(),
  }),
});

const RosterIdentities = z.object({
  check: z.literal('roster-identities'),
  params: z.object({
    documentType: DocumentType,
    table: z.string(),
    /** Also hold the application's declared trainee count against the roster's rows. */
    matchTraineeCount: z.boolean().default(true),
  }),
});

const LeadTime = z.object({
  check: z.literal('lead-time'),
  params: z.object({
    /** The packet must arrive at least this long before the date in the field. */
    days: z.number().int().positive(),
    unit: z.enum(['working-days', 'calendar-days']),
    documentType: DocumentType,
    field: z.string(),
    /** How the notice names the date, e.g. 开班. */
    event: z.string(),
    /** When the field holds no date, the earliest date written in this text field (a change request's 变更内容). */
    textField: z.string().optional(),
  }),
});

const FieldLimit = z.object({
  check: z.literal('field-limit'),
  params: z
    .object({
      documentType: DocumentType,
      /** A number field, or a share numerator/denominator (e.g. online hours of total hours). */
      field: z.string(),
      /** Further fields added to it (teaching rooms = theory classrooms + practical rooms); all must be there. */
      plus: z.array(z.string()).optional(),
      of: z.string().optional(),
      min: z.number().optional(),
      max: z.number().optional(),
      /** How the notice names the quantity, e.g. 培训人数, 线上课时占比. */
      label: z.string(),
      unit: z.string().default(''),
      /** Only when another field matches (e.g. trainingType 就业技能培训); negate: only when it does not. */
      when: z.object({ field: z.string(), pattern: z.string(), negate: z.boolean().default(false) }).optional(),
    })
    .refine((p) => p.min !== undefined || p.max !== undefined, 'a field-limit needs min or max'),
});

const ClassHours = z.object({
  check: z.literal('class-hours'),
  /**
   * A class's hours in 课时 of minutesPerHour minutes (Liaocheng 四（二）: 每课时45分钟), counted from the
   * schedule's sessions where every one gives its times or hours, else as the application declares them;
   * min: the fewest; practicalShareMin: the practical part of them. when: by the application's field.
   */
  params: z.object({
    minutesPerHour: z.number().int().positive().default(45),
    min: z.number().positive().optional(),
    practicalShareMin: z.number().min(0).max(1).optional(),
    when: z.object({ field: z.string(), pattern: z.string(), negate: z.boolean().default(false) }).optional(),
  }),
});

const Deadline = z.object({
  check: z.literal('deadline-after'),
  params: z.object({
    /** The packet must arrive within this long after the date in the field (the last day counts). */
    months: z.number().int().positive(),
    documentType: DocumentType,
    field: z.string(),
    /** How the notice names the date, e.g. 培训合格凭证发放. */
    event: z.string(),
    /** Only when another field matches (e.g. claimMode 个人); negate: only when it does not (a blank field matches nothing). */
    when: z.object({ field: z.string(), pattern: z.string(), negate: z.boolean().default(false) }).optional(),
  }),
});

const CreditCode = z.object({
  check: z.literal('credit-code'),
  params: z.object({ documentType: DocumentType, field: z.string() }),
});

const SignInSheets = z.object({
  check: z.literal('sign-in-sheets'),
  /**
   * What of each sheet this rule looks at: its filled-in parts (class code, time, teacher's signature), or
   * whether anyone signed — Shaoxing voids hours only for the second (五、其他（一）2: 没有组织考勤).
   */
  params: z.object({ requireTeacherSignature: z.boolean().default(true), looksAt: z.enum(['all', 'completeness', 'signatures']).default('all') }),
});

const Teachers = z.object({
  check: z.literal('teachers'),
  params: z.object({
    /** 不超过 N 周岁, on the day the packet arrived. */
    maxAge: z.number().int().positive().optional(),
    minFullTime: z.number().int().nonnegative().optional(),
    /** Full-time teachers as a share of all (1/4 → 0.25), inclusive. */
    minFullTimeShare: z.number().min(0).max(1).optional(),
    /** Theory and practical teachers the list must have (per occupation where the seed says so). */
    minTheory: z.number().int().nonnegative().optional(),
    minPractice: z.number().int().nonnegative().optional(),
    /** What qualifies them (Zibo 附件1: 大专以上学历或中级以上职称 / 中级以上职称或高级以上职业资格), over education and title. */
    theoryQualified: z.string().optional(),
    practiceQualified: z.string().optional(),
    /** Whom it binds: Qidong 第四条 institutions, 第五条 enterprises; Zibo 附件1 三（一） employment training. */
    when: Condition.optional(),
    /** minTheory and minPractice for each occupation the application lists (DB37/T 5.4.1 每个培训专业). */
    perOccupation: z.boolean().optional(),
    /** Each teacher's skill level above the highest level the application trains for (Qidong 第五条 4 高于其授课等级). */
    aboveTaughtLevel: z.boolean().optional(),
    /** Lecturers (all but management staff) the list must have (Zibo 创业培训: 3名以上). */
    minTeachers: z.number().int().positive().optional(),
    /** Teaching-management staff on a list that names roles (DB37/T 4498 5.4.2 专职教学管理人员). */
    minManagement: z.number().int().positive().optional(),
    /** Zibo 创业培训: 创业咨询师 and 创业导师 on the staff list (their certificates and consent letters are the reviewer's). */
    minConsultants: z.number().int().positive().optional(),
    minMentors: z.number().int().positive().optional(),
  }),
});

// Cross-case checks: they read what earlier cases committed (lib/rules/history.ts) and apply only when the
// pipeline gave them that history.
const SubsidyPerYear = z.object({
  check: z.literal('subsidy-per-year'),
  /** 每人每年不超过 N 次: this claim would be the (N+1)-th of the year. */
  params: z.object({ max: z.number().int().positive() }),
});

const SubsidyRepeatLevel = z.object({
  check: z.literal('subsidy-repeat-level'),
  /** The same occupation and level once; within this many years (Shandong: 一年内), else never. */
  params: z.object({ withinYears: z.number().int().positive().optional() }),
});

const SubsidyLowerAfterHigher = z.object({
  check: z.literal('subsidy-lower-after-higher'),
  params: z.object({}).default({}),
});

const TraineeOverlap = z.object({
  check: z.literal('trainee-overlap'),
  /** A trainee may not be on two classes whose dates overlap. */
  params: z.object({}).default({}),
});

const ClassOnce = z.object({
  check: z.literal('class-once'),
  /** A class code opened (accepted) once may not be opened again. */
  params: z.object({}).default({}),
});

const InstitutionStanding = z.object({
  check: z.literal('institution-standing'),
  /** Also refuse when the class starts after the agreement's end. */
  params: z.object({ agreementEnd: z.boolean().default(true) }),
});

const InstitutionKnown = z.object({
  check: z.literal('institution-known'),
  /**
   * The institution is on the bureau's registry (filed, or imported): the rule's outcome says what an
   * unknown one gets — refused where the seed requires filing or an agreement, a FLAG where it does not.
   * exceptEnterprise: an enterprise training its own staff needs no agreement (Zibo 一).
   */
  params: z.object({ exceptEnterprise: z.boolean().default(false) }).default({ exceptEnterprise: false }),
});

const ExitBar = z.object({
  check: z.literal('exit-bar'),
  /**
   * A filing by a suspended or exited institution. yearsAfter: the bar ends with the N-th year after the
   * exit (Shaoxing 五（二）: 下一年度不予接受项目申报 → 1); absent, it lasts until the bureau reinstates.
   */
  params: z.object({ yearsAfter: z.number().int().min(0).max(10).optional() }).default({}),
});

const ClassOpened = z.object({
  check: z.literal('class-opened'),
  /** A later packet of a class (change, sign-in, assessment, claim) whose class has no accepted opening. */
  params: z.object({}).default({}),
});

const ClaimRoster = z.object({
  check: z.literal('claim-roster'),
  /** Trainees claimed for who are not on the class's approved (accepted opening's) roster, by keyed hash. */
  params: z.object({}).default({}),
});

const ClassCarried = z.object({
  check: z.literal('class-carried'),
  /** What an earlier case of the class failed (ruleIds) and the claim must carry (a late opening, voided hours). */
  params: z.object({ ruleIds: z.array(z.string()).min(1), label: z.string() }),
});

const CertificateKinds = z.object({
  check: z.literal('certificate-kinds'),
  params: z.object({
    /** The kinds the route pays for, as patterns on the certificate's title (职业资格证书 …). */
    allowed: z.array(z.string()).min(1),
    /** How the notice names them. */
    label: z.string(),
    /** The form whose field decides whether the rule applies (the claim's 申领方式). */
    documentType: DocumentType,
    when: z.object({ field: z.string(), pattern: z.string(), negate: z.boolean().default(false) }).optional(),
  }),
});

const AssessmentTiming = z.object({
  check: z.literal('assessment-timing'),
  /**
   * An assessment application against the end date of its class's approved opening: applied for before the
   * class ends (DB37/T 4498 6.5.2), or an assessment held after the training (Qidong 第十一条).
   */
  params: z.object({ mode: z.enum(['applied-before-end', 'assessed-after-end']) }),
});

const TraineeAge = z.object({
  check: z.literal('trainee-age'),
  /** Roster lines whose ID number gives an age at or past these on the day received (pension age: the bureau checks). */
  params: z.object({ maleAge: z.number().int().positive(), femaleAge: z.number().int().positive(), label: z.string() }),
});

const ClassAssessed = z.object({
  check: z.literal('class-assessed'),
  /** A claim for a class with no accepted assessment (考核) application on its file. */
  params: z.object({ label: z.string() }),
});

const ClassSignInUnits = z.object({
  check: z.literal('class-sign-in-units'),
  /** A claim whose class has fewer sign-in sheets on file (its attendance packets and the claim) than its approved schedule has teaching units. */
  params: z.object({}).default({}),
});

const SupplementLimit = z.object({
  check: z.literal('supplement-limit'),
  /** How many supplement requests one class (or filing) may get; past it the packet is returned. */
  params: z.object({ limit: z.number().int().positive() }),
});

const AttendanceExit = z.object({
  check: z.literal('attendance-exit'),
  /** 到课率少于 minRate 的情况超过 maxOccasions 次 (RULES.md §1.4: < 70 % on ≥ 3 occasions). */
  params: z.object({ minRate: z.number().min(0).max(1), maxOccasions: z.number().int().nonnegative() }),
});

/**
 * What an inspection found, against the clause that names it (issue 21): Qidong's exit triggers, Shaoxing's
 * warning triggers and grave violations, Liaocheng's negative list, Heze 第二十条. The failed rule's outcome
 * says what follows (EXIT and HOURS_INVALID open a rectification, DISQUALIFY ends the institution's standing).
 */
const InspectionFinding = z.object({
  check: z.literal('inspection-finding'),
  params: z.object({
    /** The kinds the clause covers (lib/domain/inspection.ts). */
    kinds: z.array(InspectionFindingKind).min(1),
    /** Only when the institution's inspections have found one of them this many times, this one included (Qidong: 投诉2次以上). */
    minOccasions: z.number().int().min(1).default(1),
    /** Only while a rectification the institution was given is open: the problem outlived it (Qidong 第十四条). */
    whileRectifying: z.boolean().default(false),
    /** Training is suspended while the rectification is open (Shaoxing 五、其他（一）: 整改期内暂停培训). */
    suspends: z.boolean().default(false),
    /** The working days the seed gives to rectify (Shaoxing 附件4: 7). */
    rectifyWorkingDays: z.number().int().positive().optional(),
  }),
});

/** A text field that must say what the seed requires of it (a Zibo address within 淄博市); a blank one is required-fields' to ask for. */
const FieldPattern = z.object({
  check: z.literal('field-pattern'),
  params: z.object({
    documentType: DocumentType,
    field: z.string(),
    /** A regular expression the value must match. */
    pattern: z.string(),
    /** How the notice names the field, e.g. 单位地址. */
    label: z.string(),
  }),
});

/**
 * Trainees whose ID number does not place their household in the city, when the packet brings no proof of
 * another condition that makes them eligible (Shaoxing 五（一）: 绍兴户籍, or insured / resident / employed /
 * studying there): named for the reviewer, not refused — the documents cannot say which condition holds.
 */
const TraineeResidence = z.object({
  check: z.literal('trainee-residence'),
  params: z.object({ areaPrefixes: z.array(z.string().regex(/^\d{2,6}$/)).min(1), proofTypes: z.array(DocumentType).min(1) }),
});

/** Training activity within the last N years of the agreement (Qidong 第十四条 1: 两年内没有开展职业技能培训活动). */
const InstitutionActive = z.object({ check: z.literal('institution-active'), params: z.object({ years: z.number().int().positive() }) });

/** The year's trainees within the number the bureau set for the institution (Qidong 附件2 二1). */
const AnnualQuota = z.object({ check: z.literal('annual-quota'), params: z.object({}).default({}) });

/** Every trainee a proxy claim claims for signed the 代领补贴协议书 it brings (DB37/T 4498 6.2.3: 应与学员签订). */
const ProxyCoverage = z.object({ check: z.literal('proxy-coverage'), params: z.object({}).default({}) });

/** A trainee claimed for once per training project, by whoever claims (Qidong 第十三条: 企业、培训机构和劳动者个人不得就同一个培训项目重复申领). */
const SubsidySameClass = z.object({ check: z.literal('subsidy-same-class'), params: z.object({}).default({}) });

/**
 * The claim's occupation on the city's subsidised catalogue (Qidong 第十三条: 纳入政府补贴性职业技能培训职业（工种）目录).
 * The seed does not print the catalogue: the bureau lists it here; an empty list checks nothing.
 */
const OccupationCatalogue = z.object({ check: z.literal('occupation-catalogue'), params: z.object({ occupations: z.array(z.string().min(1)) }) });

/**
 * Full-time students: at most `max` subsidies while enrolled (鲁人社字〔2022〕72号 一（三）), counted over the
 * `years` before the claim — the roster's 人员类别 says who is a student; the enrolment's own dates are not in a packet.
 */
const StudentCap = z.object({ check: z.literal('student-cap'), params: z.object({ max: z.number().int().positive(), years: z.number().int().positive(), category: z.string() }) });

/** A licence or certificate still valid on the day the packet came, where the copy shows its term (合法有效). */
const NotExpired = z.object({ check: z.literal('not-expired'), params: z.object({ documentType: DocumentType, field: z.string(), label: z.string() }) });

/** 同一家企业内同一名职工享受1次补贴 (鲁人社字〔2022〕72号 一（二）): an enterprise's claim for an employee it was paid for before. */
const EnterpriseOnce = z.object({ check: z.literal('enterprise-once'), params: z.object({ claimMode: z.string() }) });

/** Online lessons for theory only (Liaocheng 四（三）: 开展理论知识线上培训): an online session whose content is practical. */
const OnlineTheoryOnly = z.object({ check: z.literal('online-theory-only'), params: z.object({ practical: z.string() }) });

const RuleCheck = z.discriminatedUnion('check', [OnlineTheoryOnly, EnterpriseOnce, NotExpired, StudentCap, SubsidySameClass, OccupationCatalogue, ProxyCoverage, InspectionFinding, FieldPattern, TraineeResidence, InstitutionActive, AnnualQuota, ClassHours, InstitutionKnown, ExitBar, ClassOpened, ClaimRoster, ClassCarried, ClassAssessed, ClassSignInUnits, CertificateKinds, TraineeAge, AssessmentTiming, SubsidyPerYear, SubsidyRepeatLevel, SubsidyLowerAfterHigher, TraineeOverlap, ClassOnce, InstitutionStanding, SupplementLimit, AttendanceExit, Teachers, RequiredDocument, RequiredFields, RosterIdentities, LeadTime, FieldLimit, Deadline, CreditCode, SignInSheets]);

export const PackRule = z
  .object({
    id: z.string().regex(/^[A-Z]{2}(-[A-Z0-9]+)+$/, 'rule ids look like SX-OPEN-DOCS-1'),
    title: z.string(),
    /** The entries of the rule catalogue (lib/jurisdictions/sources/RULES.md) this rule implements, in whole or in part. */
    implements: z.array(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]+)+$/)).min(1, 'name the RULES.md entries the rule implements'),
    submissionTypes: z.array(SubmissionType).min(1),
    outcome: RuleOutcome,
    severity: Severity,
    /** What to fix, in Chinese; {item} and {missing} are filled in. */
    message: z.string(),
    source: Source,
  })
  .and(RuleCheck);
export type PackRule = z.infer<typeof PackRule>;

export const Issuer = z.object({
  /** The issuing bureau as it signs notices and as its seal reads. */
  name: z.string(),
  /** Prefix of notice numbers, e.g. 绍人社培受 → 绍人社培受〔2026〕N号. */
  docPrefix: z.string(),
});

/** The catalogue entries (RULES.md) a pack's section carries out, as a rule's implements does. */
const Implements = z.array(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]+)+$/)).default([]);

/** How long the city keeps a class's records: applied to its objects by the CDK app's lifecycle rules. */
export const Retention = z.object({
  years: z.number().int().min(1).max(30),
  /** Class videos, where the city keeps them for a different period (Qidong: 2 years). */
  videoYears: z.number().int().min(1).max(30).optional(),
  source: Source,
  implements: Implements,
});
export type Retention = z.infer<typeof Retention>;

/** The term of the agreement an accepted institution filing leads to (Qidong 协议期两年; Zibo to 31 December). */
export const AgreementTerm = z
  .object({ years: z.number().int().min(1).max(10).optional(), endOfYear: z.boolean().optional(), source: Source, implements: Implements })
  .refine((a) => (a.years === undefined) !== (a.endOfYear === undefined), 'an agreement term has either years or endOfYear');
export type AgreementTerm = z.infer<typeof AgreementTerm>;

/** The 公示 of subsidies about to be paid: how long (working days) and what the city's text says of it. */
export const Publicity = z.object({ workingDays: z.number().int().min(1).max(30).optional(), source: Source, implements: Implements });
export type Publicity = z.infer<typeof Publicity>;

/** The items a city's class archive (一班一档) holds, each found by any of its document types ([]: a person checks it). */
export const ArchiveList = z.object({
  items: z.array(z.object({ label: z.string(), documentTypes: z.array(DocumentType), ifAny: z.boolean().optional() })).min(1),
  source: Source,
  implements: Implements,
});
export type ArchiveList = z.infer<typeof ArchiveList>;

/**
 * Which outcomes may go out without a person (issue 19: nothing adverse unreviewed). What a city's notice
 * refuses, returns, warns, voids or excludes waits for a reviewer's sign-off.
 */
export const ReviewPolicy = z.object({
  unattended: z.array(CaseOutcome).min(1),
  why: z.string(),
});
export type ReviewPolicy = z.infer<typeof ReviewPolicy>;

/** When a pack says nothing: 受理 and 补正 go out as the rules decide them; the rest waits. */
export const DEFAULT_REVIEW: ReviewPolicy = { unattended: ['accepted', 'supplement-required'], why: '受理与补正告知可由系统直接发出；不予受理、警告、课时无效、退出须经人工审核' };

/** The notice of a disqualification: its title, and the decision as the seed words it. */
export const ExitWording = z.object({ title: z.string(), decision: z.string(), source: Source, implements: Implements });

/** The city's demand for a class ledger (台账), which `intake ledger` keeps (lib/cases/ledger.ts). */
export const LedgerDemand = z.object({ source: Source, implements: Implements });
export type ExitWording = z.infer<typeof ExitWording>;

export const RulePack = z.object({
  id: z.enum(PACK_IDS),
  name: z.string(),
  inherits: z.enum(PACK_IDS).nullable(),
  issuer: Issuer.optional(),
  retention: Retention.optional(),
  agreement: AgreementTerm.optional(),
  publicity: Publicity.optional(),
  archive: ArchiveList.optional(),
  review: ReviewPolicy.optional(),
  /** How the city words the end of an institution's standing (Qidong 第十四条: 取消培训补贴享受资格并自动解除备案协议). */
  exit: ExitWording.optional(),
  ledger: LedgerDemand.optional(),
  complaints: LedgerDemand.optional(),
  /** The list an accepted filing is entered on for the city's centre (Zibo 附件4 名单备案表): issued with the acceptance. */
  registration: LedgerDemand.optional(),
  /** Inherited rule ids this pack's own rules stand in for (Heze's 7-item list asks for the plan itself). */
  replaces: z.array(z.string()).default([]),
  rules: z.array(PackRule),
});
export type RulePack = z.infer<typeof RulePack>;

/** What a pack's sections do beyond its rules, as the coverage table names them. */
export const PACK_SECTIONS = {
  retention: '档案保存期限（按城市设置的 S3 生命周期规则）',
  archive: '一班一档的档案清单（intake class 列出缺少的项目）',
  publicity: '补贴公示（intake publicity：公示名单和期限，身份证号隐藏部分位数）',
  agreement: '备案协议期限（自受理机构申报之日起算，期满后开班、申领不予受理）',
  exit: '取消资格决定书（监督检查作出 DISQUALIFY 时出具）',
  ledger: '培训班期台账（intake ledger：参训人数、班期个数、补贴金额、监督检查与整改次数）',
  registration: '名单备案表（机构申报受理时随通知出具，供区县报市级备案）',
  complaints: '投诉举报登记（intake complaints：来源、核实结果、处理情况；举报人信息加密保存，查看须说明理由并记入处理记录）',
} as const;

/** Each pack's sections that name catalogue entries, as `<pack>.<section>`. */
export function packSections(pack: RulePack): { id: string; section: keyof typeof PACK_SECTIONS; implements: string[] }[] {
  return (Object.keys(PACK_SECTIONS) as (keyof typeof PACK_SECTIONS)[]).flatMap((section) => {
    const s = pack[section] as { implements?: string[] } | undefined;
    return s?.implements?.length ? [{ id: `${pack.id}.${section}`, section, implements: s.implements }] : [];
  });
}

export class RulePackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RulePackError';
  }
}

export function parsePack(raw: unknown, where: string): RulePack {
  const r = RulePack.safeParse(raw);
  if (!r.success) {
    const first = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new RulePackError(`rule pack ${where} is not valid: ${first.join('; ')}`);
  }
  const ids = new Set<string>();
  for (const rule of r.data.rules) {
    if (ids.has(rule.id)) throw new RulePackError(`rule pack ${where}: rule id ${rule.id} appears twice`);
    ids.add(rule.id);
    // A document not found in an upload asks for it: a misfiled page is no evidence of a breach (issue 19).
    if (rule.check === 'required-document' && !['SUPPLEMENT_ONCE', 'FLAG'].includes(rule.outcome)) {
      throw new RulePackError(`rule pack ${where}: ${rule.id} sanctions a missing document (${rule.outcome}); a missing document is asked for (SUPPLEMENT_ONCE)`);
    }
  }
  return r.data;
}

export function loadPackFile(id: PackId, dir = new URL('../jurisdictions/', import.meta.url)): RulePack | null {
  let text: string;
  try {
    text = readFileSync(new URL(`${id}.json`, dir), 'utf8');
  } catch {
    return null; // no pack yet for this level
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new RulePackError(`rule pack ${id}.json is not valid JSON: ${(e as Error).message}`);
  }
  return parsePack(raw, `${id}.json`);
}

export interface ResolvedPack {
  jurisdiction: Jurisdiction;
  name: string;
  issuer: z.infer<typeof Issuer>;
  agreement?: AgreementTerm;
  publicity?: Publicity;
  review: ReviewPolicy;
  exit?: ExitWording;
  /** Its pack names a 名单备案表 an accepted filing is entered on. */
  registration?: boolean;
  rules: (PackRule & { jurisdiction: PackId })[];
}

/** A city's pack with everything it inherits (Shandong's rules for Zibo, Liaocheng, Heze). */
export function resolvePack(jurisdiction: Jurisdiction, load: (id: PackId) => RulePack | null = (id) => loadPackFile(id)): ResolvedPack {
  const chain: RulePack[] = [];
  let next: PackId | null = jurisdiction;
  while (next) {
    const pack = load(next);
    if (!pack) {
      if (next === jurisdiction) throw new RulePackError(`no rule pack for ${jurisdiction}`);
      break;
    }
    if (chain.some((p) => p.id === pack.id)) throw new RulePackError(`rule pack ${pack.id} inherits from itself`);
    chain.push(pack);
    next = pack.inherits;
  }
  const city = chain[0]!;
  const issuer = chain.find((p) => p.issuer)?.issuer;
  if (!issuer) throw new RulePackError(`rule pack ${jurisdiction} names no issuing bureau`);
  return {
    jurisdiction,
    name: city.name,
    issuer,
    ...(chain.find((p) => p.agreement) ? { agreement: chain.find((p) => p.agreement)!.agreement! } : {}),
    ...(chain.find((p) => p.publicity) ? { publicity: chain.find((p) => p.publicity)!.publicity! } : {}),
    review: chain.find((p) => p.review)?.review ?? DEFAULT_REVIEW,
    ...(chain.find((p) => p.exit) ? { exit: chain.find((p) => p.exit)!.exit! } : {}),
    ...(chain.some((p) => p.registration) ? { registration: true } : {}),
    rules: chain
      .flatMap((p) => p.rules.map((r) => ({ ...r, jurisdiction: p.id })))
      .filter((r) => !chain.some((p) => p.id !== r.jurisdiction && p.replaces.includes(r.id) && chain.indexOf(p) < chain.findIndex((q) => q.id === r.jurisdiction))),
  };
}

/** The city's class archive list, from its own pack or the one it inherits (Zibo, Liaocheng: DB37/T 4498 7.2.3). */
export function resolveArchive(jurisdiction: Jurisdiction): ArchiveList | null {
  let next: PackId | null = jurisdiction;
  while (next) {
    const pack = loadPackFile(next);
    if (!pack) break;
    if (pack.archive) return pack.archive;
    next = pack.inherits;
  }
  return null;
}
