// Packets whose declared files never all came (issue 20, 7): a packet of `packet-files: 3` with one file in
// waited for ever — no case, no answer, no alarm. Every so often (the embedded stack's timer; on AWS a
// schedule) the packets waiting longer than the stated time are answered with what arrived, and a
// finding naming what did not.
import { scrubbed } from '../../identity/disclosure.ts';
import type { PipelineDeps, ProcessResult } from './deps.ts';
import { processUpload } from './index.ts';

/** How long a packet waits for its last files before it is answered with what came. */
export const PACKET_WAIT_HOURS = 24;

export interface OverdueResult {
  answered: { packetPrefix: string; result: ProcessResult['status'] }[];
  waiting: number;
}

/** Answers the packets that have waited `waitHours` since their last file arrived. */
export async function answerOverduePackets(deps: PipelineDeps, waitHours = PACKET_WAIT_HOURS): Promise<OverdueResult> {
  const now = deps.clock.now().getTime();
  const out: OverdueResult = { answered: [], waiting: 0 };
  for (const p of await deps.cases.listPending()) {
    const files = await deps.objects.list(p.bucket, p.packetPrefix);
    if (files.length === 0) {
      await deps.cases.endPending(p.bucket, p.packetPrefix);
      continue;
    }
    // Waited from the last arrival: a packet still trickling in is not cut short.
    const heads = await Promise.all(files.map((f) => deps.objects.head(p.bucket, f.key)));
    const last = Math.max(...heads.map((h) => h.lastModified.getTime()));
    if (files.length < p.want && now - last < waitHours * 3_600_000) {
      out.waiting++;
      continue;
    }
    const r = await processUpload({ bucket: p.bucket, key: p.key }, deps, { overdue: { waitedHours: waitHours } });
    deps.log?.('overdue packet answered', { packetPrefix: scrubbed(p.packetPrefix), have: files.length, want: p.want, status: r.status });
    out.answered.push({ packetPrefix: p.packetPrefix, result: r.status });
  }
  return out;
}
