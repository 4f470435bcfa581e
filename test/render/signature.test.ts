// The bureau's signature on what it issues (issue 19): any PDF reader (here poppler's pdfsig) shows who
// issued the notice and that it is unchanged; the same notice signs to the same bytes; a changed byte shows.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderNotice } from '../../lib/render/notice.ts';
import { checkSignature, makeSigningKey, P12PdfSigner } from '../../lib/identity/signature.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'intake-sign-'));
const issuer = { name: '启东市人力资源和社会保障局', docPrefix: '启人社培' };
const signer = new P12PdfSigner(makeSigningKey(issuer.name, issuer.name, new Date('2026-01-01T00:00:00Z')));
const at = new Date('2026-12-07T00:00:00+08:00');

async function signedNotice() {
  const pdf = await renderNotice({
    kind: 'rejection', issuer, caseNumber: 'QD-2026-7F3K9QAB9C', institutionName: '启东市东方职业培训学校', subject: '开班申请', date: '2026-12-07', documentNumber: 12,
    findings: [{ ruleId: 'QD-QUAL-FILED', severity: 'error', outcome: 'REJECT', message: '未签协备案，不予受理', source: { file: '004_c90804dcf1fa8775.txt', section: '第三条', quote: '签协备案' } }],
  });
  return signer.sign(pdf, { reason: '不予受理通知书', location: '启东市', at });
}

describe('signed notices', () => {
  it('pdfsig shows the bureau as signer and the signature valid over the whole document', async () => {
    const bytes = await signedNotice();
    const file = path.join(tmp, 'signed.pdf');
    writeFileSync(file, bytes);
    const out = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(out).toContain('Signer Certificate Common Name: 启东市人力资源和社会保障局');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signature is Valid');
    expect(checkSignature(bytes)).toEqual({ signed: true, intact: true, signedBy: '启东市人力资源和社会保障局', signedAt: at.toISOString() });
    // Still the notice's words, and only them, as text.
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('启人社培〔2026〕12号');
  });

  it('the same notice signs to the same bytes (a duplicate worker keeps the recorded hash)', async () => {
    expect(Buffer.compare(Buffer.from(await signedNotice()), Buffer.from(await signedNotice()))).toBe(0);
  });

  it('a changed byte is seen by the reader and by checkSignature; an unsigned PDF says so', async () => {
    const bytes = Buffer.from(await signedNotice());
    const at = bytes.indexOf('/Contents') - 40; // inside the signed range, before the signature
    bytes[at] = bytes[at] === 0x20 ? 0x0a : 0x20;
    expect(checkSignature(bytes).intact).toBe(false);
    const file = path.join(tmp, 'altered.pdf');
    writeFileSync(file, bytes);
    const out = spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;
    expect(out).not.toContain('Signature is Valid');
    const unsigned = await renderNotice({ kind: 'acceptance', issuer, caseNumber: 'QD-2026-X', institutionName: '某单位', subject: '开班申请', date: '2026-12-07', findings: [] });
    expect(checkSignature(unsigned)).toMatchObject({ signed: false, intact: false });
  });
});

describe('a key held elsewhere (KMS on AWS)', () => {
  it('signs through a digest-signing function: the certificate and the notice verify, and pdfsig shows the bureau', async () => {
    const { generateKeyPairSync, privateEncrypt, constants } = await import('node:crypto');
    const { remoteKeyCertificate, RemoteKeyPdfSigner } = await import('../../lib/identity/signature.ts');
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    // What KMS Sign does with MessageType DIGEST and RSASSA_PKCS1_V1_5_SHA_256: DigestInfo(SHA-256, digest), PKCS#1 v1.5.
    const digestInfo = Buffer.from('3031300d060960864801650304020105000420', 'hex');
    let calls = 0;
    const signDigest = async (d: Uint8Array) => (calls++, new Uint8Array(privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([digestInfo, Buffer.from(d)]))));
    const pem = await remoteKeyCertificate(publicKey.export({ type: 'spki', format: 'pem' }) as string, issuer.name, issuer.name, new Date('2026-01-01T00:00:00Z'), signDigest);
    const remote = new RemoteKeyPdfSigner(pem, signDigest);
    expect(remote.signedBy).toBe(issuer.name);
    const pdf = await renderNotice({ kind: 'acceptance', issuer, caseNumber: 'QD-2026-KMS0000001', institutionName: '启东市东方职业培训学校', subject: '开班申请', date: '2026-12-07', findings: [] });
    const bytes = await remote.sign(pdf, { reason: '受理通知书', location: '启东市', at });
    expect(checkSignature(bytes)).toEqual({ signed: true, intact: true, signedBy: issuer.name, signedAt: at.toISOString() });
    const file = path.join(tmp, 'kms.pdf');
    writeFileSync(file, bytes);
    const out = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(out).toContain(`Signer Certificate Common Name: ${issuer.name}`);
    expect(out).toContain('Signature is Valid');
    expect(calls).toBe(2); // the certificate once, the notice once: the key is asked, never held
  });
});
