// A case's number: derived from its packet's objects (bucket, key, version or ETag), so that a duplicate or
// replayed event finds the case it made and makes no second one.
import { createHash } from 'node:crypto';
const JURISDICTION_CODE = { zibo: 'ZB', liaocheng: 'LC', heze: 'HZ', shaoxing: 'SX', qidong: 'QD' };
export function caseIdFor(jurisdiction, year, uploads) {
    const h = createHash('sha256');
    for (const u of [...uploads].sort((a, b) => a.key.localeCompare(b.key)))
        h.update(`${u.bucket}\n${u.key}\n${u.versionId ?? u.etag}\n`);
    // Crockford base32 of the first 50 bits: short, unambiguous to read out on the phone.
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const digest = h.digest();
    let bits = 0n;
    for (let i = 0; i < 8; i++)
        bits = (bits << 8n) | BigInt(digest[i]);
    let s = '';
    for (let i = 0; i < 10; i++)
        s += alphabet[Number((bits >> BigInt(63 - 5 * (i + 1) + 1)) & 31n)];
    return `${JURISDICTION_CODE[jurisdiction] ?? 'XX'}-${year}-${s}`;
}
//# sourceMappingURL=case-number.js.map