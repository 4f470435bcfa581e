// Verification of what the bureau issued: anyone holding a notice checks it by the code printed on it (and
// in its QR code), or by the copy itself (its SHA-256 is on the case if the system issued it — notices,
// stamped packets, agreements, tables alike). The answer names the PDF, never the case's contents, and
// says whether a later revision has superseded it. The console's API and `intake verify` share it.
import { createHash } from 'node:crypto';
import { isCurrentPdf } from "./notice.js";
/** When a PDF was issued: its revision's time (the first revision's is the case's). */
export function issuedAt(c, pdf) {
    const rev = pdf.revision ?? 1;
    return (rev > 1 ? [...(c.corrections ?? []), ...(c.decision ? [c.decision] : [])].find((x) => x.revision === rev)?.at : undefined) ?? c.createdAt;
}
async function verification(store, hit) {
    const c = hit ? await store.getCase(hit.caseId) : null;
    const pdf = c?.pdfs.find((p) => p.key === hit.key);
    if (!c || !pdf)
        return null;
    return { authentic: true, current: isCurrentPdf(c.pdfs, pdf.key), caseNumber: c.caseNumber, jurisdiction: c.jurisdiction, title: pdf.title, sha256: pdf.sha256, issuedAt: issuedAt(c, pdf), key: pdf.key };
}
export async function verifyByCode(store, code) {
    return verification(store, await store.findPdfByCode(code));
}
export const sha256Of = (bytes) => createHash('sha256').update(bytes).digest('hex');
export async function verifyCopy(store, bytes) {
    return verification(store, await store.findPdfByHash(sha256Of(bytes)));
}
//# sourceMappingURL=verify.js.map