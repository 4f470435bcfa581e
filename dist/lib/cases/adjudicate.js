import { rosterIdNumbers } from "../identity/person-key.js";
import { resolvePack } from "../rules/pack.js";
import { decide } from "./decide.js";
import { judge } from "./judge.js";
async function keysOf(personKeys, documents) {
    const keys = {};
    if (personKeys)
        for (const id of rosterIdNumbers(documents))
            keys[id] = await personKeys.key(id);
    return keys;
}
/** The institution as its documents name it (an application's 机构名称), else the reading of the packet's text. */
export function institutionNameOf(extraction, fallback = null) {
    const named = extraction.documents.find((d) => typeof d.fields.institutionName?.value === 'string' && d.fields.institutionName.value);
    const guess = extraction.institutionGuess?.value;
    return named?.fields.institutionName?.value ?? (typeof guess === 'string' && guess ? guess : fallback);
}
export async function adjudicate(deps, input) {
    const { subject, extraction } = input;
    const pack = resolvePack(subject.jurisdiction);
    const institutionName = institutionNameOf(extraction, input.institutionName ?? null);
    const personKeys = await keysOf(deps.personKeys, extraction.documents);
    if (input.rulesApply === false) {
        return { pack, findings: input.before, passed: [], outcome: input.override ?? decide(input.before), persons: Object.values(personKeys), institutionName };
    }
    const previousPersons = input.previousDocuments ? Object.values(await keysOf(deps.personKeys, input.previousDocuments)) : undefined;
    const judgement = await judge(deps.cases, {
        pack, ...subject, extraction, at: input.at.toISOString(), before: input.before,
        ...(deps.personKeys ? { personKeys } : {}),
        ...(previousPersons ? { previousPersons } : {}),
        ...(input.override ? { override: input.override } : {}),
    }, (attempt) => deps.log?.('cross-case ledgers moved, judging again', { caseId: subject.caseId, attempt }));
    return { pack, findings: judgement.findings, passed: judgement.passed, outcome: judgement.outcome, persons: judgement.keys.persons, institutionName };
}
/** The audit trail's record of a judgement and the notice that told it, by whoever asked for it. */
export function adjudicationAudit(actor, at, adjudication, notice, extra = {}) {
    const when = at.toISOString();
    const revision = extra.revision !== undefined ? { revision: extra.revision } : {};
    return [
        { at: when, actor, action: 'validated', detail: { ...revision, rulesPassed: adjudication.passed, findings: adjudication.findings.map((f) => f.ruleId), outcome: adjudication.outcome } },
        {
            at: when, actor, action: 'notice-issued',
            detail: { ...revision, key: notice.key, sha256: notice.sha256, ...(extra.alsoIssued ? { alsoIssued: extra.alsoIssued } : {}), ...('supersedes' in extra ? { supersedes: extra.supersedes } : {}) },
        },
    ];
}
//# sourceMappingURL=adjudicate.js.map