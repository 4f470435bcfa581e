// Verification of what the bureau issued: anyone holding a notice checks it by the code printed on it (and
// in its QR code), or by the copy itself (its SHA-256 is on the case if the system issued it — notices,
// stamped packets, agreements, tables alike). The answer names the PDF, never the case's contents, and
// says whether a later revision has superseded it. The console's API and `intake verify` share it.
import { createHash } from 'node:crypto';
import type { CaseRecord, IssuedPdf } from '../domain/schemas.ts';
import { isCurrentPdf } from './notice.ts';
import { checkSignature, type SignatureCheck } from '../identity/signature.ts';
import type { CaseStore } from './ports.ts';

export interface Verification {
  authentic: true;
  /** false: a later notice (or a later PDF of the same kind) replaced it. */
  current: boolean;
  caseNumber: string;
  jurisdiction: string;
  title: string;
  sha256: string;
  issuedAt: string;
  /** Where the PDF is stored. */
  key: string;
  /** Its electronic signature as a reader checks it (only when the copy itself was given). */
  signature?: SignatureCheck;
  /** The PDF that replaced it (title, verification code, when), when it is no longer current. */
  supersededBy?: { title: string; verificationCode?: string; issuedAt: string };
}

/** When a PDF was issued: its revision's time (the first revision's is the case's). */
export function issuedAt(c: CaseRecord, pdf: IssuedPdf): string {
  const rev = pdf.revision ?? 1;
  return pdf.issuedAt ?? (rev > 1 ? [...(c.corrections ?? []), ...(c.decision ? [c.decision] : [])].find((x) => x.revision === rev)?.at : undefined) ?? c.createdAt;
}

async function verification(store: Pick<CaseStore, 'getCase'>, hit: { caseId: string; key: string } | null): Promise<Verification | null> {
  const c = hit ? await store.getCase(hit.caseId) : null;
  const pdf = c?.pdfs.find((p) => p.key === hit!.key);
  if (!c || !pdf) return null;
  const current = isCurrentPdf(c.pdfs, pdf.key);
  // The newest PDF that stands where this one stood (for a notice: the case's latest notice).
  const later = current ? undefined : c.pdfs.filter((p) => p.key !== pdf.key && !isCurrentPdf([pdf, p], pdf.key) && isCurrentPdf(c.pdfs, p.key)).at(-1);
  return {
    authentic: true, current, caseNumber: c.caseNumber, jurisdiction: c.jurisdiction, title: pdf.title, sha256: pdf.sha256, issuedAt: issuedAt(c, pdf), key: pdf.key,
    ...(later ? { supersededBy: { title: later.title, ...(later.verificationCode ? { verificationCode: later.verificationCode } : {}), issuedAt: issuedAt(c, later) } } : {}),
  };
}

export async function verifyByCode(store: Pick<CaseStore, 'getCase' | 'findPdfByCode'>, code: string): Promise<Verification | null> {
  return verification(store, await store.findPdfByCode(code));
}

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function verifyCopy(store: Pick<CaseStore, 'getCase' | 'findPdfByHash'>, bytes: Uint8Array): Promise<Verification | null> {
  const v = await verification(store, await store.findPdfByHash(sha256Of(bytes)));
  return v ? { ...v, signature: checkSignature(bytes) } : null;
}
