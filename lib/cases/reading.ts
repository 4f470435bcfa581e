// Packets being read: a case exists only once its packet is read and judged, which takes seconds a page;
// until then the console shows the packet with its progress (issue 19: "cases being read shown with
// their progress"), from an entry intake writes page by page and drops when the case is stored.
import { META_SUBMISSION_TYPE } from '../config.ts';
import type { Jurisdiction } from '../domain/schemas.ts';
import { mayOpen, type Principal } from './access.ts';
import type { Packet } from './intake/assemble.ts';
import type { CaseStore, Clock, ReadingEntry } from './ports.ts';

/** An entry not moved on for this long belongs to a worker that stopped (its message is retried or dead-lettered). */
export const READING_STALE_MS = 20 * 60_000;

export interface ReadingTracker {
  /** Page `page` of `pages` of the file named `file` is being read. */
  page(p: { file: string; page: number; pages: number }): void;
  /** The case is stored (or the packet given up): the entry goes. */
  end(): Promise<void>;
}

/**
 * Tracks one packet's reading in the case store. Progress writes are fire-and-forget, one at a time and
 * the latest winning: a slow or failing write never holds up the reading itself.
 */
export async function trackReading(cases: CaseStore, clock: Clock, packet: Packet, log?: (msg: string, data?: Record<string, unknown>) => void): Promise<ReadingTracker> {
  const startedAt = clock.now().toISOString();
  const declared = packet.declared[META_SUBMISSION_TYPE];
  let entry: ReadingEntry = {
    caseId: packet.caseId,
    caseNumber: packet.caseId,
    jurisdiction: packet.where.jurisdiction,
    institution: packet.where.institution,
    ...(declared ? { submissionType: declared } : {}),
    files: packet.files.map((f) => f.name),
    page: 0,
    pages: 0,
    startedAt,
    updatedAt: startedAt,
  };
  const failed = (e: unknown) => log?.('reading progress not written', { caseId: packet.caseId, error: String(e) });
  await cases.putReading(entry).catch(failed);
  let writing: Promise<void> | undefined;
  let pending: ReadingEntry | undefined;
  const flush = (): void => {
    if (writing || !pending) return;
    const next = pending;
    pending = undefined;
    writing = cases.putReading(next).catch(failed).finally(() => { writing = undefined; flush(); });
  };
  let ended = false;
  return {
    page(p) {
      if (ended) return;
      entry = { ...entry, file: p.file, page: p.page, pages: p.pages, updatedAt: clock.now().toISOString() };
      pending = entry;
      flush();
    },
    async end() {
      ended = true;
      pending = undefined;
      await writing;
      await cases.endReading(entry.jurisdiction, entry.caseId).catch(failed);
    },
  };
}

/** The packets being read that the principal may see, oldest first. */
export async function readingNow(cases: CaseStore, who: Principal, jurisdictions: Jurisdiction[], clock: Clock): Promise<ReadingEntry[]> {
  const now = clock.now().getTime();
  const lists = await Promise.all(jurisdictions.map((j) => cases.listReading(j)));
  return lists
    .flat()
    .filter((r) => mayOpen(who, r))
    .filter((r) => now - Date.parse(r.updatedAt) < READING_STALE_MS)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}
