import { INCOMING_PREFIX } from "../config.js";
import { Jurisdiction } from "../domain/schemas.js";
export class BadUploadKeyError extends Error {
    constructor(key, why) {
        super(`upload key "${key}" ${why}; expected incoming/{jurisdiction}/{institution}/{packet}/{file}`);
        this.name = 'BadUploadKeyError';
    }
}
/** incoming/{jurisdiction}/{institution}/{packet}/{file}; the file part may contain further slashes. */
export function parseUploadKey(key) {
    if (!key.startsWith(INCOMING_PREFIX))
        throw new BadUploadKeyError(key, 'is not under incoming/');
    const parts = key.slice(INCOMING_PREFIX.length).split('/');
    if (parts.length < 4 || parts.slice(0, 4).some((p) => p === '' || p === '.' || p === '..')) {
        throw new BadUploadKeyError(key, 'does not name a jurisdiction, institution, packet and file');
    }
    const [j, institution, packet, ...rest] = parts;
    const jurisdiction = Jurisdiction.safeParse(j.toLowerCase());
    if (!jurisdiction.success)
        throw new BadUploadKeyError(key, `names no known jurisdiction ("${j}"; one of ${Jurisdiction.options.join(', ')})`);
    return {
        jurisdiction: jurisdiction.data,
        institution,
        packet,
        file: rest.join('/'),
        packetPrefix: `${INCOMING_PREFIX}${j}/${institution}/${packet}/`,
    };
}
/** The jurisdiction a key names, even when the rest of it is not a valid upload path. */
export function jurisdictionOfKey(key) {
    if (!key.startsWith(INCOMING_PREFIX))
        return undefined;
    const j = Jurisdiction.safeParse(key.slice(INCOMING_PREFIX.length).split('/')[0]?.toLowerCase());
    return j.success ? j.data : undefined;
}
/** The key of an S3 event record is URL-encoded with '+' for spaces. */
export function decodeEventKey(key) {
    return decodeURIComponent(key.replace(/\+/g, ' '));
}
export function encodeEventKey(key) {
    return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}
//# sourceMappingURL=upload-key.js.map