// The bureau's electronic signature on what it issues (PAdES: a CMS signature over the whole file, subfilter
// ETSI.CAdES.detached), so that any PDF reader shows who issued a notice and that it is unchanged since.
// Signed at the notice's own date, so that the same notice signs to the same bytes (a duplicate worker's
// copy keeps the hash the case records). The key is the bureau's: a local PKCS#12 on the embedded stack.
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';

/** Signs a PDF in the bureau's name. */
export interface PdfSigner {
  /** Who signs, as the certificate names it (shown by readers and by `intake verify`). */
  readonly signedBy: string;
  sign(pdf: Uint8Array, o: { reason: string; location: string; at: Date }): Promise<Uint8Array>;
}

/**
 * CMS SignedData, detached, SHA-256, as @signpdf's P12Signer makes it — but with the certificate's names
 * handed to forge decoded: forge reads a UTF8String's bytes undecoded and encodes them again when it names
 * the signer, so a Chinese issuer would not match its own certificate (readers: "signer not found").
 */
function cmsSignature(key: forge.pki.rsa.PrivateKey, cert: forge.pki.Certificate, pdf: Buffer, signingTime?: Date): Buffer {
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(pdf.toString('binary'));
  p7.addCertificate(cert);
  p7.addSigner({
    key,
    certificate: cert,
    digestAlgorithm: forge.pki.oids.sha256!,
    // The order matters to EU validators (as @signpdf notes).
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
      { type: forge.pki.oids.signingTime!, value: (signingTime ?? new Date()) as never },
      { type: forge.pki.oids.messageDigest! },
    ],
  });
  p7.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}

/** @signpdf's Signer over a key this process holds (a PKCS#12). */
class BureauCmsSigner extends Signer {
  constructor(
    private readonly key: forge.pki.PrivateKey,
    private readonly cert: forge.pki.Certificate,
  ) {
    super();
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    return cmsSignature(this.key as forge.pki.rsa.PrivateKey, this.cert, pdf, signingTime);
  }
}

/** The names of a certificate read by forge, their UTF8String values decoded (see cmsSignature). */
function decodedNames(cert: forge.pki.Certificate): forge.pki.Certificate {
  for (const attrs of [cert.subject.attributes, cert.issuer.attributes]) {
    for (const a of attrs) {
      if (a.valueTagClass === (forge.asn1.Type.UTF8 as number) && typeof a.value === 'string') {
        try {
          a.value = forge.util.decodeUtf8(a.value);
        } catch {
          /* not UTF-8 after all: leave it */
        }
      }
    }
  }
  return cert;
}

/**
 * Signs a SHA-256 digest with RSASSA-PKCS1-v1_5 where the private key lives (KMS on AWS: Sign with
 * MessageType DIGEST, RSASSA_PKCS1_V1_5_SHA_256). The key never comes here.
 */
export type SignDigest = (sha256: Uint8Array) => Promise<Uint8Array>;

/**
 * forge signs synchronously with a key it holds; a key held elsewhere is asked asynchronously. So forge is
 * run twice over the same inputs: once to learn the digest it would sign, once with that digest's signature.
 */
async function withRemoteKey<T>(signDigest: SignDigest, run: (key: forge.pki.rsa.PrivateKey) => T): Promise<T> {
  let digest: string | null = null;
  run({ sign: (md: forge.md.MessageDigest) => ((digest = md.digest().getBytes()), '') } as unknown as forge.pki.rsa.PrivateKey);
  if (digest === null) throw new Error('nothing was signed');
  const signature = Buffer.from(await signDigest(new Uint8Array(Buffer.from(digest, 'binary')))).toString('binary');
  return run({ sign: () => signature } as unknown as forge.pki.rsa.PrivateKey);
}

