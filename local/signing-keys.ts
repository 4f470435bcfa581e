// The embedded stack's signing keys: one PKCS#12 per issuing bureau under .local/signing/, made on first use
// (a self-signed certificate in the bureau's name). A bureau with a CA-issued certificate puts its own .p12
// there under the same name; on AWS the key is the bureau's, not these.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeSigningKey, P12PdfSigner, type PdfSigner, type SignerFor } from '../lib/identity/signature.ts';

/** Where a bureau's key lives: its name hashed, so the file name is plain ASCII. */
export const signingKeyFile = (dir: string, issuer: string) => path.join(dir, 'signing', `${createHash('sha256').update(issuer).digest('hex').slice(0, 16)}.p12`);

export function localSigners(dir: string, now: () => Date = () => new Date()): SignerFor {
  const cache = new Map<string, Promise<PdfSigner>>();
  return (issuer) => {
    let s = cache.get(issuer);
    if (!s) {
      s = (async () => {
        const file = signingKeyFile(dir, issuer);
        mkdirSync(path.dirname(file), { recursive: true });
        if (!existsSync(file)) {
          try {
            // 'wx': two processes making the key at once keep the first one's.
            writeFileSync(file, makeSigningKey(issuer, issuer, now()), { flag: 'wx', mode: 0o600 });
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
          }
        }
        return new P12PdfSigner(readFileSync(file));
      })();
      cache.set(issuer, s);
    }
    return s;
  };
}
