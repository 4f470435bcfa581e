// The intake use case: an object arrived in the intake bucket → (when its packet is complete) one case,
// with findings and a notice. Idempotent on the packet's objects: the case id is derived from their
// (bucket, key, ETag/version), so a duplicate or replayed event finds the case and makes no second one.
import { createHash } from 'node:crypto';
import { META_PACKET_FILES, META_SUBMISSION_TYPE, RECORD_TAG, RESPONSES_PREFIX, type StackNames } from '../config.ts';
import {
  SubmissionType,
  type AuditEvent,
  type CaseRecord,
  type Extraction,
  type Finding,
  type IssuedPdf,
  type Upload,
} from '../domain/schemas.ts';
import { extractPacket, MAX_FILE_BYTES, type PacketFile } from '../extract/index.ts';
import type { OcrEngine } from '../extract/ocr/port.ts';
import type { LayoutEngine } from '../extract/layout/port.ts';
import { issueNotice } from './notice.ts';
import { AGREEMENT_JURISDICTIONS, agreementText, renderAgreement, type AgreementJurisdiction } from '../render/agreement.ts';
import { stampReceivedPacket } from '../render/received.ts';
import { renderRegistration } from '../render/registration.ts';
import { agreementTerm } from '../rules/history.ts';
import { evaluate, type PacketFacts } from '../rules/evaluate.ts';
import { resolvePack } from '../rules/pack.ts';
import { decide } from './decide.ts';
import { judge } from './judge.ts';
import { caseEvent, type CaseEventPublisher } from './events.ts';
import type { CaseStore, Clock, ObjectStore } from './ports.ts';
import { rosterIdNumbers, type PersonKeyer } from '../identity/person-key.ts';
import { BadUploadKeyError, jurisdictionOfKey, parseUploadKey, type UploadKey } from './upload-key.ts';

export interface PipelineDeps {
  objects: ObjectStore;
  cases: CaseStore;
  ocr: OcrEngine;
  /** Tables, check boxes and signatures: intake's own analysis unless given (Textract on AWS, INTAKE_LAYOUT=textract). */
  layout?: LayoutEngine;
  clock: Clock;
  names: StackNames;
  log?: (msg: string, data?: Record<string, unknown>) => void;
  onPage?: (p: { file: string; page: number; pages: number }) => void;
  /** Marks the end of each stage for one upload (the load script measures latency per stage with it). */
  trace?: (stage: PipelineStage, key: string) => void;
  /** Keys cases by trainee (keyed hash of the ID number); without it no person index is kept. */
  personKeys?: PersonKeyer;
  /** Publishes each decided case to the bureau (EventBridge; locally an event log and a webhook). */
  events?: CaseEventPublisher;
}

export type PipelineStage = 'started' | 'read' | 'extracted' | 'rendered' | 'noticed' | 'stored';

export interface UploadEvent {
  bucket: string;
  /** Decoded object key. */
  key: string;
  etag?: string;
  versionId?: string;
}

export type ProcessResult =
  | { status: 'created'; case: CaseRecord }
  | { status: 'duplicate'; caseId: string }
  | { status: 'waiting'; have: number; want: number };

const JURISDICTION_CODE: Record<string, string> = { zibo: 'ZB', liaocheng: 'LC', heze: 'HZ', shaoxing: 'SX', qidong: 'QD' };

/** China time: notices carry the local date. */
function chinaDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function caseIdFor(jurisdiction: string, year: string, uploads: Upload[]): string {
  const h = createHash('sha256');
  for (const u of [...uploads].sort((a, b) => a.key.localeCompare(b.key))) h.update(`${u.bucket}\n${u.key}\n${u.versionId ?? u.etag}\n`);
  // Crockford base32 of the first 50 bits: short, unambiguous to read out on the phone.
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const digest = h.digest();
  let bits = 0n;
  for (let i = 0; i < 8; i++) bits = (bits << 8n) | BigInt(digest[i]!);
  let s = '';
  for (let i = 0; i < 10; i++) s += alphabet[Number((bits >> BigInt(63 - 5 * (i + 1) + 1)) & 31n)];
  return `${JURISDICTION_CODE[jurisdiction] ?? 'XX'}-${year}-${s}`;
}

function inferSubmissionType(extraction: Extraction): SubmissionType {
  const types = new Set(extraction.documents.map((d) => d.type));
  if (types.has('subsidy-claim-application')) return 'subsidy-claim';
  if (types.has('change-request')) return 'change-request';
  if (types.has('institution-application')) return 'institution-filing';
  if (types.has('assessment-application-form')) return 'assessment-application';
  if (types.has('sign-in-sheet') && !types.has('class-opening-application')) return 'attendance';
  return 'class-opening';
}

