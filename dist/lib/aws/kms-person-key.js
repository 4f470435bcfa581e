// The person keyer on AWS: HMAC computed by KMS (GenerateMac, HMAC_SHA_256) with a key that never
// leaves KMS; the intake function may only ask for MACs.
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
export class KmsPersonKeyer {
    keyId;
    kms;
    cache = new Map();
    constructor(keyId, kms = new KMSClient({})) {
        this.keyId = keyId;
        this.kms = kms;
    }
    async key(normalisedId) {
        const hit = this.cache.get(normalisedId);
        if (hit)
            return hit;
        const r = await this.kms.send(new GenerateMacCommand({ KeyId: this.keyId, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from(normalisedId, 'utf8') }));
        const key = Buffer.from(r.Mac).toString('base64url');
        if (this.cache.size > 10_000)
            this.cache.clear();
        this.cache.set(normalisedId, key);
        return key;
    }
}
//# sourceMappingURL=kms-person-key.js.map