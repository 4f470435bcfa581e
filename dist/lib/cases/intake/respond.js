import { AGREEMENT_JURISDICTIONS, agreementText, renderAgreement } from "../../render/agreement.js";
import { stampReceivedPacket } from "../../render/received.js";
import { renderRegistration } from "../../render/registration.js";
import { agreementTerm } from "../../rules/history.js";
import { issueNotice, storePdf } from "../notice.js";
export const RECEIVED_TITLE = '收件回执（来件加盖收件章）';
/** 申报职业（工种）及等级 of the application's occupations table: 电工四级, 养老护理员五级 … */
function occupationsOf(extraction) {
    return extraction.documents
        .flatMap((d) => d.tables?.occupations ?? [])
        .map((r) => [r.name?.value, r.level?.value].filter((v) => typeof v === 'string' && v).join(''))
        .filter(Boolean);
}
const AGREEMENT = {
    kind: 'agreement',
    title: (c) => agreementText(c.jurisdiction).title.join(''),
    render: (c) => {
        const term = agreementTerm(c.receivedOn, c.pack.agreement);
        return renderAgreement({
            jurisdiction: c.jurisdiction, partyA: c.pack.issuer.name, partyB: c.institutionName ?? c.institution, projects: occupationsOf(c.extraction),
            start: term.start, end: term.end ?? `${c.receivedOn.slice(0, 4)}-12-31`, caseNumber: c.caseId,
        });
    },
};
/** Zibo 附件4: the row(s) the district files with the city centre for this institution. */
const ZIBO_REGISTRATION = {
    kind: 'registration',
    title: () => '职业技能培训机构名单备案表',
    render: (c) => {
        const app = c.extraction.documents.find((d) => d.type === 'institution-application');
        const str = (k) => (typeof app?.fields[k]?.value === 'string' ? app.fields[k].value : '');
        const occupations = occupationsOf(c.extraction);
        return renderRegistration({
            // The district fills in and seals its own name; the upload does not say which district it is.
            year: Number(c.receivedOn.slice(0, 4)), district: '', date: c.receivedOn,
            rows: (occupations.length > 0 ? occupations : ['']).map((occupation) => ({
                institutionName: c.institutionName ?? c.institution, category: '就业技能培训', occupation, address: str('address'), phone: str('phone'),
                contact: str('contactPerson') || str('legalRepresentative'), remark: `案件${c.caseId}`,
            })),
        });
    },
};
/** What an accepted institution filing gets besides its notice, by city (Zibo 附件3 and 附件4; Qidong 附件2). */
const ACCEPTED_FILING_DOCUMENTS = {
    zibo: [AGREEMENT, ZIBO_REGISTRATION],
    qidong: [AGREEMENT],
};
const issuesAgreements = (j) => AGREEMENT_JURISDICTIONS.includes(j);
export async function respond(packet, read, adjudication, deps) {
    const { caseId, where, receivedOn } = packet;
    const { extraction } = read;
    // Dated by receipt, so that a duplicate worker renders the very same bytes (and hash) for the same key.
    const notice = await issueNotice(deps, {
        pack: adjudication.pack, caseId, jurisdiction: where.jurisdiction, submissionType: read.submissionType, institution: where.institution,
        institutionName: adjudication.institutionName, documents: extraction.documents, findings: adjudication.findings, outcome: adjudication.outcome, date: receivedOn,
    });
    const issued = [notice];
    if (packet.badPath)
        return issued;
    const store = (kind, title, bytes) => storePdf(deps, { jurisdiction: where.jurisdiction, caseId, kind, title, bytes });
    // The received packet, stamped 收件 on every page: the files that could be read (not videos, not ones
    // fetched only as far as their header, not ones that failed to decode).
    const videos = new Set(extraction.documents.filter((d) => d.type === 'video-record').map((d) => d.file));
    const stampable = packet.files.filter((f) => f.size === undefined && !videos.has(f.name) && !extraction.problems.some((p) => p.file === f.name && p.page === undefined));
    if (stampable.length > 0) {
        const stamped = await stampReceivedPacket(stampable, { issuer: adjudication.pack.issuer.name, caseNumber: caseId, date: receivedOn });
        issued.push(await store('received', RECEIVED_TITLE, stamped.pdf));
    }
    if (read.submissionType === 'institution-filing' && adjudication.outcome === 'accepted' && issuesAgreements(where.jurisdiction)) {
        const context = {
            pack: adjudication.pack, caseId, jurisdiction: where.jurisdiction, institution: where.institution, institutionName: adjudication.institutionName, extraction, receivedOn,
        };
        for (const doc of ACCEPTED_FILING_DOCUMENTS[where.jurisdiction])
            issued.push(await store(doc.kind, doc.title(context), await doc.render(context)));
    }
    return issued;
}
//# sourceMappingURL=respond.js.map