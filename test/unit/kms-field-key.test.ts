// The field key on AWS (lib/aws/kms-field-key.ts): made once by KMS, kept in the table only wrapped, opened
// by KMS in every later container; two containers racing to make it end with one key. KMS and DynamoDB are
// played by fakes that answer as they do (GenerateDataKey, Decrypt with its encryption context, a conditional put).
import { randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { kmsFieldKey } from '../../lib/aws/kms-field-key.ts';
import { FieldSealer } from '../../lib/identity/sealed-fields.ts';

function fakes() {
  const wrapped = new Map<string, Buffer>(); // "ciphertext" → plaintext, as only KMS could open it
  const calls: string[] = [];
  let item: Record<string, unknown> | undefined;
  const kms = {
    async send(c: unknown) {
      if (c instanceof GenerateDataKeyCommand) {
        calls.push('GenerateDataKey');
        expect(c.input.EncryptionContext).toEqual({ purpose: 'intake-field-key', table: 'cases' });
        const plain = randomBytes(32);
        const blob = randomBytes(48);
        wrapped.set(blob.toString('hex'), plain);
        return { Plaintext: new Uint8Array(plain), CiphertextBlob: new Uint8Array(blob) };
      }
      if (c instanceof DecryptCommand) {
        calls.push('Decrypt');
        if (JSON.stringify(c.input.EncryptionContext) !== JSON.stringify({ purpose: 'intake-field-key', table: 'cases' })) throw Object.assign(new Error('context'), { name: 'InvalidCiphertextException' });
        return { Plaintext: new Uint8Array(wrapped.get(Buffer.from(c.input.CiphertextBlob!).toString('hex'))!) };
      }
      throw new Error('unexpected KMS call');
    },
  };
  const db = {
    async send(c: unknown) {
      if (c instanceof GetCommand) return { Item: item };
      if (c instanceof PutCommand) {
        if (item) throw Object.assign(new Error('exists'), { name: 'ConditionalCheckFailedException' });
        item = c.input.Item as Record<string, unknown>;
        return {};
      }
      throw new Error('unexpected DynamoDB call');
    },
  };
  return { kms: kms as never, db: db as never, calls, stored: () => item };
}

describe('the field key on AWS', () => {
  it('is made once and kept wrapped; a later container opens the same key through KMS, so what one sealed the other opens', async () => {
    const f = fakes();
    const first = new FieldSealer(kmsFieldKey('cases', 'arn:aws:kms:key', f.kms, f.db));
    const sealed = await first.seal('11010519491231002X');
    expect(f.calls).toEqual(['GenerateDataKey']);
    expect(JSON.stringify(f.stored())).not.toMatch(/Plaintext/);
    const later = new FieldSealer(kmsFieldKey('cases', 'arn:aws:kms:key', f.kms, f.db));
    expect(await later.open(sealed)).toBe('11010519491231002X');
    expect(f.calls).toEqual(['GenerateDataKey', 'Decrypt']);
    await later.open(sealed);
    expect(f.calls).toHaveLength(2); // once per container
  });

  it('two containers racing to make it keep the first one\'s: the loser opens the winner\'s key', async () => {
    const f = fakes();
    const a = kmsFieldKey('cases', 'k', f.kms, f.db);
    const b = kmsFieldKey('cases', 'k', f.kms, f.db);
    const [ka, kb] = await Promise.all([a(), b()]);
    expect(kb.equals(ka)).toBe(true);
    expect(f.calls.filter((c) => c === 'GenerateDataKey')).toHaveLength(2);
  });
});
