// Delivery to the bureau: every decided case is published as an event a bureau's own systems can take
// in (EventBridge on AWS; a local event log and an optional webhook on the embedded stack). The event
// carries the case record with ID numbers and phones masked, never in clear. Delivery is at least once:
// a redelivered upload publishes its case again, with the same event id, so consumers keep the first.
import { createHash } from 'node:crypto';
import { disclosedCase, withoutStrayIdNumbers } from '../identity/disclosure.ts';
import type { CaseRecord } from '../domain/schemas.ts';

export const EVENT_SOURCE = 'intake';
export const EVENT_TYPE = 'case.decided';

export interface CaseEvent {
  /** Stable for one case: consumers deduplicate by it. */
  id: string;
  source: typeof EVENT_SOURCE;
  type: typeof EVENT_TYPE;
  time: string;
  /** The case revision this event carries (1: as the pipeline decided it). */
  revision: number;
  jurisdiction: string;
  case: Omit<CaseRecord, 'uploads'> & { uploads: { key: string; etag: string }[] };
}

export interface CaseEventPublisher {
  publish(event: CaseEvent): Promise<void>;
}

export function caseEvent(record: CaseRecord): CaseEvent {
  // Uploads included: a file named after a trainee is masked like any stray ID number or phone.
  const masked = withoutStrayIdNumbers({ ...disclosedCase(record), uploads: record.uploads.map((u) => ({ key: u.key, etag: u.etag })) });
  return {
    // One id per case revision: a reviewer's correction or decision is news; a redelivery is not.
    id: createHash('sha256').update(`${EVENT_TYPE}|${record.caseId}${(record.revision ?? 1) > 1 ? `|r${record.revision}` : ''}`).digest('hex').slice(0, 32),
    revision: record.revision ?? 1,
    source: EVENT_SOURCE,
    type: EVENT_TYPE,
    time: record.updatedAt ?? record.createdAt,
    jurisdiction: record.jurisdiction,
    case: masked,
  };
}

/** Publishes a case where the deployment has a publisher (none: nothing to tell). */
export async function publishCase(events: CaseEventPublisher | undefined, record: CaseRecord): Promise<void> {
  if (events) await events.publish(caseEvent(record));
}
