// The intake Lambda: SQS messages carrying S3 object-created notifications → lib/cases/intake; and a
// schedule that answers packets whose last files never came (lib/cases/intake/overdue.ts).
// Thin on purpose: parse the event with zod, call intake, report per-message failures so that SQS
// retries only those (and moves them to the DLQ after maxReceiveCount).
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { z } from 'zod';
import { INCOMING_PREFIX } from '../lib/config.ts';
import { processUpload, type PipelineDeps } from '../lib/cases/intake/index.ts';
import { answerOverduePackets, PACKET_WAIT_HOURS } from '../lib/cases/intake/overdue.ts';
import { BadUploadKeyError, decodeEventKey } from '../lib/cases/upload-key.ts';
import { scrubbed } from '../lib/identity/disclosure.ts';
import { awsPipeline } from '../lib/wiring/aws.ts';

const logger = new Logger({ serviceName: 'intake' });
/**
 * What the operations dashboard counts (infra/constructs/alarms.ts), as CloudWatch embedded metrics in the
 * log: pages read, cases by outcome, cases held for a reviewer, seconds a packet took. Only inside Lambda:
 * the embedded stack runs this handler too, and its stdout is the CLI's.
 */
const metrics = process.env.AWS_LAMBDA_FUNCTION_NAME ? new Metrics({ namespace: 'Intake', serviceName: 'intake' }) : undefined;

function countCase(c: { outcome: string; status: string; pageCount: number }, seconds: number) {
  if (!metrics) return;
  metrics.addMetric('PagesRead', MetricUnit.Count, c.pageCount);
  metrics.addMetric('PacketSeconds', MetricUnit.Seconds, seconds);
  if (c.status === 'under-review') metrics.addMetric('CasesHeldForReview', MetricUnit.Count, 1);
  const byOutcome = metrics.singleMetric();
  byOutcome.addDimension('outcome', c.outcome);
  byOutcome.addMetric('CasesDecided', MetricUnit.Count, 1);
}

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
  z.object({ Event: z.literal('s3:TestEvent') }).transform(() => ({ Records: [] as z.infer<typeof S3Record>[] })),
]);
export const SqsEvent = z.object({
  Records: z.array(z.object({ messageId: z.string(), body: z.string() })),
});
export type SqsEvent = z.infer<typeof SqsEvent>;

let deps: PipelineDeps | undefined;
// Keys and counts only: never field values (ID numbers, phones) in a log line.
const awsDeps = () => (deps ??= awsPipeline((msg, data) => logger.info(msg, data ?? {})));

export async function handleSqsEvent(raw: unknown, d: PipelineDeps = awsDeps()) {
  const event = SqsEvent.parse(raw);
  const batchItemFailures: { itemIdentifier: string }[] = [];
  // Why each failed; Lambda reads only batchItemFailures, the local queue keeps this with its dead letters.
  const errors: { itemIdentifier: string; error: string }[] = [];
  for (const message of event.Records) {
    try {
      const notification = S3Notification.parse(JSON.parse(message.body));
      for (const rec of notification.Records) {
        if (!rec.eventName.startsWith('ObjectCreated:')) continue;
        const key = decodeEventKey(rec.s3.object.key);
        if (!key.startsWith(INCOMING_PREFIX)) continue;
        const started = Date.now();
        const result = await processUpload({ bucket: rec.s3.bucket.name, key, etag: rec.s3.object.eTag, versionId: rec.s3.object.versionId }, d);
        if (result.status === 'created') countCase(result.case, (Date.now() - started) / 1000);
        logger.info('upload processed', { key: scrubbed(key), status: result.status, caseId: result.status === 'created' ? result.case.caseId : 'caseId' in result ? result.caseId : undefined });
      }
    } catch (e) {
      // A key that names no jurisdiction cannot become a case; it fails like any other error so that it
      // ends in the dead-letter queue (alarmed, redrivable) rather than nowhere.
      if (e instanceof BadUploadKeyError) logger.error('upload key not routable', { error: e.message });
      else logger.error('message failed, will be retried', { messageId: message.messageId, error: (e as Error).message });
      batchItemFailures.push({ itemIdentifier: message.messageId });
      errors.push({ itemIdentifier: message.messageId, error: (e as Error).message });
    }
  }
  metrics?.publishStoredMetrics();
  return { batchItemFailures, errors };
}

/** EventBridge's schedule (infra: every 15 minutes): packets waiting too long for their last files are answered. */
export const ScheduledEvent = z.object({ source: z.literal('aws.events'), 'detail-type': z.literal('Scheduled Event') });

export async function handleSchedule(d: PipelineDeps = awsDeps()) {
  const r = await answerOverduePackets(d, Number(process.env.INTAKE_PACKET_WAIT_HOURS) || PACKET_WAIT_HOURS);
  logger.info('overdue packets', { answered: r.answered.length, waiting: r.waiting });
  return r;
}

export const handler = (event: unknown) => (ScheduledEvent.safeParse(event).success ? handleSchedule() : handleSqsEvent(event));
