// The catalogue `intake rules` prints: every rule of every pack, with its source clause.
import { Jurisdiction } from "../domain/schemas.js";
import { resolvePack } from "./pack.js";
export function listRules(only) {
    const byId = new Map();
    for (const city of only ? [only] : Jurisdiction.options) {
        for (const r of resolvePack(city).rules) {
            const entry = byId.get(r.id);
            if (entry) {
                entry.appliesIn.push(city);
                continue;
            }
            byId.set(r.id, {
                id: r.id,
                jurisdiction: r.jurisdiction,
                appliesIn: [city],
                title: r.title,
                submissionTypes: r.submissionTypes,
                check: r.check,
                source: r.source,
                parameters: r.params,
                outcome: r.outcome,
                severity: r.severity,
            });
        }
    }
    return [...byId.values()];
}
//# sourceMappingURL=catalogue.js.map