// The responses' size and rendering time (issue 5: each notice ≤ 150 KB and rendered in ≤ 200 ms):
// every kind the system issues, rendered ROUNDS times after one warm-up, median and worst → bench/RENDER.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Finding } from '../lib/domain/schemas.ts';
import { publicityPeriod } from '../lib/cases/publicity.ts';
import { renderAgreement } from '../lib/render/agreement.ts';
import { renderBlankForm, templateFor } from '../lib/render/forms.ts';
import { NOTICE_TITLES, noticeTitle, renderNotice, type NoticeKind } from '../lib/render/notice.ts';
import { renderPublicity } from '../lib/render/publicity.ts';
import { stampReceivedPacket } from '../lib/render/received.ts';
import { renderRegistration } from '../lib/render/registration.ts';
import { resolvePack } from '../lib/rules/pack.ts';

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 20;
const sx = resolvePack('shaoxing');
const finding = (i: number): Finding => ({
  ruleId: `SX-OPEN-DOCS-${i}`, severity: 'error', outcome: 'SUPPLEMENT_ONCE', message: `缺少第${i}项材料，请补正。`,
  source: { file: '002_eaa3f98e07178ada.txt', section: '附件1 办班申请材料清单', quote: '5.绍兴市职业培训办班合同一式三份' },
});
const sample = readFileSync(new URL('../local/samples/shaoxing-class-opening-complete.pdf', import.meta.url));

const cases: [string, () => Promise<Uint8Array>][] = [
  ...(Object.keys(NOTICE_TITLES) as NoticeKind[]).map((kind): [string, () => Promise<Uint8Array>] => [
    `notice: ${noticeTitle(kind, sx.issuer.name)} (${kind === 'acceptance' ? 0 : 8} findings)`,
    () => renderNotice({ kind, issuer: sx.issuer, caseNumber: 'SX-2026-BENCH00000', institutionName: '基准测试职业培训学校', subject: '电工（四级）1期培训班开班申请', findings: kind === 'acceptance' ? [] : Array.from({ length: 8 }, (_, i) => finding(i + 1)), date: '2026-11-22', verificationCode: 'K7P2M9QX3A' }),
  ]),
  ['公示 list, 200 trainees', () => {
    const lc = resolvePack('liaocheng');
    const rows = Array.from({ length: 200 }, (_, i) => ({ unit: '聊城市东昌府区测试职业培训学校', name: `学员${i + 1}`, idMasked: '110105********002X', occupation: '电工（四级）', amount: 1000, caseNumber: 'LC-2026-9D962KFZTG' }));
    return renderPublicity({ issuer: lc.issuer, cityName: lc.name, date: '2026-11-20', period: publicityPeriod('2026-11-20', 5), rows, basis: lc.publicity!.source.quote });
  }],
  ['agreement: Qidong 附件2', () => renderAgreement({ jurisdiction: 'qidong', partyA: '', partyB: '启东市华东职业培训学校', projects: ['电工（四级）'], start: '2026-11-22', end: '2028-11-21', caseNumber: 'QD-2026-BENCH00000' })],
  ['agreement: Zibo 附件3', () => renderAgreement({ jurisdiction: 'zibo', partyA: '淄博市公共就业和人才服务中心', partyB: '淄博市测试职业培训学校', projects: [], start: '2026-11-22', end: '2026-12-31', caseNumber: 'ZB-2026-BENCH00000' })],
  ['registration table: Zibo 附件4', () => renderRegistration({ year: 2026, district: '', date: '2026-11-22', rows: [{ institutionName: '淄博市测试职业培训学校', category: '就业技能培训', occupation: '电工', address: '淄博市张店区', phone: '0533-2123456', contact: '刘强', remark: '' }] })],
  ['blank form: Shaoxing 附件3 签到表', () => renderBlankForm(templateFor('shaoxing', 'sign-in-sheet'))],
  [`received packet stamped (12 scanned pages, ${(sample.byteLength / 1048576).toFixed(1)} MB)`, async () => (await stampReceivedPacket([{ name: 'p.pdf', bytes: sample }], { issuer: sx.issuer.name, caseNumber: 'SX-2026-BENCH00000', date: '2026-11-22' })).pdf],
];

const lines = [
  '# Rendering the responses',
  '',
  `\`npm run bench:render\` on ${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), Node ${process.version}; ${ROUNDS} rounds after one warm-up. Target (issue 5): a notice ≤ 150 KB, rendered in ≤ 200 ms.`,
  '',
  '| response | KB | median ms | worst ms |',
  '|---|---:|---:|---:|',
];
for (const [name, render] of cases) {
  const bytes = await render();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await render();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const row = `| ${name} | ${(bytes.byteLength / 1024).toFixed(0)} | ${times[Math.floor(times.length / 2)]!.toFixed(0)} | ${times.at(-1)!.toFixed(0)} |`;
  console.log(row);
  lines.push(row);
}
writeFileSync(new URL('./RENDER.md', import.meta.url), lines.join('\n') + '\n');
