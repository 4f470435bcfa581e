// What a city's pack carries out beyond its rules (issue 21's coverage table credits them by the catalogue
// entries each section names): how long its records are kept, what its class archive holds, how its 公示
// runs, how long an agreement lasts. Each test names the entries it shows working.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classFileOf } from '../../lib/cases/class-file.ts';
import { publicityPeriod, publicityRows } from '../../lib/cases/publicity.ts';
import type { CaseRecord, DocumentType, Jurisdiction } from '../../lib/domain/schemas.ts';
import { agreementTerm } from '../../lib/rules/history.ts';
import { loadPackFile, PACK_IDS, packSections, resolvePack } from '../../lib/rules/pack.ts';
import { retentionFor } from '../../lib/rules/retention.ts';

const v = (value: string | number) => ({ value });
function caseWith(jurisdiction: Jurisdiction, submissionType: CaseRecord['submissionType'], types: DocumentType[], n = 1): CaseRecord {
  return {
    caseId: `${jurisdiction}-${submissionType}-${n}`, caseNumber: `${jurisdiction}-${n}`, jurisdiction, submissionType, institution: 'inst-1', institutionName: '测试职业培训学校', packet: 'p',
    outcome: 'accepted', status: 'decided', uploads: [], findings: [], pdfs: [], pageCount: 1, createdAt: '2026-03-01T02:00:00Z', receivedOn: '2026-03-01',
    documents: types.map((type) => ({ type, pages: [1], confidence: 1, fields: { classCode: v('C-1') } })),
  };
}
const archiveOf = (j: Jurisdiction, cases: CaseRecord[]) => classFileOf(j, 'inst-1', 'C-1', cases.map((c) => ({ submissionType: c.submissionType, caseId: c.caseId })), cases, 'opened').archive;

describe('archive periods (S3 lifecycle rules by city)', () => {
  it('LC-ARCH-10Y: Liaocheng keeps a class\'s records ten years', () => expect(retentionFor('liaocheng').years).toBe(10));
  it('HZ-ARCH-DOSSIER-5Y and HZ-ARCH-ONLINE-ASSESSMENT: Heze five years', () => expect(retentionFor('heze').years).toBe(5));
  it('SX-ARCH-LEDGER-3Y: Shaoxing three years', () => expect(retentionFor('shaoxing').years).toBe(3));
  it('QD-ARCH-LEDGER-3Y-VIDEO-2Y: Qidong three years, its class videos two', () => expect(retentionFor('qidong')).toMatchObject({ years: 3, videoYears: 2 }));
});

describe('the class archive (一班一档): what it still lacks, by the city\'s list', () => {
  it('SD-ARCH-CONTENTS and ZB-ARCH-CONTENTS: a Zibo class opened without its sign-in records or claim lacks them (DB37/T 4498 7.2.3)', () => {
    const a = archiveOf('zibo', [caseWith('zibo', 'class-opening', ['class-opening-application', 'roster', 'schedule'])]);
    expect(a.source?.section).toContain('7.2.3');
    expect(a.missing.length).toBeGreaterThan(0);
    const full = archiveOf('zibo', [caseWith('zibo', 'class-opening', ['class-opening-application', 'roster', 'schedule', 'teacher-list']), caseWith('zibo', 'attendance', ['sign-in-sheet', 'video-record'], 2), caseWith('zibo', 'subsidy-claim', ['subsidy-claim-application', 'roster', 'certificate-copy', 'proxy-agreement', 'id-card-copy'], 3)]);
    expect(full.missing.length).toBeLessThan(a.missing.length);
  });
  it('HZ-ARCH-DOSSIER-5Y: a Heze class without its 代为申领职业培训补贴协议书 and 培训合格证书 copies is told so', () => {
    const a = archiveOf('heze', [caseWith('heze', 'class-opening', ['class-opening-application', 'roster', 'schedule'])]);
    expect(a.missing.join('、')).toContain('培训合格证书复印件');
  });
  it('SX-ARCH-LEDGER-3Y: a Shaoxing class without its lesson videos lacks 理论课全程视频资料', () => {
    const a = archiveOf('shaoxing', [caseWith('shaoxing', 'class-opening', ['class-opening-application', 'roster', 'schedule', 'teacher-list'])]);
    expect(a.missing.join('、')).toMatch(/视频/);
    expect(archiveOf('shaoxing', [caseWith('shaoxing', 'class-opening', ['class-opening-application', 'roster', 'schedule', 'teacher-list', 'video-record', 'sign-in-sheet', 'id-card-copy'])]).missing.join('、')).not.toMatch(/视频/);
  });
  it('QD-ARCH-LEDGER-3Y-VIDEO-2Y: a Qidong class lacks its 培训视频 and 教学反馈 until they come', () => {
    const a = archiveOf('qidong', [caseWith('qidong', 'class-opening', ['class-opening-application', 'roster'])]);
    expect(a.missing).toEqual(expect.arrayContaining(['培训视频', '教学反馈']));
  });
});

