// The catalogue `intake rules` prints: every rule of every pack, with its source clause.
import { Jurisdiction, type Jurisdiction as J } from '../domain/schemas.ts';
import { resolvePack, type PackId, type PackRule } from './pack.ts';

export interface CatalogueEntry {
  id: string;
  jurisdiction: PackId;
  /** The cities that apply it (a Shandong rule applies in Zibo, Liaocheng and Heze). */
  appliesIn: J[];
  title: string;
  submissionTypes: PackRule['submissionTypes'];
  check: PackRule['check'];
  source: PackRule['source'];
  parameters: PackRule['params'];
  outcome: PackRule['outcome'];
  severity: PackRule['severity'];
}

export function listRules(only?: J): CatalogueEntry[] {
  const byId = new Map<string, CatalogueEntry>();
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
