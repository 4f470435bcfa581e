// The coverage table the project keeps true (issue 21): every pack rule names the catalogue entries it
// implements, every catalogue entry has its line, and docs/RULES-COVERAGE.md is what `npm run
// rules:coverage` writes today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueEntries, whyNotChecked } from '../../lib/rules/coverage.ts';
import { loadPackFile, PACK_IDS, packSections } from '../../lib/rules/pack.ts';
import { currentCoverage } from '../../scripts/rules-coverage.ts';

const root = new URL('../../', import.meta.url);
const catalogue = catalogueEntries(readFileSync(new URL('lib/jurisdictions/sources/RULES.md', root), 'utf8'));
const rules = PACK_IDS.flatMap((id) => loadPackFile(id)!.rules);
const committed = readFileSync(new URL('docs/RULES-COVERAGE.md', root), 'utf8');

describe('rule coverage', () => {
  it('reads the whole catalogue: 226 entries, each with its check type', () => {
    expect(catalogue).toHaveLength(226);
    expect(new Set(catalogue.map((e) => e.id)).size).toBe(226);
    for (const e of catalogue) expect(['AUTO', 'SEMI', 'ROUTE', 'TAG', 'MANUAL'], e.id).toContain(e.checkType);
  });

  it('every pack rule names at least one catalogue entry, and only entries that exist', () => {
    const known = new Set(catalogue.map((e) => e.id));
    for (const r of rules) {
      expect(r.implements.length, r.id).toBeGreaterThan(0);
      for (const id of r.implements) expect(known.has(id), `${r.id} implements ${id}, which RULES.md does not have`).toBe(true);
    }
    for (const s of PACK_IDS.flatMap((id) => packSections(loadPackFile(id)!))) {
      for (const id of s.implements) expect(known.has(id), `${s.id} carries out ${id}, which RULES.md does not have`).toBe(true);
    }
  });

  it('every catalogue entry has its line in docs/RULES-COVERAGE.md, and the file is current (npm run rules:coverage)', () => {
    for (const e of catalogue) expect(committed, e.id).toMatch(new RegExp(`^\\| ${e.id} \\|`, 'm'));
    expect(committed).toBe(currentCoverage());
    // Issue 21: an entry counted as checked is shown working by a test that names its rule or the entry.
    expect(committed.split('\n').filter((l) => l.includes('tests: —'))).toEqual([]);
  });

  it('an entry no rule checks says why, in the categories issue 21 names', () => {
    const entry = (checkType: string) => ({ id: 'QD-EXIT-X', title: 't', checkType, needs: 'inspection record' });
    expect(whyNotChecked(entry('MANUAL'))).toBe('needs a bureau input — what an inspection finds: inspection record');
    expect(whyNotChecked(entry('SEMI'))).toMatch(/^needs a bureau input/);
    expect(whyNotChecked(entry('ROUTE'))).toMatch(/^a bureau process the system records but does not decide/);
    expect(whyNotChecked(entry('TAG'))).toMatch(/^not decidable from documents/);
    expect(whyNotChecked(entry('AUTO'))).toMatch(/^not yet checked/);
  });
});
