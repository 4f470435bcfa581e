// The one place the deployment's environment is read. On AWS every name is set by the CDK app
// (infra/constructs), and a missing one stops the function at cold start with the variable's name — never
// a silent fall-back to the embedded stack's names.
import { z } from 'zod';
import type { StackNames } from '../config.ts';

export const AwsEnvironment = z.object({
  INTAKE_BUCKET: z.string().min(3),
  RESPONSES_BUCKET: z.string().min(3),
  CASE_TABLE: z.string().min(3),
  /** The KMS HMAC key that keys trainees' ID numbers; absent: no person index (cross-case rules on trainees off). */
  INTAKE_ID_MAC_KEY: z.string().min(1).optional(),
  /**
   * The KMS key whose data key seals trainees' ID numbers and phones in the table. The CDK app always sets
   * it; absent only where the compiled handlers run against the embedded stack's DynamoDB (no KMS there).
   */
  INTAKE_DATA_KEY: z.string().min(1).optional(),
  /** The EventBridge bus decided cases are published on; absent: not published. */
  INTAKE_EVENT_BUS: z.string().min(1).optional(),
  /** The asymmetric KMS key the bureaus' PDFs are signed with; absent: issued unsigned. */
  INTAKE_SIGNING_KEY: z.string().min(1).optional(),
  /** The console's Cognito user pool, which a bureau user manages from the console; absent: managed elsewhere. */
  INTAKE_USER_POOL: z.string().min(1).optional(),
  /** Where tables, check boxes and signatures are found: intake's own analysis, or Textract. */
  INTAKE_LAYOUT: z.enum(['intake', 'textract']).default('intake'),
});
export type AwsEnvironment = z.infer<typeof AwsEnvironment>;

export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

export function awsEnvironment(env: Record<string, string | undefined> = process.env): AwsEnvironment {
  const parsed = AwsEnvironment.safeParse(env);
  if (!parsed.success) {
    throw new EnvironmentError(`the function's environment is incomplete: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')} (set by the CDK app)`);
  }
  return parsed.data;
}

export const stackNamesOf = (env: AwsEnvironment): StackNames => ({ intakeBucket: env.INTAKE_BUCKET, responsesBucket: env.RESPONSES_BUCKET, table: env.CASE_TABLE });
