// A person's ID number is never a database key in clear: where cases are indexed by person (the same
// trainee in two classes, subsidies per person and year), the key is a keyed hash (HMAC-SHA-256) of
// the normalised ID number. Without the key nobody can test a guessed ID number against the table,
// which a plain hash of an 18-character number with a known structure would allow.
import { createHmac } from 'node:crypto';
import { checkIdNumber } from "./id-number.js";
/** HMAC with a secret held by the process (the embedded stack keeps it in .local/, mode 0600). */
export class HmacPersonKeyer {
    secret;
    constructor(secret) {
        this.secret = secret;
        if (secret.byteLength < 32)
            throw new Error('the ID hashing secret must be at least 32 bytes');
    }
    async key(normalisedId) {
        return createHmac('sha256', this.secret).update(normalisedId, 'utf8').digest('base64url');
    }
}
/** The valid ID numbers of a packet's rosters, normalised, each once. */
export function rosterIdNumbers(documents) {
    const ids = new Set();
    for (const d of documents) {
        for (const rows of Object.values(d.tables ?? {})) {
            for (const row of rows) {
                const v = row.idNumber?.value;
                if (typeof v !== 'string')
                    continue;
                const c = checkIdNumber(v);
                if (c.valid && c.normalised)
                    ids.add(c.normalised);
            }
        }
    }
    return [...ids];
}
//# sourceMappingURL=person-key.js.map