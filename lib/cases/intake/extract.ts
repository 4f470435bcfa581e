// Stage 2, extract: the packet's files → documents with typed fields (lib/extract), what the upload
// declared (submission type, off-site venue, online classes), and the findings for what could not be read
// at all — the institution is asked to rescan, never left unanswered.
import { META_SUBMISSION_TYPE, RECORD_TAG } from '../../config.ts';
import { UploadableType, type Extraction, type Finding, type SubmissionType } from '../../domain/schemas.ts';
import { extractPacket } from '../../extract/index.ts';
import type { PacketFacts } from '../../rules/evaluate.ts';
import type { PipelineDeps } from './deps.ts';
import type { Packet } from './assemble.ts';

export interface ReadPacket {
  extraction: Extraction;
  submissionType: SubmissionType;
  facts: PacketFacts;
  /** Intake's findings so far: the upload's own and what could not be read. */
  findings: Finding[];
}

/** Without a declared type, what the documents are says which submission they make. */
function inferSubmissionType(extraction: Extraction): SubmissionType {
  const types = new Set(extraction.documents.map((d) => d.type));
  if (types.has('subsidy-claim-application')) return 'subsidy-claim';
  if (types.has('change-request')) return 'change-request';
  if (types.has('institution-application')) return 'institution-filing';
  if (types.has('assessment-application-form')) return 'assessment-application';
  if (types.has('sign-in-sheet') && !types.has('class-opening-application')) return 'attendance';
  return 'class-opening';
}

function flag(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  return /^(1|true|yes|y|是)$/i.test(v.trim());
}

/** What a reading problem means to the institution that sent the file. */
function problemZh(diagnostic: string): string {
  const d = diagnostic.toLowerCase();
  if (/no text found/.test(d)) return '未能识别出文字（空白、过暗或过于模糊）';
  if (/took (more|longer) than|needs more than \d+ mb/.test(d)) return '页面过于复杂，未能在规定时间内识别';
  if (/password|encrypt/.test(d)) return '设有密码，无法打开';
  if (/pixel limit/.test(d)) return '图像尺寸过大';
  if (/pages is more than/.test(d)) return '页数超过上限';
  if (/mb is more than/.test(d)) return '超过单个文件100兆字节的上限';
  if (/\bempty\b/.test(d)) return '是空文件';
  if (/cannot be decoded|cannot be read/.test(d)) return '已损坏，无法打开';
  return '不是可识别的扫描件或照片（仅接受 PDF、JPG、PNG、TIFF 格式）';
}

function unreadableFindings(extraction: Extraction): Finding[] {
  return extraction.problems
    .filter((p) => p.page === undefined || extraction.documents.length === 0)
    .map((p) => ({
      ruleId: 'INTAKE-READABLE',
      severity: 'error' as const,
      outcome: 'RESCAN' as const,
      // The notice says what the institution can act on, in its words; the reader's own diagnostic stays on the case.
      message: `文件“${p.file}”${problemZh(p.message)}，请重新扫描或拍摄清晰、完整的材料后上传。`,
      detail: p.message,
      source: { file: 'intake', section: '受理规则', quote: '无法识别的材料一律告知重新提交，不作无回应处理' },
      subject: p.file,
    }));
}

export async function extract(packet: Packet, bucket: string, deps: Pick<PipelineDeps, 'ocr' | 'layout' | 'onPage' | 'objects'>): Promise<ReadPacket> {
  const extraction: Extraction = packet.badPath
    ? { file: packet.where.file, pageCount: 0, documents: [], problems: [] }
    : await extractPacket(packet.files, { ocr: deps.ocr, layout: deps.layout, tolerant: true, onPage: deps.onPage, received: packet.receivedOn });
  // Class videos are kept for their own period where a city says so (Qidong: 2 years); the lifecycle rules find them by this tag.
  for (const v of extraction.documents.filter((d) => d.type === 'video-record')) {
    const file = packet.files.find((f) => f.name === v.file);
    if (file) await deps.objects.tag(bucket, file.key, { [RECORD_TAG]: 'video' });
  }
  const declared = UploadableType.safeParse(packet.declared[META_SUBMISSION_TYPE]);
  return {
    extraction,
    submissionType: declared.success ? declared.data : inferSubmissionType(extraction),
    facts: { offsiteVenue: flag(packet.declared['offsite-venue']), onlineClasses: flag(packet.declared['online-classes']), classCode: packet.classCode },
    findings: packet.badPath ? packet.findings : [...packet.findings, ...unreadableFindings(extraction)],
  };
}