function flag(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  return /^(1|true|yes|y|是)$/i.test(v.trim());
}

/** Findings for what could not be read at all: the institution is asked to rescan, never left unanswered. */
function unreadableFindings(extraction: Extraction): Finding[] {
  return extraction.problems
    .filter((p) => p.page === undefined || extraction.documents.length === 0)
    .map((p) => ({
      ruleId: 'INTAKE-READABLE',
      severity: 'error' as const,
      outcome: 'RESCAN' as const,
      message: `文件“${p.file}”无法识别（${p.message}），请重新扫描或上传清晰、完整的PDF/JPEG/PNG/TIFF文件。`,
      source: { file: 'intake', section: '受理规则', quote: '无法识别的材料一律告知重新提交，不作无回应处理' },
      subject: p.file,
    }));
}

/** More files than this in one packet is a mistake in the upload, not a packet. */
export const MAX_PACKET_FILES = 100;
/** What is read of a file too large to read: enough to tell a video by its header. */
const HEADER_BYTES = 64 * 1024;

function intakeFinding(ruleId: string, outcome: Finding['outcome'], message: string, quote: string, subject?: string): Finding {
  return {
    ruleId,
    severity: outcome === 'WARNING' ? 'warning' : 'error',
    outcome,
    message,
    source: { file: 'intake', section: '受理规则', quote },
    ...(subject ? { subject } : {}),
  };
}

export const RECEIVED_TITLE = '收件回执（来件加盖收件章）';
const isAgreementJurisdiction = (j: string): j is AgreementJurisdiction => (AGREEMENT_JURISDICTIONS as readonly string[]).includes(j);

