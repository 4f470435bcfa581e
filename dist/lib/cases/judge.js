import { evaluate } from "../rules/evaluate.js";
import { changesOf, classCodeOf, classKeyOf, enrolledIn, institutionKeyOf, ledgerWrites, withoutCase } from "../rules/history.js";
import { decide } from "./decide.js";
export const MAX_ATTEMPTS = 8;
export async function judge(store, input, onRetry) {
    const { pack, caseId, jurisdiction, institution, submissionType, extraction, facts, receivedOn } = input;
    const personKeys = input.personKeys ?? {};
    const classCode = classCodeOf(extraction.documents);
    const keys = {
        persons: [...new Set([...Object.values(personKeys), ...(input.previousPersons ?? [])])],
        classKey: classCode ? classKeyOf(jurisdiction, institution, classCode) : null,
        institutionKey: institutionKeyOf(jurisdiction, institution),
    };
    for (let attempt = 1;; attempt++) {
        const snapshot = await store.loadHistory(keys);
        const history = withoutCase(snapshot.history, caseId);
        const evaluation = evaluate(pack, { jurisdiction, submissionType, extraction, facts, receivedOn, institution, history, ...(input.personKeys ? { personKeys } : {}) });
        const findings = [...input.before, ...evaluation.findings];
        const outcome = input.override ?? decide(findings);
        const refused = new Set(evaluation.refusedPersons);
        const changes = changesOf({
            caseId, jurisdiction, institution, submissionType, outcome, documents: extraction.documents, receivedOn, at: input.at,
            // Trainees a finding refuses (a fourth subsidy, an overlapping class) hold no place in the ledgers.
            personKeys: Object.fromEntries(Object.entries(personKeys).filter(([, k]) => !refused.has(k))),
            ...(pack.agreement ? { agreement: pack.agreement } : {}),
            enrolled: enrolledIn(extraction.documents, history),
        });
        // A trainee this case no longer holds a place for (refused, or an ID number corrected away) is taken out.
        for (const k of input.previousPersons ?? [])
            changes.persons[k] ??= [];
        if ((await store.commitHistory(keys, snapshot.versions, ledgerWrites(snapshot.history, caseId, changes))) === 'committed') {
            return { findings, passed: evaluation.passed, outcome, keys, attempts: attempt };
        }
        if (attempt >= MAX_ATTEMPTS)
            throw new Error(`the cross-case ledgers of case ${caseId} kept changing; the event will be retried`);
        onRetry?.(attempt);
    }
}
//# sourceMappingURL=judge.js.map