// Stage 4, respond: what the bureau sends back for a packet — the notice of its outcome (unless it waits
// for a reviewer), the packet itself
// stamped 收件 on every page, and, for an accepted institution filing, the documents its city issues
// with the acceptance (the agreement ready to sign; in Zibo also the 附件4 registration row).
import type { Extraction, IssuedPdf, Jurisdiction } from '../../domain/schemas.ts';
import { AGREEMENT_JURISDICTIONS, agreementText, renderAgreement, type AgreementJurisdiction } from '../../render/agreement.ts';
import { stampReceivedPacket } from '../../render/received.ts';
import { stampIsolated } from '../../extract/isolate.ts';
import { renderRegistration } from '../../render/registration.ts';
import { agreementTerm } from '../../rules/history.ts';
import type { ResolvedPack } from '../../rules/pack.ts';
import type { Adjudication } from '../adjudicate.ts';
import { issueNotice, storePdf } from '../notice.ts';
import type { Packet } from './assemble.ts';
import type { PipelineDeps } from './deps.ts';
import type { ReadPacket } from './extract.ts';

export const RECEIVED_TITLE = '收件回执（来件加盖收件章）';

/** What a filing's accompanying documents are made from. */
interface FilingContext {
  pack: ResolvedPack;
  caseId: string;
  jurisdiction: AgreementJurisdiction;
  institution: string;
  institutionName: string | null;
  extraction: Extraction;
  receivedOn: string;
}

interface FilingDocument {
  kind: string;
  title: (c: FilingContext) => string;
  render: (c: FilingContext) => Promise<Uint8Array>;
}

/** 申报职业（工种）及等级 of the application's occupations table: 电工四级, 养老护理员五级 … */
function occupationsOf(extraction: Extraction): string[] {
  return extraction.documents
    .flatMap((d) => d.tables?.occupations ?? [])
    .map((r) => [r.name?.value, r.level?.value].filter((v) => typeof v === 'string' && v).join(''))
    .filter(Boolean);
}

const AGREEMENT: FilingDocument = {
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
const ZIBO_REGISTRATION: FilingDocument = {
  kind: 'registration',
  title: () => '职业技能培训机构名单备案表',
  render: (c) => {
    const app = c.extraction.documents.find((d) => d.type === 'institution-application');
    const str = (k: string) => (typeof app?.fields[k]?.value === 'string' ? (app.fields[k]!.value as string) : '');
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
const ACCEPTED_FILING_DOCUMENTS: Record<AgreementJurisdiction, FilingDocument[]> = {
  zibo: [AGREEMENT, ZIBO_REGISTRATION],
  qidong: [AGREEMENT],
};

const issuesAgreements = (j: Jurisdiction): j is AgreementJurisdiction => (AGREEMENT_JURISDICTIONS as readonly string[]).includes(j);

export async function respond(packet: Packet, read: ReadPacket, adjudication: Adjudication, deps: Pick<PipelineDeps, 'objects' | 'names' | 'cases' | 'signers'>): Promise<IssuedPdf[]> {
  const { caseId, where, receivedOn } = packet;
  const { extraction } = read;
  // Dated by receipt, so that a duplicate worker renders the very same bytes (and hash) for the same key.
  // A held case gets no notice yet: the reviewer's sign-off issues it (lib/cases/review.ts).
  const issued: IssuedPdf[] = adjudication.held.length > 0 ? [] : [await issueNotice(deps, {
    pack: adjudication.pack, caseId, jurisdiction: where.jurisdiction, submissionType: read.submissionType, institution: where.institution,
    institutionName: adjudication.institutionName, documents: extraction.documents, findings: adjudication.findings, outcome: adjudication.outcome, date: receivedOn, receivedOn,
  })];
  if (packet.badPath) return issued;
  const store = (kind: string, title: string, bytes: Uint8Array) => storePdf(deps, { jurisdiction: where.jurisdiction, caseId, kind, title, bytes, date: receivedOn });

  // The received packet, stamped 收件 on every page: the files that could be read (not videos, not ones
  // fetched only as far as their header, not ones that failed to decode).
  const videos = new Set(extraction.documents.filter((d) => d.type === 'video-record').map((d) => d.file));
  const stampable = packet.files.filter((f) => f.size === undefined && !videos.has(f.name) && !extraction.problems.some((p) => p.file === f.name && p.page === undefined));
  if (stampable.length > 0) {
    const stamp = { issuer: adjudication.pack.issuer.name, caseNumber: caseId, date: receivedOn };
    // Copied in the decoding thread; should it not finish, the copy says that no page could be stamped.
    const stamped = (await stampIsolated({ files: stampable, stamp })) ?? (await stampReceivedPacket([], stamp));
    issued.push(await store('received', RECEIVED_TITLE, stamped.pdf));
  }
  if (read.submissionType === 'institution-filing' && adjudication.outcome === 'accepted' && issuesAgreements(where.jurisdiction)) {
    const context: FilingContext = {
      pack: adjudication.pack, caseId, jurisdiction: where.jurisdiction, institution: where.institution, institutionName: adjudication.institutionName, extraction, receivedOn,
    };
    // The 名单备案表 row, where the city's pack names one (Zibo 附件4).
    const documents = ACCEPTED_FILING_DOCUMENTS[where.jurisdiction].filter((d) => d.kind !== 'registration' || adjudication.pack.registration);
    for (const doc of documents) issued.push(await store(doc.kind, doc.title(context), await doc.render(context)));
  }
  return issued;
}
