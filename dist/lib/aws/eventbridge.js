// The case-event port on Amazon EventBridge: one PutEvents entry per decided case, on the bureau's bus.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
/** EventBridge takes 256 KB an entry; past this the documents are left out (the API has them). */
const MAX_DETAIL = 240 * 1024;
export class EventBridgePublisher {
    busName;
    client;
    constructor(busName, client = new EventBridgeClient({})) {
        this.busName = busName;
        this.client = client;
    }
    async publish(event) {
        let detail = JSON.stringify(event);
        if (Buffer.byteLength(detail) > MAX_DETAIL)
            detail = JSON.stringify({ ...event, case: { ...event.case, documents: [] }, documentsOmitted: true });
        const r = await this.client.send(new PutEventsCommand({ Entries: [{ EventBusName: this.busName, Source: event.source, DetailType: event.type, Detail: detail, Time: new Date(event.time) }] }));
        // A refused entry is an error: the SQS message is retried, and the case published then.
        if (r.FailedEntryCount)
            throw new Error(`EventBridge refused the case event: ${r.Entries?.[0]?.ErrorCode ?? 'unknown'}`);
    }
}
//# sourceMappingURL=eventbridge.js.map