export async function processUpload(event: UploadEvent, deps: PipelineDeps): Promise<ProcessResult> {
  const log = deps.log ?? (() => {});
  const trace = (stage: PipelineStage) => deps.trace?.(stage, event.key);
  trace('started');
  const intakeFindings: Finding[] = [];
  let where: UploadKey;
  let badPath = false;
  try {
    where = parseUploadKey(event.key);
  } catch (e) {
    // A path that names a city but not a valid institution/packet/file still gets an answer from that city;
    // one that names no city has no bureau to answer it and fails to the dead-letter queue (alarmed).
    const jurisdiction = jurisdictionOfKey(event.key);
    if (!(e instanceof BadUploadKeyError) || !jurisdiction) throw e;
    badPath = true;
    where = { jurisdiction, institution: 'unknown', packet: 'unknown', file: event.key, packetPrefix: event.key };
    intakeFindings.push(
      intakeFinding(
        'INTAKE-UPLOAD-PATH',
        'REJECT',
        `上传路径“${event.key}”不符合 incoming/{地区}/{机构}/{批次}/{文件} 的格式（不得含“.”或“..”路径段或空段），材料未予受理，请按正确路径重新上传。`,
        '上传路径须为 incoming/{地区}/{机构}/{批次}/{文件}',
        event.key,
      ),
    );
  }
  const first = await deps.objects.head(event.bucket, event.key);
  const declaredFiles = first.metadata[META_PACKET_FILES];
  let want = 1;
  if (declaredFiles !== undefined && !badPath) {
    const n = Number(declaredFiles.trim());
    if (Number.isInteger(n) && n >= 1 && n <= MAX_PACKET_FILES) want = n;
    else
      intakeFindings.push(
        intakeFinding(
          'INTAKE-PACKET-FILES',
          'WARNING',
          `上传时声明的文件数“${declaredFiles.slice(0, 20)}”无效（应为1至${MAX_PACKET_FILES}的整数），本文件已作为单独一批材料受理。`,
          `一批材料的文件数为1至${MAX_PACKET_FILES}个`,
          where.file,
        ),
      );
  }

  // The packet: this object alone, or all objects under its packet prefix once the last has arrived.
  let keys = [event.key];
  if (want > 1) {
    const listed = (await deps.objects.list(event.bucket, where.packetPrefix)).sort((a, b) => a.key.localeCompare(b.key));
    if (listed.length < want) {
      log('packet incomplete, waiting for more files', { have: listed.length, want });
      return { status: 'waiting', have: listed.length, want };
    }
    keys = listed.slice(0, want).map((o) => o.key);
  }
  // Sizes first: a file larger than the pipeline reads is fetched only as far as its header.
  const heads = await Promise.all(keys.map(async (key) => ({ key, head: key === event.key ? first : await deps.objects.head(event.bucket, key) })));
  const objects = await Promise.all(
    heads.map(async ({ key, head }) => {
      const partial = head.size > MAX_FILE_BYTES;
      const obj = await deps.objects.get(event.bucket, key, partial ? { firstBytes: HEADER_BYTES } : {});
      return { key, obj: { ...obj, etag: head.etag, versionId: head.versionId ?? obj.versionId }, size: head.size, partial };
    }),
  );
  const uploads: Upload[] = objects.map(({ key, obj, size }) => ({
    bucket: event.bucket,
    key,
    etag: obj.etag,
    ...(obj.versionId ? { versionId: obj.versionId } : {}),
    size,
  }));
  const received = objects.reduce((latest, o) => (o.obj.lastModified > latest ? o.obj.lastModified : latest), new Date(0));
  const caseId = caseIdFor(where.jurisdiction, String(received.getUTCFullYear()), uploads);
  const existing = await deps.cases.getCase(caseId);
  if (existing) {
    log('duplicate event, case exists', { caseId });
    // Published again: the first worker may have stopped between storing the case and publishing it.
    // The event id is the same, so the bureau's system keeps one.
    if (deps.events) await deps.events.publish(caseEvent(existing));
    return { status: 'duplicate', caseId };
  }

  trace('read');
  const files: PacketFile[] = objects.map(({ key, obj, size, partial }) => ({
    name: badPath ? key : key.slice(where.packetPrefix.length),
    bytes: obj.bytes,
    ...(partial ? { size } : {}),
  }));
  const extraction = badPath
    ? { file: event.key, pageCount: 0, documents: [], problems: [] }
    : await extractPacket(files, { ocr: deps.ocr, layout: deps.layout, tolerant: true, onPage: deps.onPage });
  trace('extracted');
  // Class videos are kept for their own period where a city says so (Qidong: 2 years); the lifecycle
  // rules find them by this tag.
  for (const v of extraction.documents.filter((d) => d.type === 'video-record')) {
    const upload = objects.find((o) => o.key.slice(where.packetPrefix.length) === v.file);
    if (upload) await deps.objects.tag(event.bucket, upload.key, { [RECORD_TAG]: 'video' });
  }
  const declared = SubmissionType.safeParse(first.metadata[META_SUBMISSION_TYPE]);
  const submissionType = declared.success ? declared.data : inferSubmissionType(extraction);
  const facts: PacketFacts = { offsiteVenue: flag(first.metadata['offsite-venue']), onlineClasses: flag(first.metadata['online-classes']) };

  const pack = resolvePack(where.jurisdiction);
  const receivedOn = chinaDate(received);
  const now = deps.clock.now();
  const personKeys: Record<string, string> = {};
  if (deps.personKeys) for (const id of rosterIdNumbers(extraction.documents)) personKeys[id] = await deps.personKeys.key(id);
  const before = badPath ? intakeFindings : [...intakeFindings, ...unreadableFindings(extraction)];
  // A packet whose path is wrong is answered without its rules, and commits nothing.
  const judgement = badPath
    ? { findings: before, passed: [] as string[], outcome: decide(before), keys: { persons: Object.values(personKeys) } }
    : await judge(
        deps.cases,
        { pack, caseId, jurisdiction: where.jurisdiction, institution: where.institution, submissionType, extraction, facts, receivedOn, at: now.toISOString(), ...(deps.personKeys ? { personKeys } : {}), before },
        (attempt) => log('cross-case ledgers moved, judging again', { caseId, attempt }),
      );
  const { findings, passed, outcome } = judgement;

  const app = extraction.documents.find((d) => d.fields.institutionName?.value);
  const institutionName = (app?.fields.institutionName?.value as string | undefined) ?? (extraction.institutionGuess?.value as string | undefined) ?? null;
  // Dated by receipt, so that a duplicate worker renders the very same bytes (and hash) for the same key.
  const date = receivedOn;
  const pdf = await issueNotice(deps, {
    pack, caseId, jurisdiction: where.jurisdiction, submissionType, institution: where.institution, institutionName,
    documents: extraction.documents, findings, outcome, date,
  });
  const pdfKey = pdf.key;
  trace('rendered');
  trace('noticed');

  const issued: IssuedPdf[] = [pdf];
  const issue = async (kind: string, title: string, bytes: Uint8Array) => {
    const key = `${RESPONSES_PREFIX}${where.jurisdiction}/${caseId}/${kind}.pdf`;
    await deps.objects.put(deps.names.responsesBucket, key, bytes, 'application/pdf', { 'case-id': caseId });
    issued.push({ kind, title, bucket: deps.names.responsesBucket, key, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength });
  };
  if (!badPath) {
    // The received packet, stamped 收件 on every page: the files that could be read (not videos, not ones
    // fetched only as far as their header, not ones that failed to decode).
    const videos = new Set(extraction.documents.filter((d) => d.type === 'video-record').map((d) => d.file));
    const stampable = files.filter((f) => f.size === undefined && !videos.has(f.name) && !extraction.problems.some((p) => p.file === f.name && p.page === undefined));
    if (stampable.length > 0) {
      const stamped = await stampReceivedPacket(stampable, { issuer: pack.issuer.name, caseNumber: caseId, date });
      await issue('received', RECEIVED_TITLE, stamped.pdf);
    }
    // An accepted filing in Zibo or Qidong: the agreement (附件3 / 附件2) filled in, ready to sign.
    if (submissionType === 'institution-filing' && outcome === 'accepted' && isAgreementJurisdiction(where.jurisdiction)) {
      const term = agreementTerm(receivedOn, pack.agreement);
      const occupations = extraction.documents.flatMap((d) => d.tables?.occupations ?? []).map((r) => [r.name?.value, r.level?.value].filter((v) => typeof v === 'string' && v).join('')).filter(Boolean);
      const bytes = await renderAgreement({
        jurisdiction: where.jurisdiction, partyA: pack.issuer.name, partyB: institutionName ?? where.institution, projects: occupations,
        start: term.start, end: term.end ?? `${receivedOn.slice(0, 4)}-12-31`, caseNumber: caseId,
      });
      await issue('agreement', agreementText(where.jurisdiction).title.join(''), bytes);
      if (where.jurisdiction === 'zibo') {
        // 附件4: the row(s) the district files with the city centre for this institution.
        const app = extraction.documents.find((d) => d.type === 'institution-application');
        const str = (k: string) => (typeof app?.fields[k]?.value === 'string' ? (app.fields[k]!.value as string) : '');
        const occupationRows = occupations.length > 0 ? occupations : [''];
        const registration = await renderRegistration({
          // The district fills in and seals its own name; the upload does not say which district it is.
          year: Number(receivedOn.slice(0, 4)), district: '', date: receivedOn,
          rows: occupationRows.map((occupation) => ({ institutionName: institutionName ?? where.institution, category: '就业技能培训', occupation, address: str('address'), phone: str('phone'), contact: str('contactPerson') || str('legalRepresentative'), remark: `案件${caseId}` })),
        });
        await issue('registration', '职业技能培训机构名单备案表', registration);
      }
    }
  }

  const record: CaseRecord = {
    caseId,
    caseNumber: caseId,
    jurisdiction: where.jurisdiction,
    submissionType,
    institution: where.institution,
    institutionName,
    packet: where.packet,
    outcome,
    status: 'decided',
    uploads,
    documents: extraction.documents,
    findings,
    pdfs: issued,
    pageCount: extraction.pageCount,
    createdAt: now.toISOString(),
    revision: 1,
    receivedOn,
    ...(facts.offsiteVenue !== undefined || facts.onlineClasses !== undefined ? { facts: Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) } : {}),
  };
  const audit: AuditEvent[] = [
    { at: now.toISOString(), actor: 'system:intake', action: 'received', detail: { uploads: uploads.map((u) => u.key), pages: extraction.pageCount } },
    { at: now.toISOString(), actor: 'system:intake', action: 'validated', detail: { rulesPassed: passed, findings: findings.map((f) => f.ruleId), outcome } },
    { at: now.toISOString(), actor: 'system:intake', action: 'notice-issued', detail: { key: pdfKey, sha256: pdf.sha256, alsoIssued: issued.slice(1).map((p) => p.key) } },
  ];
  const persons = judgement.keys.persons;
  const written = await deps.cases.createCase(record, audit, { persons });
  if (written === 'duplicate') {
    log('concurrent duplicate, the other worker made the case', { caseId });
    return { status: 'duplicate', caseId };
  }
  trace('stored');
  if (deps.events) await deps.events.publish(caseEvent(record));
  log('case created', { caseId, outcome, findings: findings.length, pages: extraction.pageCount });
  return { status: 'created', case: record };
}
