// The bureau's registry of institutions: standing (active, suspended, exited) and agreement term, kept in
// the institution's ledger so that every packet's judgement reads it in the same consistent snapshot.
import { ledgerWrites } from "../rules/history.js";
const MAX_ATTEMPTS = 10;
/** A bureau's decision on an institution (suspend, exit, reinstate, or the agreement's term), written under its ledger's version. */
export async function setStanding(store, institutionKey, change) {
    const keys = { persons: [], classKey: null, institutionKey };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const snap = await store.loadHistory(keys);
        const standing = change(snap.history.institution.standing);
        const writes = ledgerWrites(snap.history, `standing:${standing.at}`, { ...emptyChanges(), standing });
        if ((await store.commitHistory(keys, snap.versions, writes)) === 'committed')
            return standing;
    }
    throw new Error(`the standing of ${institutionKey} kept changing; try again`);
}
const emptyChanges = () => ({ persons: {}, klass: null, filing: null, attendance: [], standing: null });
//# sourceMappingURL=registry.js.map