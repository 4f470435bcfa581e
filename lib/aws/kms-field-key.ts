// The field key on AWS (lib/identity/sealed-fields.ts): a data key made once by KMS under the stack's
// key, kept in the table only in its encrypted form, and opened by KMS at each cold start. Envelope
// encryption, as KMS advises for many small values: one KMS call per container, not one per number.
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './dynamodb.ts';

const KEY_ITEM = { pk: 'KEYRING', sk: 'FIELD#v1' };
/** Bound into the key's ciphertext: it opens only as this table's field key. */
const context = (table: string) => ({ purpose: 'intake-field-key', table });

export function kmsFieldKey(table: string, kmsKeyId: string, kms = new KMSClient({}), db: DynamoDBDocumentClient = documentClient()): () => Promise<Buffer> {
  return async () => {
    const open = async (blob: Uint8Array) =>
      Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: kmsKeyId, EncryptionContext: context(table) }))).Plaintext!);
    const stored = await db.send(new GetCommand({ TableName: table, Key: KEY_ITEM, ConsistentRead: true }));
    if (stored.Item?.wrapped) return open(Buffer.from(stored.Item.wrapped as string, 'base64'));
    const made = await kms.send(new GenerateDataKeyCommand({ KeyId: kmsKeyId, KeySpec: 'AES_256', EncryptionContext: context(table) }));
    try {
      // The first container to ask makes it; one racing it keeps the winner's.
      await db.send(new PutCommand({
        TableName: table, Item: { ...KEY_ITEM, kind: 'keyring', wrapped: Buffer.from(made.CiphertextBlob!).toString('base64') }, ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return Buffer.from(made.Plaintext!);
    } catch (e) {
      if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
      const winner = await db.send(new GetCommand({ TableName: table, Key: KEY_ITEM, ConsistentRead: true }));
      return open(Buffer.from(winner.Item!.wrapped as string, 'base64'));
    }
  };
}
