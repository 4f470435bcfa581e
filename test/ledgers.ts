// What the bureau's records already hold before a test's packet comes: the institution on the registry
// (as `intake institutions import` puts it there) and a class opened with its roster (what an accepted
// opening commits) — written by the product's own functions (setStanding, changesOf, ledgerWrites), so
// tests about one rule start from the state the class file's rules expect.
import type { ExtractedDocument, Jurisdiction } from '../lib/domain/schemas.ts';
import type { CaseStore } from '../lib/cases/ports.ts';
import { setStanding } from '../lib/cases/registry.ts';
import { changesOf, classKeyOf, institutionKeyOf, ledgerWrites } from '../lib/rules/history.ts';

type Ledgers = Pick<CaseStore, 'loadHistory' | 'commitHistory'>;

/** The institution is on the registry, active (unless it has a standing already); named there only when a name is given. */
export async function onRegistry(store: Ledgers, city: Jurisdiction, institution: string, name?: string): Promise<void> {
  await setStanding(store, institutionKeyOf(city, institution), (s) => s ?? { status: 'active', ...(name ? { name } : {}), by: 'bureau:import', at: '2026-01-01T00:00:00.000Z' });
}

/**
 * The class has an accepted opening whose roster holds these trainees (ID number → keyed hash), received
 * `receivedOn`; trainees not on it yet are added under the same opening.
 */
export async function openedClass(
  store: Ledgers,
  o: { city: Jurisdiction; institution: string; classCode: string; personKeys: Record<string, string>; receivedOn: string },
): Promise<void> {
  const classKey = classKeyOf(o.city, o.institution, o.classCode);
  const keys = { persons: Object.values(o.personKeys), classKey, institutionKey: institutionKeyOf(o.city, o.institution) };
  for (let attempt = 0; attempt < 5; attempt++) {
    const snap = await store.loadHistory(keys);
    const opening = snap.history.klass.find((c) => c.submissionType === 'class-opening' && c.outcome === 'accepted');
    const missing = Object.values(o.personKeys).filter((k) => !(snap.history.persons[k] ?? []).some((e) => e.kind === 'enrolment' && e.classKey === classKey));
    if (opening && missing.length === 0) return;
    const caseId = opening?.caseId ?? `${o.city}-opening-${o.classCode}`;
    const at = new Date(Date.parse(`${o.receivedOn}T02:00:00Z`)).toISOString();
    const ids = Object.keys(o.personKeys);
    const documents: ExtractedDocument[] = [
      { type: 'class-opening-application', pages: [1], confidence: 1, fields: { classCode: { value: o.classCode } } },
      { type: 'roster', pages: [2], confidence: 1, fields: {}, tables: { trainees: ids.map((id, i) => ({ seq: { value: i + 1 }, idNumber: { value: id } })) } },
    ];
    const changes = changesOf({ caseId, jurisdiction: o.city, institution: o.institution, submissionType: 'class-opening', outcome: 'accepted', receivedOn: o.receivedOn, at, personKeys: o.personKeys, documents });
    if ((await store.commitHistory(keys, snap.versions, ledgerWrites(snap.history, caseId, changes))) === 'committed') return;
  }
  throw new Error(`could not open class ${o.classCode} for the test`);
}

/** The class's 结业考核申请 accepted (DB37/T 4498 6.5.2), as an assessment case commits it: what a Shandong city's claim asks for first. */
export async function assessedClass(store: Ledgers, o: { city: Jurisdiction; institution: string; classCode: string; receivedOn: string }): Promise<void> {
  const keys = { persons: [], classKey: classKeyOf(o.city, o.institution, o.classCode), institutionKey: institutionKeyOf(o.city, o.institution) };
  for (let attempt = 0; attempt < 5; attempt++) {
    const snap = await store.loadHistory(keys);
    const caseId = `${o.city}-assessment-${o.classCode}`;
    const documents: ExtractedDocument[] = [{ type: 'assessment-application-form', pages: [1], confidence: 1, fields: { classCode: { value: o.classCode } } }];
    const changes = changesOf({ caseId, jurisdiction: o.city, institution: o.institution, submissionType: 'assessment-application', outcome: 'accepted', receivedOn: o.receivedOn, at: `${o.receivedOn}T02:00:00.000Z`, personKeys: {}, documents });
    if ((await store.commitHistory(keys, snap.versions, ledgerWrites(snap.history, caseId, changes))) === 'committed') return;
  }
  throw new Error(`could not record the assessment of class ${o.classCode} for the test`);
}
