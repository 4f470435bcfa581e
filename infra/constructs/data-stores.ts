// Where a bureau's records live: the intake and responses buckets (each city's archive period on its
// prefix, no deletes before it ends), the case table, the keys that encrypt them, the HMAC key that keys
// trainees' ID numbers, and the bus decided cases are published on. Keys and prefixes come from
// lib/config.ts, the same definitions the embedded stack uses.
import { Duration, RemovalPolicy, aws_dynamodb as dynamodb, aws_events as events, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { INCOMING_PREFIX, RECORD_TAG, RESPONSES_PREFIX, TABLE } from '../../lib/config.ts';
import { retentionDays, retentionTable } from '../../lib/rules/retention.ts';

export interface DataStoresProps {
  removalPolicy: RemovalPolicy;
}

/** Each city's archive period (from its rule pack) on its own prefix; overwritten uploads' versions are kept as long. */
function retentionRules(prefix: string): s3.LifecycleRule[] {
  const name = prefix.replace(/\/$/, '');
  return retentionTable().flatMap(({ jurisdiction, retention }) => [
    {
      id: `retain-${name}-${jurisdiction}-${retention.years}y`,
      prefix: `${prefix}${jurisdiction}/`,
      expiration: Duration.days(retentionDays(retention.years)),
      noncurrentVersionExpiration: Duration.days(retentionDays(retention.years)),
      abortIncompleteMultipartUploadAfter: Duration.days(7),
    },
    // Qidong's class videos have their own, shorter period (tag record=video).
    ...(retention.videoYears
      ? [{
          id: `retain-${name}-${jurisdiction}-video-${retention.videoYears}y`,
          prefix: `${prefix}${jurisdiction}/`,
          tagFilters: { [RECORD_TAG]: 'video' },
          expiration: Duration.days(retentionDays(retention.videoYears)),
          noncurrentVersionExpiration: Duration.days(retentionDays(retention.videoYears)),
        }]
      : []),
  ]);
}

export class DataStores extends Construct {
  /** Case data is personal data: one customer-managed key for buckets, table and logs. */
  readonly key: kms.Key;
  /** The queues' and alarm topic's key (S3 and CloudWatch are let in by service). */
  readonly queueKey: kms.Key;
  readonly accessLogs: s3.Bucket;
  readonly intakeBucket: s3.Bucket;
  readonly responsesBucket: s3.Bucket;
  readonly table: dynamodb.Table;
  /** Keyed hashes of ID numbers (person index): an HMAC key that never leaves KMS. */
  readonly personKey: kms.Key;
  /** The bureaus' signature on what they issue (PAdES): an RSA key that never leaves KMS. */
  readonly signingKey: kms.Key;
  /** Decided cases go to the bureau's systems as events (ID numbers masked in them). */
  readonly caseEvents: events.EventBus;

  constructor(scope: Construct, id: string, props: DataStoresProps) {
    super(scope, id);
    const { removalPolicy } = props;
    this.key = new kms.Key(this, 'DataKey', { enableKeyRotation: true, description: 'intake case data', removalPolicy });
    // A key of its own for the queues: S3 must be let into the queue key's policy by bucket ARN, and the
    // buckets already reference the data key, so one key for both would be a circular dependency.
    this.queueKey = new kms.Key(this, 'QueueKey', { enableKeyRotation: true, description: 'intake upload events', removalPolicy });
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED, // S3 server access logging cannot write to SSE-KMS buckets
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      removalPolicy,
      lifecycleRules: [{ expiration: Duration.days(400) }],
    });
    this.intakeBucket = this.recordBucket('IntakeBucket', INCOMING_PREFIX, removalPolicy, true);
    this.responsesBucket = this.recordBucket('ResponsesBucket', RESPONSES_PREFIX, removalPolicy, false);

    // The same keys and indexes as lib/config.ts tableDefinition(), which the embedded stack creates.
    this.table = new dynamodb.Table(this, 'CaseTable', {
      partitionKey: { name: TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Only the reading-progress items carry it (lib/aws/dynamodb.ts putReading); cases never expire.
      timeToLiveAttribute: 'expiresAt',
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
    for (const g of [TABLE.byTime, TABLE.byOwner]) {
      this.table.addGlobalSecondaryIndex({
        indexName: g.name,
        partitionKey: { name: g.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: g.sortKey, type: dynamodb.AttributeType.STRING },
      });
    }
    this.personKey = new kms.Key(this, 'PersonKey', {
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      description: 'intake: keyed hash of ID numbers used as index keys',
      removalPolicy,
    });
    this.signingKey = new kms.Key(this, 'SigningKey', {
      keySpec: kms.KeySpec.RSA_2048,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      description: 'intake: the bureaus\' signature on issued PDFs (PAdES)',
      removalPolicy,
    });
    // Trainees' names ride on the events: the bus encrypts them with the data key, not an AWS-owned one.
    this.caseEvents = new events.EventBus(this, 'CaseEvents', { description: 'intake: each decided case (case.decided), ID numbers and phones masked', kmsKey: this.key });
  }

  /** The console's uploads are presigned POSTs straight from its pages, and from no other site's. */
  allowUploadsFrom(origin: string): void {
    this.intakeBucket.addCorsRule({ allowedMethods: [s3.HttpMethods.POST], allowedOrigins: [origin], allowedHeaders: ['*'], exposedHeaders: ['ETag'] });
  }

  private recordBucket(name: string, prefix: string, removalPolicy: RemovalPolicy, uploads: boolean): s3.Bucket {
    const bucket = new s3.Bucket(this, name, {
      lifecycleRules: retentionRules(prefix),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: `${name}/`,
      removalPolicy,
      // The console's uploads are presigned POSTs straight from the browser.

    });
    // Records are removed by their lifecycle rule when the city's period ends, by nobody before: no
    // person or role may delete an object or a version (lifecycle expiry is not subject to this policy).
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'NoDeletesBeforeRetentionEnds',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [bucket.arnForObjects('*')],
      }),
    );
    return bucket;
  }
}
