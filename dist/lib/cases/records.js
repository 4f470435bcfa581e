// Cases as the use cases read them: the stored record with the reviewers' corrections applied over the
// documents as read (the values read stay stored beside them, lib/domain/corrections.ts).
import { applyCorrections } from "../domain/corrections.js";
export function currentCase(stored) {
    return stored.corrections?.length ? { ...stored, documents: applyCorrections(stored.documents, stored.corrections) } : stored;
}
export async function readCase(store, caseId) {
    const stored = await store.getCase(caseId);
    return stored ? currentCase(stored) : null;
}
/** How many cases are read at once when many are wanted (the 台账, the 公示): enough to hide latency, not a flood. */
const READ_CONCURRENCY = 16;
/** Whole cases for a list of ids, in its order (missing ones left out), read a few at a time. */
export async function readCases(store, caseIds) {
    const out = new Array(caseIds.length).fill(null);
    let next = 0;
    const worker = async () => {
        while (next < caseIds.length) {
            const i = next++;
            out[i] = await readCase(store, caseIds[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, caseIds.length) }, worker));
    return out.filter((c) => c !== null);
}
/** Every case of some jurisdictions, newest first, filtered by a summary test before the whole case is read. */
export async function casesOf(store, jurisdictions, keep = () => true, limit) {
    const lists = await Promise.all(jurisdictions.map((jurisdiction) => store.listCases({ jurisdiction, ...(limit ? { limit } : {}) })));
    return readCases(store, lists.flat().filter(keep).map((c) => c.caseId));
}
//# sourceMappingURL=records.js.map