// The class's dossier as one archive (CONTRACT `intake class … --dossier`): every file its cases were
// uploaded with and every PDF issued on them, by case in the order received, under an index page that
// marks the items of the city's archive list still missing.
import { renderDossierIndex } from '../render/dossier-index.ts';
import { OUTCOME_LABEL_ZH } from './decide.ts';
import { classFile, type ClassFile } from './class-file.ts';
import { recordedVersion } from './pages.ts';
import { ObjectChangedError, type CaseStore, type ObjectStore } from './ports.ts';
import { readCases } from './records.ts';
import type { Jurisdiction, SubmissionType } from '../domain/schemas.ts';

const TYPE_ZH: Record<SubmissionType, string> = {
  'institution-filing': '机构备案', 'class-opening': '开班申请', 'change-request': '变更申请', attendance: '签到考勤', 'assessment-application': '考核申请', 'subsidy-claim': '补贴申领', inspection: '监督检查', complaint: '投诉举报',
};

const safe = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');

export async function classDossier(
  store: Pick<CaseStore, 'loadHistory' | 'getCase'>,
  objects: Pick<ObjectStore, 'get'>,
  where: { jurisdiction: Jurisdiction; institution: string; classCode: string },
  date: string,
): Promise<{ zip: Uint8Array; file: ClassFile; files: string[] }> {
  const { default: JSZip } = await import('jszip');
  const file = await classFile(store, where.jurisdiction, where.institution, where.classCode);
  const cases = await readCases(store, file.cases.map((c) => c.caseId));
  const zip = new JSZip();
  const files: string[] = [];
  const perCase: number[] = [];
  for (const [n, c] of cases.entries()) {
    const folder = `${String(n + 1).padStart(2, '0')}-${c.receivedOn ?? c.createdAt.slice(0, 10)}-${TYPE_ZH[c.submissionType]}-${safe(c.caseNumber)}`;
    let count = 0;
    for (const u of c.uploads) {
      const name = `${folder}/材料/${safe(u.key.split('/').slice(4).join('_') || u.key)}`;
      try {
        zip.file(name, (await objects.get(u.bucket, u.key, { version: recordedVersion(u) })).bytes);
      } catch (e) {
        if (!(e instanceof ObjectChangedError)) throw e;
        // Never another file under the case's name: the archive says what is missing and why.
        zip.file(`${name}.已被覆盖.txt`, `该文件在受理后被同名文件覆盖，原件（ETag ${u.etag}）已无法取得。\n`);
      }
      files.push(name);
      count++;
    }
    for (const p of c.pdfs) {
      const name = `${folder}/文书/${safe(p.key.split('/').pop() ?? p.key)}`;
      zip.file(name, (await objects.get(p.bucket, p.key)).bytes);
      files.push(name);
      count++;
    }
    perCase.push(count);
  }
  const index = await renderDossierIndex({
    title: `培训班档案目录（${file.classCode}）`,
    about: [`培训班：${file.className ?? '—'}（班级编号 ${file.classCode}）`, `培训机构：${file.institution}（${file.jurisdiction}）`, `状态：${file.status}；学员${file.trainees.length}人`],
    archive: { basis: file.archive.source ? `${file.archive.source.section}：「${file.archive.source.quote}」` : null, items: file.archive.items },
    cases: cases.map((c, i) => ({ date: c.receivedOn ?? c.createdAt.slice(0, 10), caseId: c.caseNumber, type: TYPE_ZH[c.submissionType], outcome: OUTCOME_LABEL_ZH[c.outcome], files: perCase[i]! })),
    files,
    date,
  });
  zip.file('00-档案目录.pdf', index);
  // Fixed dates: the same class gives the same archive bytes.
  const fixed = new Date(`${date}T00:00:00Z`);
  zip.forEach((_p, f) => void (f.date = fixed));
  return { zip: await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }), file, files: ['00-档案目录.pdf', ...files] };
}
