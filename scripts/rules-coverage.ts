// npm run rules:coverage → docs/RULES-COVERAGE.md (lib/rules/coverage.ts says what it holds).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { catalogueEntries, coverageMarkdown } from '../lib/rules/coverage.ts';
import { loadPackFile, PACK_IDS, packSections } from '../lib/rules/pack.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The test files that name a rule id (what evaluates it). */
export function testIndex(): (ruleId: string) => string[] {
  const files: [string, string][] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else if (f.name.endsWith('.test.ts')) files.push([path.relative(ROOT, p), readFileSync(p, 'utf8')]);
    }
  };
  walk(path.join(ROOT, 'test'));
  return (id) => files.filter(([, text]) => new RegExp(`${id}(?![A-Z0-9-])`).test(text)).map(([f]) => f);
}

export function currentCoverage(): string {
  const packs = PACK_IDS.flatMap((id) => loadPackFile(id) ?? []);
  const rules = packs.flatMap((p) => p.rules);
  return coverageMarkdown(catalogueEntries(readFileSync(path.join(ROOT, 'lib/jurisdictions/sources/RULES.md'), 'utf8')), rules, testIndex(), packs.flatMap(packSections));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  writeFileSync(path.join(ROOT, 'docs/RULES-COVERAGE.md'), currentCoverage());
  process.stdout.write('docs/RULES-COVERAGE.md written\n');
}
