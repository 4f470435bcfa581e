// The intake Lambda: SQS messages carrying S3 object-created notifications → lib/cases/intake.
// Thin on purpose: parse the event with zod, call intake, report per-message failures so that SQS
// retries only those (and moves them to the DLQ after maxReceiveCount).
import { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { INCOMING_PREFIX } from "../lib/config.js";
import { processUpload } from "../lib/cases/intake/index.js";
import { BadUploadKeyError, decodeEventKey } from "../lib/cases/upload-key.js";
import { awsPipeline } from "../lib/wiring/aws.js";
const logger = new Logger({ serviceName: 'intake' });
const S3Record = z.object({
    eventName: z.string(),
    s3: z.object({
        bucket: z.object({ name: z.string() }),
        object: z.object({ key: z.string(), eTag: z.string().optional(), versionId: z.string().optional(), size: z.number().optional() }),
    }),
});
const S3Notification = z.union([
    z.object({ Records: z.array(S3Record) }),
    // S3 sends one of these when a notification is first configured.
    z.object({ Event: z.literal('s3:TestEvent') }).transform(() => ({ Records: [] })),
]);
export const SqsEvent = z.object({
    Records: z.array(z.object({ messageId: z.string(), body: z.string() })),
});
let deps;
// Keys and counts only: never field values (ID numbers, phones) in a log line.
const awsDeps = () => (deps ??= awsPipeline((msg, data) => logger.info(msg, data ?? {})));
export async function handleSqsEvent(raw, d = awsDeps()) {
    const event = SqsEvent.parse(raw);
    const batchItemFailures = [];
    // Why each failed; Lambda reads only batchItemFailures, the local queue keeps this with its dead letters.
    const errors = [];
    for (const message of event.Records) {
        try {
            const notification = S3Notification.parse(JSON.parse(message.body));
            for (const rec of notification.Records) {
                if (!rec.eventName.startsWith('ObjectCreated:'))
                    continue;
                const key = decodeEventKey(rec.s3.object.key);
                if (!key.startsWith(INCOMING_PREFIX))
                    continue;
                const result = await processUpload({ bucket: rec.s3.bucket.name, key, etag: rec.s3.object.eTag, versionId: rec.s3.object.versionId }, d);
                logger.info('upload processed', { key, status: result.status, caseId: result.status === 'created' ? result.case.caseId : 'caseId' in result ? result.caseId : undefined });
            }
        }
        catch (e) {
            // A key that names no jurisdiction cannot become a case; it fails like any other error so that it
            // ends in the dead-letter queue (alarmed, redrivable) rather than nowhere.
            if (e instanceof BadUploadKeyError)
                logger.error('upload key not routable', { error: e.message });
            else
                logger.error('message failed, will be retried', { messageId: message.messageId, error: e.message });
            batchItemFailures.push({ itemIdentifier: message.messageId });
            errors.push({ itemIdentifier: message.messageId, error: e.message });
        }
    }
    return { batchItemFailures, errors };
}
export const handler = (event) => handleSqsEvent(event);
//# sourceMappingURL=intake.js.map