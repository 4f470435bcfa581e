// Cases as the use cases read them: the stored record with the reviewers' corrections applied over the
// documents as read (the values read stay stored beside them, lib/domain/corrections.ts).
import { applyCorrections } from '../domain/corrections.ts';
import type { CaseRecord, Jurisdiction } from '../domain/schemas.ts';
import type { CaseStore } from './ports.ts';

export function currentCase(stored: CaseRecord): CaseRecord {
  return stored.corrections?.length ? { ...stored, documents: applyCorrections(stored.documents, stored.corrections) } : stored;
}

/**
 * What a clerk may search a case by: the institution (id and name), the class code, the trainees' names —
 * never an ID number or a phone. Kept on the case's list entry, lower-cased.
 */
export function searchTextOf(c: Pick<CaseRecord, 'institution' | 'institutionName' | 'class' | 'documents'>): string {
  const classCodes = c.documents.map((d) => d.fields.classCode?.value).filter((v): v is string => typeof v === 'string');
  const names = c.documents.flatMap((d) => d.tables?.trainees ?? []).map((r) => r.name?.value).filter((v): v is string => typeof v === 'string' && v !== '');
  return [...new Set([c.institution, c.institutionName ?? '', c.class?.code ?? '', ...classCodes, ...names].filter(Boolean))].join(' ').toLowerCase();
}

export async function readCase(store: Pick<CaseStore, 'getCase'>, caseId: string): Promise<CaseRecord | null> {
  const stored = await store.getCase(caseId);
  return stored ? currentCase(stored) : null;
}

/** How many cases are read at once when many are wanted (the 台账, the 公示): enough to hide latency, not a flood. */
const READ_CONCURRENCY = 16;

/** Whole cases for a list of ids, in its order (missing ones left out), read a few at a time. */
export async function readCases(store: Pick<CaseStore, 'getCase'>, caseIds: string[]): Promise<CaseRecord[]> {
  const out: (CaseRecord | null)[] = new Array(caseIds.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < caseIds.length) {
      const i = next++;
      out[i] = await readCase(store, caseIds[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, caseIds.length) }, worker));
  return out.filter((c): c is CaseRecord => c !== null);
}

/** Every case of some jurisdictions, newest first, filtered by a summary test before the whole case is read. */
export async function casesOf(
  store: Pick<CaseStore, 'getCase' | 'listCases'>,
  jurisdictions: readonly Jurisdiction[],
  keep: (summary: Awaited<ReturnType<CaseStore['listCases']>>[number]) => boolean = () => true,
  limit?: number,
): Promise<CaseRecord[]> {
  const lists = await Promise.all(jurisdictions.map((jurisdiction) => store.listCases({ jurisdiction, ...(limit ? { limit } : {}) })));
  return readCases(store, lists.flat().filter(keep).map((c) => c.caseId));
}
