// The bureaus' signature on AWS: one asymmetric KMS key (RSA 2048, SIGN_VERIFY) that never leaves KMS; the
// functions may only ask it to sign a digest and read its public key. Each issuing bureau gets a certificate
// in its name for that key, made once (signed by the key itself) and kept in the case table, so that every
// function signs with the same certificate.
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { remoteKeyCertificate, RemoteKeyPdfSigner, type PdfSigner, type SignDigest, type SignerFor } from '../identity/signature.ts';

/** Where the bureaus' certificates are kept (the case table: lib/aws/dynamodb.ts). */
export interface CertificateKeeper {
  signingCertificate(issuer: string): Promise<string | null>;
  /** Keeps it unless one is kept already; answers the one kept. */
  keepSigningCertificate(issuer: string, pem: string): Promise<string>;
}

export function kmsSigners(keyId: string, keeper: CertificateKeeper, kms: KMSClient = new KMSClient({}), now: () => Date = () => new Date()): SignerFor {
  const signDigest: SignDigest = async (digest) => {
    const r = await kms.send(new SignCommand({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }));
    return r.Signature!;
  };
  const cache = new Map<string, Promise<PdfSigner>>();
  return (issuer) => {
    let s = cache.get(issuer);
    if (!s) {
      s = (async () => {
        let pem = await keeper.signingCertificate(issuer);
        if (!pem) {
          const key = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
          const spki = Buffer.from(key.PublicKey!).toString('base64').replace(/(.{64})/g, '$1\n');
          const made = await remoteKeyCertificate(`-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----\n`, issuer, issuer, now(), signDigest);
          pem = await keeper.keepSigningCertificate(issuer, made);
        }
        return new RemoteKeyPdfSigner(pem, signDigest);
      })();
      // A failed attempt is not cached: the next notice tries again.
      s.catch(() => cache.delete(issuer));
      cache.set(issuer, s);
    }
    return s;
  };
}
