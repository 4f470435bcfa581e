// Complaints and reports the bureau receives about an institution (issue 21, item 5; Liaocheng 七（二）,
// Heze 第二十三条, Qidong 第十四条 8): registered as cases of their own, so that each has its trail, its class
// file entry and its handling. Who complained is kept confidential — sealed at rest and shown to nobody
// who has not unmasked it with a reason, in the audit trail (lib/identity/disclosure.ts, reporter*). A
// complaint the bureau verifies (经查属实) and finds of grave social impact counts against the institution:
// its handling is a reviewer's correction of 核实结果, which judges the case again.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { chinaDate } from '../calendar/index.ts';
import { Jurisdiction, type CaseRecord, type ExtractedDocument } from '../domain/schemas.ts';
import type { Principal } from './access.ts';
import { caseIdFor } from './case-number.ts';
import { Refusal, requestOf } from './errors.ts';
import { mayInspect, recordBureauCase } from './inspection.ts';
import type { ReviewDeps } from './review.ts';

/** How it reached the bureau (Liaocheng 七（二）: 投诉举报渠道; the problem ledger records every source). */
export const COMPLAINT_CHANNELS = ['实名举报', '匿名举报', '市民热线', '电话回访', '日常监管', '媒体报道', '上级部门', '审计监督', '纪检监察', '巡视巡察', '来信来访', '其他'] as const;

export const ComplaintRequest = z.object({
  jurisdiction: Jurisdiction,
  institution: z.string().trim().regex(/^(?!\.{1,2}$)[^/\\\s\u0000-\u001f]{1,128}$/, 'the institution as the registry numbers it'),
  classCode: z.string().trim().min(1).max(64).refine((c) => !/[\u0000-\u001f/\\]/.test(c), 'a class code without / or \\').optional(),
  receivedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD').refine((d) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'not a real date'),
  channel: z.enum(COMPLAINT_CHANNELS),
  summary: z.string().trim().min(2, 'say what the complaint is about').max(2000),
  /** Who complained: confidential (sealed, masked, shown only to whoever unmasks it with a reason). */
  reporterName: z.string().trim().max(40).optional(),
  reporterContact: z.string().trim().max(60).optional(),
  /** The bureau's finding once handled: 经查属实, and whether it had a grave social impact. */
  verified: z.boolean().default(false),
  severeImpact: z.boolean().default(false),
  handling: z.string().trim().max(2000).optional(),
});
export type ComplaintRequest = z.infer<typeof ComplaintRequest>;

/** The register's entry as the rules and the console read it. */
export function complaintDocument(r: ComplaintRequest): ExtractedDocument {
  const v = (value: string | boolean) => ({ value, confidence: 1 });
  return {
    type: 'complaint-record', pages: [1], confidence: 1, title: '投诉举报登记',
    fields: {
      ...(r.classCode ? { classCode: v(r.classCode) } : {}),
      receivedDate: v(r.receivedDate), channel: v(r.channel), summary: v(r.summary),
      ...(r.reporterName ? { reporterName: v(r.reporterName) } : {}),
      ...(r.reporterContact ? { reporterContact: v(r.reporterContact) } : {}),
      verified: v(r.verified), severeImpact: v(r.severeImpact),
      ...(r.handling ? { handling: v(r.handling) } : {}),
    },
  };
}

export async function recordComplaint(deps: ReviewDeps, who: Principal, input: unknown): Promise<{ case: CaseRecord; created: boolean }> {
  const req = requestOf(ComplaintRequest, input);
  if (!mayInspect(who, req.jurisdiction)) throw new Refusal('forbidden', `only a reviewer or the bureau of ${req.jurisdiction} registers its complaints`);
  if (req.receivedDate > chinaDate(deps.clock.now())) throw new Refusal('invalid', `the complaint's date ${req.receivedDate} is after today`);
  if (req.severeImpact && !req.verified) throw new Refusal('invalid', 'a grave social impact is found only of a complaint verified (经查属实)');
  const digest = createHash('sha256').update(JSON.stringify(req)).digest('hex');
  const caseId = caseIdFor(req.jurisdiction, req.receivedDate.slice(0, 4), [{ bucket: 'complaint', key: req.institution, etag: digest }]);
  return recordBureauCase(deps, who, {
    caseId, jurisdiction: req.jurisdiction, institution: req.institution, classCode: req.classCode ?? null, submissionType: 'complaint', packet: `complaint-${req.receivedDate}`,
    documents: [complaintDocument(req)], uploads: [], notifyWhenClear: false,
    // The trail names the channel and the finding, never the complainant.
    recorded: { action: 'complaint-recorded', detail: { receivedDate: req.receivedDate, channel: req.channel, verified: req.verified, severeImpact: req.severeImpact, ...(req.classCode ? { class: req.classCode } : {}) } },
  });
}
