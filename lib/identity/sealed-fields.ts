// Trainees' ID numbers and phones sealed at rest, field by field (issue 20, 9): the case store writes them
// encrypted (AES-256-GCM) and opens them on reading, so a copy of the table, a backup or a scan of it shows
// no person's number. The key comes from where the deployment keeps keys: a file of the embedded stack's
// own (0600), on AWS a data key that KMS encrypts (lib/aws/kms-field-key.ts). Who may then see a number
// unmasked is lib/cases/personal-data.ts's to say.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { withPersonalValues, type PersonalParts } from './disclosure.ts';

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

  /** Seal and open with the key in hand (one await for the key, then plain AES-GCM per value). */
  async keyed(): Promise<{ seal(plain: string): string; open(sealed: string): string }> {
    const key = await this.theKey();
    return { seal: (plain) => sealWith(key, plain), open: (sealed) => openWith(key, sealed) };
  }

  async seal(plain: string): Promise<string> {
    return sealWith(await this.theKey(), plain);
  }

  async open(sealed: string): Promise<string> {
    return openWith(await this.theKey(), sealed);
  }
}

function sealWith(key: Buffer, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

function openWith(key: Buffer, sealed: string): string {
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  if (raw.byteLength < IV_BYTES + TAG_BYTES) throw new SealedDataError('a sealed value is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(raw.byteLength - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.byteLength - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedDataError('a sealed value does not open with this stack\'s field key (another key, or altered)');
  }
}

/** The documents and corrections with every ID number and phone sealed (other values as they were). */
export async function sealPersonalData<T extends Partial<PersonalParts>>(sealer: FieldSealer, parts: T): Promise<T> {
  const { seal } = await sealer.keyed();
  return withPersonalValues(parts, (_k, v) => (typeof v === 'string' && v !== '' && !isSealed(v) ? seal(v) : v));
}

/** The same, opened. Without a sealer, a sealed value is an error: a rule must never read ciphertext as a number. */
export async function openPersonalData<T extends Partial<PersonalParts>>(sealer: FieldSealer | undefined, parts: T): Promise<T> {
  const keyed = sealer ? await sealer.keyed() : undefined;
  return withPersonalValues(parts, (_k, v) => {
    if (!isSealed(v)) return v;
    if (!keyed) throw new SealedDataError('the case store holds sealed personal data but was given no field key');
    return keyed.open(v);
  });
}
