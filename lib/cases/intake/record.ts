// Stage 5, record: the case record, its audit trail and its person index written in one conditional
// transaction (a duplicate worker's write finds the case and adds nothing).
import type { AuditEvent, CaseRecord, IssuedPdf } from '../../domain/schemas.ts';
import { adjudicationAudit, type Adjudication } from '../adjudicate.ts';
import type { Packet } from './assemble.ts';
import type { PipelineDeps } from './deps.ts';
import type { ReadPacket } from './extract.ts';

export function caseRecord(packet: Packet, read: ReadPacket, adjudication: Adjudication, pdfs: IssuedPdf[], at: Date): CaseRecord {
  const facts = Object.fromEntries(Object.entries(read.facts).filter(([, v]) => v !== undefined));
  return {
    caseId: packet.caseId,
    caseNumber: packet.caseId,
    jurisdiction: packet.where.jurisdiction,
    submissionType: read.submissionType,
    institution: packet.where.institution,
    institutionName: adjudication.institutionName,
    packet: packet.where.packet,
    outcome: adjudication.outcome,
    status: adjudication.held.length > 0 ? 'under-review' : 'decided',
    ...(adjudication.held.length > 0 ? { review: { since: at.toISOString(), reasons: adjudication.held } } : {}),
    uploads: packet.uploads,
    documents: read.extraction.documents,
    findings: adjudication.findings,
    pdfs,
    pageCount: read.extraction.pageCount,
    createdAt: at.toISOString(),
    revision: 1,
    receivedOn: packet.receivedOn,
    ...(packet.backFiled ? { backFiled: packet.backFiled } : {}),
    class: adjudication.klass,
    ...(Object.keys(facts).length > 0 ? { facts } : {}),
  };
}

export async function record(record: CaseRecord, adjudication: Adjudication, deps: Pick<PipelineDeps, 'cases'>): Promise<'created' | 'duplicate'> {
  const at = new Date(record.createdAt);
  const notice = record.status === 'under-review' ? null : record.pdfs[0]!;
  const alsoIssued = notice ? record.pdfs.slice(1) : record.pdfs;
  const audit: AuditEvent[] = [
    {
      at: record.createdAt, actor: 'system:intake', action: 'received',
      detail: { uploads: record.uploads.map((u) => u.key), pages: record.pageCount, receivedOn: record.receivedOn, ...(record.class ? { class: record.class.code } : {}) },
    },
    // A paper packet the bureau files later: every deadline counted from the day written, and the trail says so.
    ...(record.backFiled ? [{ at: record.createdAt, actor: 'system:intake', action: 'back-filed', detail: { receivedOn: record.receivedOn, arrivedOn: record.backFiled.arrivedOn } }] : []),
    ...adjudicationAudit('system:intake', at, adjudication, notice, { alsoIssued: alsoIssued.map((p) => p.key) }),
  ];
  return deps.cases.createCase(record, audit, { persons: adjudication.persons });
}
