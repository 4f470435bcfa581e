// The AWS deployment's parts, from its environment: S3, DynamoDB, KMS, EventBridge, and Textract where
// the deployment turns it on. The Lambda handlers call these once per cold start.
import { CognitoUserDirectory } from '../aws/cognito-users.ts';
import { documentClient, DynamoCaseStore } from '../aws/dynamodb.ts';
import { kmsFieldKey } from '../aws/kms-field-key.ts';
import { FieldSealer } from '../identity/sealed-fields.ts';
import { EventBridgePublisher } from '../aws/eventbridge.ts';
import { KmsPersonKeyer } from '../aws/kms-person-key.ts';
import { kmsSigners } from '../aws/kms-signer.ts';
import { S3ObjectStore } from '../aws/s3.ts';
import { TextractLayout } from '../aws/textract.ts';
import type { PipelineDeps } from '../cases/intake/index.ts';
import { systemClock } from '../cases/ports.ts';
import { PaddleOcr } from '../extract/ocr/paddle.ts';
import type { ApiDeps } from '../http/api.ts';
import { awsEnvironment, stackNamesOf, type AwsEnvironment } from './env.ts';
import { apiDeps, pipelineDeps, type Parts } from './services.ts';

function awsParts(env: AwsEnvironment, log?: Parts['log']): Parts {
  const names = stackNamesOf(env);
  const sealer = env.INTAKE_DATA_KEY ? new FieldSealer(kmsFieldKey(names.table, env.INTAKE_DATA_KEY)) : undefined;
  const cases = new DynamoCaseStore(names.table, documentClient(), sealer);
  return {
    names,
    objects: new S3ObjectStore(),
    cases,
    clock: systemClock,
    ...(env.INTAKE_ID_MAC_KEY ? { personKeys: new KmsPersonKeyer(env.INTAKE_ID_MAC_KEY) } : {}),
    ...(env.INTAKE_EVENT_BUS ? { events: new EventBridgePublisher(env.INTAKE_EVENT_BUS) } : {}),
    ...(env.INTAKE_SIGNING_KEY ? { signers: kmsSigners(env.INTAKE_SIGNING_KEY, cases) } : {}),
    ...(log ? { log } : {}),
  };
}

export function awsPipeline(log: Parts['log'], env: AwsEnvironment = awsEnvironment()): PipelineDeps {
  return pipelineDeps({
    ...awsParts(env, log),
    ocr: new PaddleOcr(),
    // Textract for table geometry, check boxes and signatures where the deployment turns it on.
    ...(env.INTAKE_LAYOUT === 'textract' ? { layout: new TextractLayout() } : {}),
  });
}

export function awsApi(env: AwsEnvironment = awsEnvironment()): ApiDeps {
  return { ...apiDeps(awsParts(env)), ...(env.INTAKE_USER_POOL ? { users: new CognitoUserDirectory(env.INTAKE_USER_POOL) } : {}) };
}