/** A self-signed certificate in a bureau's name for a key held elsewhere (its public key given as PEM). */
export async function remoteKeyCertificate(publicKeyPem: string, commonName: string, organisation: string, now: Date, signDigest: SignDigest, years = 10): Promise<string> {
  const name = [
    { name: 'countryName', value: 'CN' },
    { name: 'organizationName', value: organisation, valueTagClass: forge.asn1.Type.UTF8 },
    { name: 'commonName', value: commonName, valueTagClass: forge.asn1.Type.UTF8 },
  ] as forge.pki.CertificateField[];
  const serial = `01${createHash('sha256').update(`${commonName}|${publicKeyPem}`).digest('hex').slice(0, 16)}`;
  return withRemoteKey(signDigest, (key) => {
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
    cert.serialNumber = serial;
    cert.validity.notBefore = new Date(now.getTime() - 86_400_000);
    cert.validity.notAfter = new Date(now.getTime() + years * 365 * 86_400_000);
    cert.setSubject(name);
    cert.setIssuer(name);
    cert.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true }]);
    cert.sign(key, forge.md.sha256.create());
    return forge.pki.certificateToPem(cert);
  });
}

/** A signer whose key is held elsewhere (KMS), with the bureau's certificate for that key. */
export class RemoteKeyPdfSigner implements PdfSigner {
  readonly signedBy: string;
  private readonly cert: forge.pki.Certificate;
  constructor(certificatePem: string, private readonly signDigest: SignDigest) {
    this.cert = decodedNames(forge.pki.certificateFromPem(certificatePem));
    this.signedBy = (this.cert.subject.getField('CN')?.value as string | undefined) ?? 'unknown';
  }

  async sign(pdf: Uint8Array, o: { reason: string; location: string; at: Date }): Promise<Uint8Array> {
    const prepared = await withPlaceholder(pdf, this.signedBy, o);
    const signer = new (class extends Signer {
      constructor(private readonly outer: RemoteKeyPdfSigner) {
        super();
      }
      override sign(content: Buffer, signingTime?: Date): Promise<Buffer> {
        return withRemoteKey(this.outer.signDigest, (key) => cmsSignature(key, this.outer.cert, content, signingTime));
      }
    })(this);
    return new Uint8Array(await new SignPdf().sign(prepared, signer, o.at));
  }
}

/** The PDF with an empty signature field the signature will fill (PAdES subfilter). */
async function withPlaceholder(pdf: Uint8Array, signedBy: string, o: { reason: string; location: string; at: Date }): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  pdflibAddPlaceholder({
    pdfDoc: doc, reason: o.reason, contactInfo: '', name: signedBy, location: o.location, signingTime: o.at,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED, signatureLength: 8192, appName: 'intake',
  });
  // The placeholder must stay a plain object the signer can find: no object streams.
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** The signer of each issuing bureau (its name as its notices and seal give it). */
export type SignerFor = (issuer: string) => Promise<PdfSigner>;

/** A signer holding its key and certificate as PKCS#12 (the embedded stack's local key). */
export class P12PdfSigner implements PdfSigner {
  readonly signedBy: string;
  private readonly signer: BureauCmsSigner;
  constructor(p12: Uint8Array, passphrase = '') {
    const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(p12).toString('binary')), false, passphrase);
    const cert = parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]?.[0]?.cert;
    const key = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]?.[0]?.key;
    if (!cert || !key) throw new Error('the signing key file holds no certificate and key');
    this.signer = new BureauCmsSigner(key, decodedNames(cert));
    this.signedBy = (cert.subject.getField('CN')?.value as string | undefined) ?? 'unknown';
  }

  async sign(pdf: Uint8Array, o: { reason: string; location: string; at: Date }): Promise<Uint8Array> {
    return new Uint8Array(await new SignPdf().sign(await withPlaceholder(pdf, this.signedBy, o), this.signer, o.at));
  }

}

const commonNameOf = (cert: forge.pki.Certificate): string | null => {
  const v = cert.subject.getField('CN')?.value as string | undefined;
  if (v === undefined) return null;
  // forge hands back a UTF8String's bytes undecoded.
  try {
    return forge.util.decodeUtf8(v);
  } catch {
    return v;
  }
};


