import { adjudicationAudit } from "../adjudicate.js";
export function caseRecord(packet, read, adjudication, pdfs, at) {
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
        status: 'decided',
        uploads: packet.uploads,
        documents: read.extraction.documents,
        findings: adjudication.findings,
        pdfs,
        pageCount: read.extraction.pageCount,
        createdAt: at.toISOString(),
        revision: 1,
        receivedOn: packet.receivedOn,
        ...(Object.keys(facts).length > 0 ? { facts } : {}),
    };
}
export async function record(record, adjudication, deps) {
    const at = new Date(record.createdAt);
    const [notice, ...alsoIssued] = record.pdfs;
    const audit = [
        { at: record.createdAt, actor: 'system:intake', action: 'received', detail: { uploads: record.uploads.map((u) => u.key), pages: record.pageCount } },
        ...adjudicationAudit('system:intake', at, adjudication, notice, { alsoIssued: alsoIssued.map((p) => p.key) }),
    ];
    return deps.cases.createCase(record, audit, { persons: adjudication.persons });
}
//# sourceMappingURL=record.js.map