// On AWS the bureaus sign with a KMS key (lib/aws/kms-signer.ts): a certificate per bureau made once and kept,
// every PDF signed by asking KMS to sign a digest. KMS is played here by a local key answering the same commands.
import { constants, generateKeyPairSync, privateEncrypt } from 'node:crypto';
import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { kmsSigners, type CertificateKeeper } from '../../lib/aws/kms-signer.ts';
import { renderNotice } from '../../lib/render/notice.ts';
import { checkSignature } from '../../lib/identity/signature.ts';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const sent: string[] = [];
const kms = {
  async send(c: unknown) {
    if (c instanceof GetPublicKeyCommand) return (sent.push('GetPublicKey'), { PublicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })) });
    if (c instanceof SignCommand) {
      sent.push('Sign');
      expect(c.input).toMatchObject({ MessageType: 'DIGEST', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' });
      const digestInfo = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), Buffer.from(c.input.Message!)]);
      return { Signature: new Uint8Array(privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo)) };
    }
    throw new Error('unexpected command');
  },
} as unknown as KMSClient;

class Keeper implements CertificateKeeper {
  readonly kept = new Map<string, string>();
  async signingCertificate(issuer: string) {
    return this.kept.get(issuer) ?? null;
  }
  async keepSigningCertificate(issuer: string, pem: string) {
    if (!this.kept.has(issuer)) this.kept.set(issuer, pem);
    return this.kept.get(issuer)!;
  }
}

describe('kmsSigners', () => {
  it('makes each bureau its certificate once, keeps it, and signs every PDF by asking KMS', async () => {
    const keeper = new Keeper();
    const signers = kmsSigners('arn:aws:kms:cn-north-1:000000000000:key/test', keeper, kms);
    const issuer = '绍兴市人力资源和社会保障局';
    const pdf = await renderNotice({ kind: 'acceptance', issuer: { name: issuer, docPrefix: '绍人社培' }, caseNumber: 'SX-2026-KMS', institutionName: '某培训学校', subject: '开班申请', date: '2026-12-07', findings: [] });
    const at = new Date('2026-12-07T00:00:00+08:00');
    const first = await (await signers(issuer)).sign(pdf, { reason: '受理通知书', location: '绍兴市', at });
    expect(checkSignature(first)).toMatchObject({ signed: true, intact: true, signedBy: issuer });
    expect(keeper.kept.get(issuer)).toMatch(/^-----BEGIN CERTIFICATE-----/);
    // A second function (a new signers()) finds the kept certificate: no new one, one Sign per PDF.
    sent.length = 0;
    const again = await (await kmsSigners('arn:aws:kms:cn-north-1:000000000000:key/test', keeper, kms)(issuer)).sign(pdf, { reason: '受理通知书', location: '绍兴市', at });
    expect(sent).toEqual(['Sign']); // no public key read, no certificate made: one digest signed
    expect(checkSignature(again).intact).toBe(true);
  });
});