/**
 * A new key and self-signed certificate for a bureau's signature, as PKCS#12. On the embedded stack the
 * bureau's own (a CA-issued certificate) replaces it by putting its .p12 in the data directory.
 */
export function makeSigningKey(commonName: string, organisation: string, now: Date, years = 10): Uint8Array {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  cert.validity.notBefore = new Date(now.getTime() - 86_400_000);
  cert.validity.notAfter = new Date(now.getTime() + years * 365 * 86_400_000);
  // Tagged UTF8String, forge encodes the Chinese names as UTF-8 (and decodes them when read).
  const name = [
    { name: 'countryName', value: 'CN' },
    { name: 'organizationName', value: organisation, valueTagClass: forge.asn1.Type.UTF8 },
    { name: 'commonName', value: commonName, valueTagClass: forge.asn1.Type.UTF8 },
  ] as forge.pki.CertificateField[];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], '', { algorithm: '3des', friendlyName: commonName });
  return new Uint8Array(Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
}

export interface SignatureCheck {
  /** The file carries a signature. */
  signed: boolean;
  /** Its signature covers the whole file and matches it (the bytes are as signed). */
  intact: boolean;
  /** The certificate's common name. */
  signedBy: string | null;
  signedAt: string | null;
}

/**
 * Checks a PDF's signature as a reader does: the byte ranges cover the whole file but the signature itself,
 * their SHA-256 is the signed message digest, and the certificate's key verifies the signed attributes.
 */
export function checkSignature(pdf: Uint8Array): SignatureCheck {
  const none: SignatureCheck = { signed: false, intact: false, signedBy: null, signedAt: null };
  const text = Buffer.from(pdf).toString('latin1');
  const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | null = null;
  while ((m = range.exec(text))) last = m;
  if (!last) return none;
  const [a, b, c, d] = last.slice(1).map(Number) as [number, number, number, number];
  const covered = a === 0 && c + d === pdf.byteLength && b < c;
  const hex = text.slice(b, c).replace(/[<>\s]/g, '').replace(/(00)+$/, '');
  try {
    const p7 = forge.pkcs7.messageFromAsn1(forge.asn1.fromDer(forge.util.hexToBytes(hex))) as forge.pkcs7.PkcsSignedData & { rawCapture: { authenticatedAttributes?: forge.asn1.Asn1[]; signature: string } };
    const cert = p7.certificates[0]!;
    const attrs = p7.rawCapture.authenticatedAttributes ?? [];
    const digestOf = (oid: string) => attrs.map((x) => x.value as forge.asn1.Asn1[]).find((x) => forge.asn1.derToOid((x[0]!.value as string)) === oid)?.[1];
    const digestAttr = digestOf(forge.pki.oids.messageDigest!);
    const timeAttr = digestOf(forge.pki.oids.signingTime!);
    const content = Buffer.concat([Buffer.from(pdf.subarray(a, a + b)), Buffer.from(pdf.subarray(c, c + d))]);
    const digest = forge.md.sha256.create().update(content.toString('binary')).digest().getBytes();
    const signedDigest = ((digestAttr?.value as forge.asn1.Asn1[])?.[0]?.value as string) ?? '';
    // The signed attributes are signed as a DER SET (tag 0x31), not as the [0] IMPLICIT they are stored as.
    const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs);
    const md = forge.md.sha256.create().update(forge.asn1.toDer(set).getBytes());
    const verified = (cert.publicKey as forge.pki.rsa.PublicKey).verify(md.digest().getBytes(), p7.rawCapture.signature);
    const when = (timeAttr?.value as forge.asn1.Asn1[])?.[0];
    return {
      signed: true,
      intact: covered && signedDigest === digest && verified,
      signedBy: commonNameOf(cert),
      signedAt: when ? forge.asn1.utcTimeToDate(when.value as string).toISOString() : null,
    };
  } catch {
    return { ...none, signed: true };
  }
}