describe('the 公示 of subsidies', () => {
  it('LC-PUB-SUBSIDY-5WD: Liaocheng publishes for 5 working days (a Friday start ends the next Thursday)', () => {
    const days = resolvePack('liaocheng').publicity?.workingDays ?? null;
    expect(days).toBe(5);
    expect(publicityPeriod('2026-03-06', days)).toEqual({ from: '2026-03-06', to: '2026-03-12', workingDays: 5 });
  });
  it('HZ-PUB-SUBSIDY-LIST and QD-PUB-CLAIM-FEES-ADS: unit, name, ID with digits hidden, amount and specialty — of accepted claims only, before payment', () => {
    const claim = (outcome: CaseRecord['outcome']): CaseRecord => ({
      ...caseWith('heze', 'subsidy-claim', []), outcome,
      documents: [
        { type: 'subsidy-claim-application', pages: [1], confidence: 1, fields: { occupation: v('电工'), level: v('四级'), amount: v(2400) } },
        { type: 'roster', pages: [2], confidence: 1, fields: {}, tables: { trainees: [{ seq: v(1), name: v('张伟'), idNumber: v('11010519491231002X') }, { seq: v(2), name: v('李娜'), idNumber: v('440524188001010014') }] } },
      ],
    });
    const rows = publicityRows([claim('accepted'), { ...claim('rejected'), caseId: 'x', caseNumber: 'x' }]);
    expect(rows).toEqual([
      { unit: '测试职业培训学校', name: '张伟', idMasked: '110105********002X', occupation: '电工（四级）', amount: 1200, caseNumber: 'heze-1' },
      { unit: '测试职业培训学校', name: '李娜', idMasked: '440524********0014', occupation: '电工（四级）', amount: 1200, caseNumber: 'heze-1' },
    ]);
  });
});

describe('agreement terms', () => {
  it('QD-QUAL-AGREEMENT-TERM: a Qidong agreement runs two years from the filing accepted', () => {
    expect(agreementTerm('2026-03-01', resolvePack('qidong').agreement)).toEqual({ start: '2026-03-01', end: '2028-02-29' });
  });
  it('ZB-QUAL-AGREEMENT-VALIDITY: a Zibo agreement to 31 December of its year', () => {
    expect(agreementTerm('2026-03-01', resolvePack('zibo').agreement)).toEqual({ start: '2026-03-01', end: '2026-12-31' });
  });
});

describe('pack sections name catalogue entries as rules do', () => {
  it('every section that names entries names them in the catalogue\'s form; a section may name none', () => {
    const sections = PACK_IDS.flatMap((id) => packSections(loadPackFile(id)!));
    expect(sections.map((s) => s.id)).toContain('liaocheng.ledger');
    for (const s of sections) for (const id of s.implements) expect(id, s.id).toMatch(/^[A-Z]{2}(-[A-Z0-9]+)+$/);
  });

  it('every section quotes its seed verbatim (white space aside), as rules do', () => {
    const squash = (t: string) => t.replace(/\s+/g, '');
    for (const id of PACK_IDS) {
      const pack = loadPackFile(id)!;
      for (const name of ['retention', 'archive', 'publicity', 'agreement', 'exit', 'ledger', 'complaints', 'registration'] as const) {
        const source = (pack[name] as { source?: { file: string; quote: string } } | undefined)?.source;
        if (!source) continue;
        const seed = readFileSync(new URL(`../../lib/jurisdictions/sources/${source.file}`, import.meta.url), 'utf8');
        expect(squash(seed), `${id}.${name}`).toContain(squash(source.quote));
      }
    }
  });
});
