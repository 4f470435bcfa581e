// Trainees' ID numbers and phones sealed at rest, field by field (issue 20, 9): the case store writes them
// encrypted (AES-256-GCM) and opens them on reading, so a copy of the table, a backup or a scan of it shows
// no person's number. The key comes from where the deployment keeps keys: a file of the embedded stack's
// own (0600), on AWS a data key that KMS encrypts (lib/aws/kms-field-key.ts). Who may then see a number
// unmasked is lib/cases/personal-data.ts's to say.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CaseRecord, Correction, ExtractedDocument, Field } from '../domain/schemas.ts';
import { personalKind } from './disclosure.ts';

const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A value the store holds sealed (what a reader without the key sees). */
export const isSealed = (v: unknown): v is string => typeof v === 'string' && v.startsWith(PREFIX);

export class SealedDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedDataError';
  }
}

/** Seals and opens values with one 32-byte key, fetched once (a KMS call on AWS) and kept. */
export class FieldSealer {
  private key?: Promise<Buffer>;
  constructor(private readonly keySource: () => Promise<Buffer>) {}

  private async theKey(): Promise<Buffer> {
    this.key ??= this.keySource().then((k) => {
      if (k.byteLength !== 32) throw new SealedDataError(`the field key must be 32 bytes, not ${k.byteLength}`);
      return k;
    });
    try {
      return await this.key;
    } catch (e) {
      this.key = undefined; // a failed KMS call is tried again next time
      throw e;
    }
  }

  async seal(plain: string): Promise<string> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', await this.theKey(), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  async open(sealed: string): Promise<string> {
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
    if (raw.byteLength < IV_BYTES + TAG_BYTES) throw new SealedDataError('a sealed value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', await this.theKey(), raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(raw.byteLength - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.byteLength - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedDataError('a sealed value does not open with this stack\'s field key (another key, or altered)');
    }
  }
}

type Change = (key: string, v: Field['value']) => Promise<Field['value']>;

async function eachPersonalField(doc: ExtractedDocument, change: Change): Promise<ExtractedDocument> {
  const fields = async (row: Record<string, Field>) =>
    Object.fromEntries(await Promise.all(Object.entries(row).map(async ([k, f]) => [k, personalKind(k) ? { ...f, value: await change(k, f.value) } : f] as const)));
  const tables = doc.tables
    ? Object.fromEntries(await Promise.all(Object.entries(doc.tables).map(async ([t, rows]) => [t, await Promise.all(rows.map(fields))] as const)))
    : undefined;
  return { ...doc, fields: await fields(doc.fields), ...(tables ? { tables } : {}) };
}

async function eachCorrection(corrections: Correction[] | undefined, change: Change): Promise<Correction[] | undefined> {
  if (!corrections) return corrections;
  return Promise.all(corrections.map(async (c) => (personalKind(c.field) ? { ...c, from: await change(c.field, c.from), to: await change(c.field, c.to) } : c)));
}

/** The parts of a case that hold trainees' numbers: its documents and the values reviewers corrected. */
export type PersonalParts = Pick<CaseRecord, 'documents' | 'corrections'>;

/** The documents and corrections with every ID number and phone sealed (other values as they were). */
export async function sealPersonalData<T extends Partial<PersonalParts>>(sealer: FieldSealer, parts: T): Promise<T> {
  const seal: Change = async (_k, v) => (typeof v === 'string' && v !== '' && !isSealed(v) ? sealer.seal(v) : v);
  return {
    ...parts,
    ...(parts.documents ? { documents: await Promise.all(parts.documents.map((d) => eachPersonalField(d, seal))) } : {}),
    ...(parts.corrections ? { corrections: await eachCorrection(parts.corrections, seal) } : {}),
  };
}

/** The same, opened. Without a sealer, a sealed value is an error: a rule must never read ciphertext as a number. */
export async function openPersonalData<T extends Partial<PersonalParts>>(sealer: FieldSealer | undefined, parts: T): Promise<T> {
  const open: Change = async (_k, v) => {
    if (!isSealed(v)) return v;
    if (!sealer) throw new SealedDataError('the case store holds sealed personal data but was given no field key');
    return sealer.open(v);
  };
  return {
    ...parts,
    ...(parts.documents ? { documents: await Promise.all(parts.documents.map((d) => eachPersonalField(d, open))) } : {}),
    ...(parts.corrections ? { corrections: await eachCorrection(parts.corrections, open) } : {}),
  };
}
