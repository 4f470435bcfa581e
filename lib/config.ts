// One source of truth for table keys, bucket prefixes and event filters:
// infra/ (CDK) and local/ (embedded stack) both read them from here.

/** Object tag that marks class videos for their own retention period. */
export const RECORD_TAG = 'record';

export const INCOMING_PREFIX = 'incoming/';
export const RESPONSES_PREFIX = 'responses/';
export const UPLOAD_KEY_PATTERN = 'incoming/{jurisdiction}/{institution}/{packet}/{file}';

/** Object metadata an uploader may set (x-amz-meta-…). */
export const META_SUBMISSION_TYPE = 'submission-type';
/** How many files make the packet; the case is made once all are in. Absent: one file, one packet. */
export const META_PACKET_FILES = 'packet-files';

/** The class (班级编号) a later packet belongs to; it wins over the code read from its forms (CONTRACT 一班一档). */
export const META_CLASS = 'class';
/** The day a paper packet was received (YYYY-MM-DD), when the bureau files it later: deadlines count from it. */
export const META_RECEIVED = 'received';

/** The largest document file the pipeline reads (a larger one is answered from its header alone). */
/**
 * The public page a notice's QR code opens (…/verify?code=XXXX). On AWS the console's CloudFront address
 * (INTAKE_VERIFY_URL, set by the CDK app); on the embedded stack its own console.
 */
export const VERIFY_URL = process.env.INTAKE_VERIFY_URL || `http://127.0.0.1:${process.env.INTAKE_CONSOLE_PORT || 8780}/verify`;

export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** The intake function's memory on AWS (x86_64): the CDK app sets it, `npm run bench` prices a page with it. */
export const INTAKE_FUNCTION_MEMORY_MB = 3008;
/**
 * A scanned page read for longer than this is answered as unreadable (the packet goes on): a page takes
 * about 5 s on two cores, and no page may hold a packet up for minutes. INTAKE_PAGE_SECONDS overrides.
 */
export const PAGE_SECONDS = Number(process.env.INTAKE_PAGE_SECONDS) > 0 ? Number(process.env.INTAKE_PAGE_SECONDS) : 60;

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** All cases by creation time. */
  byTime: { name: 'byTime', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** Cases of one jurisdiction (or institution) by time. */
  byOwner: { name: 'byOwner', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
} as const;

export interface StackNames {
  intakeBucket: string;
  responsesBucket: string;
  table: string;
}

export const LOCAL_NAMES: StackNames = {
  intakeBucket: 'intake-uploads',
  responsesBucket: 'intake-responses',
  table: 'intake-cases',
};

/** The DynamoDB table definition in the shape CreateTable takes; CDK mirrors it. */
export function tableDefinition(tableName: string) {
  const s = 'S' as const;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: TABLE.partitionKey, AttributeType: s },
      { AttributeName: TABLE.sortKey, AttributeType: s },
      { AttributeName: TABLE.byTime.partitionKey, AttributeType: s },
      { AttributeName: TABLE.byTime.sortKey, AttributeType: s },
      { AttributeName: TABLE.byOwner.partitionKey, AttributeType: s },
      { AttributeName: TABLE.byOwner.sortKey, AttributeType: s },
    ],
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: [TABLE.byTime, TABLE.byOwner].map((g) => ({
      IndexName: g.name,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: g.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
