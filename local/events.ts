// The embedded stack's delivery to the bureau: an append-only event log (.local/events.jsonl) and, when
// INTAKE_WEBHOOK_URL is set, a POST of each event (three tries; a failure is logged and the event stays in
// the log, marked undelivered, for the bureau's system to pull).
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CaseEvent, CaseEventPublisher } from '../lib/cases/events.ts';

export class LocalEventLog implements CaseEventPublisher {
  constructor(
    private readonly dir: string,
    private readonly webhook: string | undefined = process.env.INTAKE_WEBHOOK_URL,
    private readonly log: (msg: string, extra?: Record<string, unknown>) => void = () => {},
  ) {
    mkdirSync(dir, { recursive: true });
  }

  get file(): string {
    return path.join(this.dir, 'events.jsonl');
  }

  async publish(event: CaseEvent): Promise<void> {
    let delivered: boolean | undefined;
    if (this.webhook) {
      delivered = false;
      for (let attempt = 1; attempt <= 3 && !delivered; attempt++) {
        try {
          const r = await fetch(this.webhook, { method: 'POST', headers: { 'content-type': 'application/json', 'x-intake-event-id': event.id }, body: JSON.stringify(event), signal: AbortSignal.timeout(10_000) });
          delivered = r.ok;
          if (!r.ok) this.log('webhook refused the event', { id: event.id, status: r.status, attempt });
        } catch (e) {
          this.log('webhook unreachable', { id: event.id, attempt, error: (e as Error).message });
        }
        if (!delivered && attempt < 3) await new Promise((res) => setTimeout(res, 200 * 2 ** attempt));
      }
    }
    appendFileSync(this.file, JSON.stringify({ ...event, ...(delivered === undefined ? {} : { delivered }) }) + '\n');
  }
}
