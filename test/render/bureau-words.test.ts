// Everything issued in a bureau's name reads as the bureau's own (issue 19): every notice of every city,
// carrying every clause its rules can cite, the agreements, the registration table, the 公示 list and the
// 收件 stamp have no Latin letters but the case number, the verification code, the verify URL and the
// codes of cited standards (DB37/T 4498-2022) — no rule ids, no English, no seed file names. A seed's own
// Latin letters in a verbatim quote (a unit, an app's name) stay as the seed has them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { issueNotice } from '../../lib/cases/notice.ts';
import { LOCAL_NAMES, VERIFY_URL } from '../../lib/config.ts';
import { Jurisdiction, type CaseOutcome, type Finding, type RuleOutcome } from '../../lib/domain/schemas.ts';
import { AGREEMENT_JURISDICTIONS, renderAgreement } from '../../lib/render/agreement.ts';
import { renderPublicity } from '../../lib/render/publicity.ts';
import { stampReceivedPacket } from '../../lib/render/received.ts';
import { renderRegistration } from '../../lib/render/registration.ts';
import { resolvePack } from '../../lib/rules/pack.ts';
import { MemoryCaseStore, MemoryObjectStore } from '../memory-stores.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'intake-words-'));
function words(bytes: Uint8Array): string {
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

/** What is left after the tokens a bureau's paper may carry in Latin letters. */
function latinLeft(text: string, allowed: (string | RegExp)[]): string[] {
  let t = text;
  // The seeds' own words, quoted verbatim: DB37/T 4498 5.1's "300 m²", Qidong 附件2's "智慧人社 APP".
  const quoted = [/\d\s*m²/g, /智慧人社\s*APP/g];
  for (const a of [...allowed, ...quoted, new RegExp(VERIFY_URL.replace(/[.?*+^$()[\]{}|\\/]/g, '\\$&') + '(\\?code=\\w+)?', 'g'), /\b(?:DB\d+\/T|GB\/T)\s*[\d.\-]+/g]) {
    t = typeof a === 'string' ? t.split(a).join('') : t.replace(a, '');
  }
  return t.match(/[A-Za-z][A-Za-z\d_.\-]*/g) ?? [];
}

/** The notice a rule's outcome leads to. */
const OUTCOME_OF: Record<RuleOutcome, CaseOutcome | null> = {
  SUPPLEMENT_ONCE: 'supplement-required', RESCAN: 'supplement-required', RETURN: 'rejected', REJECT: 'rejected', LATE_REJECT: 'rejected', NO_SUBSIDY: 'rejected',
  WARNING: 'warning', HOURS_INVALID: 'warning', EXIT: 'warning', DISQUALIFY: 'rejected', FLAG: null,
};

/** A rule's message with its blanks filled as the evaluator fills them, in Chinese. */
const filled = (message: string) => message.replace(/\{(\w+)\}/g, '第3行张伟');

describe('what goes out in a bureau\'s name', () => {
  for (const j of Jurisdiction.options) {
    it(`${j}: every notice, citing every clause its rules can cite, has no Latin letters but the case number, code and URL`, async () => {
      const pack = resolvePack(j);
      const objects = new MemoryObjectStore();
      const cases = new MemoryCaseStore();
      const caseId = `${j === 'qidong' ? 'QD' : 'XX'}-2026-7F3K9QAB9C`;
      const byOutcome = new Map<CaseOutcome, Finding[]>();
      for (const r of pack.rules) {
        const outcome = OUTCOME_OF[r.outcome];
        if (!outcome) continue;
        const f: Finding = { ruleId: r.id, severity: r.severity, outcome: r.outcome, message: filled(r.message), detail: 'English diagnostics stay on the case', source: r.source };
        byOutcome.set(outcome, [...(byOutcome.get(outcome) ?? []), f]);
      }
      byOutcome.set('accepted', []);
      expect(byOutcome.size).toBeGreaterThanOrEqual(3);
      for (const [outcome, findings] of byOutcome) {
        const issued = await issueNotice({ objects, names: LOCAL_NAMES, cases }, {
          pack, caseId, jurisdiction: j, submissionType: 'class-opening', institution: 'inst-1', institutionName: '测试市职业技能培训学校',
          documents: [], findings, outcome, date: '2026-12-07', receivedOn: '2026-12-01',
        });
        const text = words((await objects.get(issued.bucket, issued.key)).bytes);
        expect(text.replace(/\s+/g, '')).toContain(pack.issuer.name);
        expect(latinLeft(text, [caseId, issued.verificationCode!]), `${j} ${outcome}`).toEqual([]);
        for (const f of findings) expect(text, `${j} ${outcome}`).not.toContain(f.ruleId);
        // In reading order: the title, then the institution addressed, then the issuing bureau and the date it signs.
        const flat = text.replace(/\s+/g, '');
        const at = [flat.indexOf(issued.title.replace(/\s+/g, '').replace(pack.issuer.name, '')), flat.indexOf('测试市职业技能培训学校：'), flat.lastIndexOf(pack.issuer.name), flat.lastIndexOf('2026年12月7日')];
        expect(at.every((p) => p >= 0), `${j} ${outcome} ${at}`).toBe(true);
        expect([...at].sort((a, b) => a - b), `${j} ${outcome}`).toEqual(at);
      }
    });
  }

  it('the agreements, the registration table, the 公示 list and the 收件 stamp', async () => {
    const texts: string[] = [];
    for (const j of AGREEMENT_JURISDICTIONS) {
      texts.push(words(await renderAgreement({ jurisdiction: j, partyA: resolvePack(j).issuer.name, partyB: '测试市职业技能培训学校', projects: ['电工（四级）'], start: '2026-12-07', end: '2027-12-31', caseNumber: 'ZB-2026-7F3K9QAB9C' })));
    }
    texts.push(words(await renderRegistration({ year: 2026, district: '张店区', date: '2026-12-07', rows: [{ institutionName: '测试市职业技能培训学校', category: '就业技能培训', occupation: '电工', address: '华光路1号', phone: '0533-1234567', contact: '王芳', remark: '' }] })));
    texts.push(words(await renderPublicity({
      issuer: resolvePack('heze').issuer, cityName: '菏泽市', date: '2026-12-07', period: { from: '2026-12-08', to: '2026-12-14', workingDays: 5 },
      rows: [{ unit: '测试市职业技能培训学校', name: '张伟', idMasked: '110105********002X', occupation: '电工（四级）', amount: 1200, caseNumber: 'HZ-2026-7F3K9QAB9C' }],
      basis: '补贴资金发放前，应将补贴人员名单进行公示',
    })));
    const blank = await PDFDocument.create();
    blank.addPage([595.28, 841.89]);
    const stamped = await stampReceivedPacket([{ name: 'scan.pdf', bytes: await blank.save() }], { issuer: '绍兴市人力资源和社会保障局', caseNumber: 'SX-2026-7F3K9QAB9C', date: '2026-12-07' });
    texts.push(words(stamped.pdf));
    for (const t of texts) {
      expect(t.replace(/\s+/g, '').length).toBeGreaterThan(10);
      // The ID number's masked X is the check character of the number, as printed on the card.
      expect(latinLeft(t, ['ZB-2026-7F3K9QAB9C', 'QD-2026-7F3K9QAB9C', 'HZ-2026-7F3K9QAB9C', 'SX-2026-7F3K9QAB9C', '002X'])).toEqual([]);
    }
  });
});
