// The AWS deployment's parts, from its environment: S3, DynamoDB, KMS, EventBridge, and Textract where
// the deployment turns it on. The Lambda handlers call these once per cold start.
import { DynamoCaseStore } from "../aws/dynamodb.js";
import { EventBridgePublisher } from "../aws/eventbridge.js";
import { KmsPersonKeyer } from "../aws/kms-person-key.js";
import { S3ObjectStore } from "../aws/s3.js";
import { TextractLayout } from "../aws/textract.js";
import { systemClock } from "../cases/ports.js";
import { PaddleOcr } from "../extract/ocr/paddle.js";
import { awsEnvironment, stackNamesOf } from "./env.js";
import { apiDeps, pipelineDeps } from "./services.js";
function awsParts(env, log) {
    const names = stackNamesOf(env);
    return {
        names,
        objects: new S3ObjectStore(),
        cases: new DynamoCaseStore(names.table),
        clock: systemClock,
        ...(env.INTAKE_ID_MAC_KEY ? { personKeys: new KmsPersonKeyer(env.INTAKE_ID_MAC_KEY) } : {}),
        ...(env.INTAKE_EVENT_BUS ? { events: new EventBridgePublisher(env.INTAKE_EVENT_BUS) } : {}),
        ...(log ? { log } : {}),
    };
}
export function awsPipeline(log, env = awsEnvironment()) {
    return pipelineDeps({
        ...awsParts(env, log),
        ocr: new PaddleOcr(),
        // Textract for table geometry, check boxes and signatures where the deployment turns it on.
        ...(env.INTAKE_LAYOUT === 'textract' ? { layout: new TextractLayout() } : {}),
    });
}
export function awsApi(env = awsEnvironment()) {
    return apiDeps(awsParts(env));
}
//# sourceMappingURL=aws.js.map