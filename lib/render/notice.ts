// Stage 7: the notice PDF in the layout of Chinese official documents (GB/T 9704 style): issuing body
// in red over a red rule, document number, title, addressee, body, issuing body and date, seal.
import { newDocument } from './document.ts';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { CaseOutcome, Finding } from '../domain/schemas.ts';
import { chineseOutlines, embedChineseFont } from './font.ts';
import { drawSeal, SEAL_RED } from './seal.ts';
import { drawQr } from './qr.ts';
import { VERIFY_URL } from '../config.ts';
import { createHash } from 'node:crypto';

export interface NoticeInput {
  kind: NoticeKind;
  issuer: { name: string; docPrefix: string };
  caseNumber: string;
  institutionName: string;
  /** What was applied for, e.g. 保育师（四级）2期培训班 开班申请. */
  subject: string;
  findings: Finding[];
  /** Date of issue, YYYY-MM-DD (China time). */
  date: string;
  /** The bureau's number for it in the year's sequence (文号); absent: the case number's serial (a preview). */
  documentNumber?: number;
  /** The public verify page the QR code opens (INTAKE_VERIFY_URL; the embedded stack's own by default). */
  verifyUrl?: string;
  /** Printed and in the QR code (with the case number): anyone holding a copy can look the notice up. */
  verificationCode?: string;
  /** The class a warning is about (Shaoxing 附件4: 对你单位的（培训班名称）进行职业培训监督考核). */
  className?: string;
  /** The last day to rectify (7 working days from the date of issue, from the holiday calendar). */
  rectifyBy?: string;
  /** The day the training was inspected (Shaoxing 附件4's 于…年…月…日); absent: the date of issue. */
  inspectedOn?: string;
  /** How the city words an institution's disqualification (its pack's exit: title and decision). */
  exit?: { title: string; decision: string };
}

/** A city's own title for a kind of notice (Shaoxing 附件4 names its warning). */
export function noticeTitle(kind: NoticeKind, issuerName: string, exit?: { title: string }): string {
  if (kind === 'warning' && issuerName.startsWith('绍兴')) return '绍兴市职业培训不规范行为书面警告通知书';
  if (kind === 'disqualification' && exit) return exit.title;
  return NOTICE_TITLES[kind];
}

/** What the notice's QR code carries: the verify page's URL with its code, which a phone opens. */
export const qrPayload = (verifyUrl: string, code: string) => `${verifyUrl}?code=${code}`;

/**
 * A short code for one notice, derived from what it is (so a replayed render gives the same code and the
 * same bytes): Crockford base32 of SHA-256(case number, kind, date), 10 characters — or, given `keyed`
 * (the bureau's keyed hash of the same, lib/cases/notice.ts), of that, so that nobody who knows a case
 * number can work out its notices' codes (issue 20, 10).
 */
export function verificationCodeFor(caseNumber: string, kind: NoticeKind, date: string, keyed?: string): string {
  const digest = createHash('sha256').update(keyed ?? `${caseNumber}|${kind}|${date}`).digest();
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let bits = 0n;
  for (let i = 0; i < 7; i++) bits = (bits << 8n) | BigInt(digest[i]!);
  let s = '';
  for (let i = 0; i < 10; i++) s += alphabet[Number((bits >> BigInt(56 - 5 * (i + 1))) & 31n)];
  return s;
}

export type NoticeKind = 'acceptance' | 'supplement' | 'rejection' | 'warning' | 'rectification' | 'disqualification' | 'inspection-result';

export const NOTICE_TITLES: Record<NoticeKind, string> = {
  acceptance: '受理通知书',
  supplement: '补正材料通知书',
  rejection: '不予受理通知书',
  warning: '书面警告通知书',
  // Qidong 第十四条: an exit trigger brings an interview and a 整改通知书 before any exit.
  rectification: '整改通知书',
  // An inspection that ends the institution's standing (the city's own title comes from its pack).
  disqualification: '取消培训资格通知书',
  // An inspection that found nothing to rectify: the institution is told the result all the same.
  'inspection-result': '职业培训监督检查结果告知书',
};

export function noticeKindFor(outcome: CaseOutcome, findings: Pick<Finding, 'outcome' | 'severity'>[] = [], inspection = false): NoticeKind {
  if (outcome === 'warning' && findings.some((f) => f.outcome === 'EXIT' && f.severity === 'error')) return 'rectification';
  if (outcome === 'rejected' && findings.some((f) => f.outcome === 'DISQUALIFY')) return 'disqualification';
  if (inspection && outcome === 'accepted') return 'inspection-result';
  return ({ accepted: 'acceptance', 'supplement-required': 'supplement', rejected: 'rejection', warning: 'warning' } as const)[outcome];
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN_X = 79; // 28 mm left margin, GB/T 9704
const TEXT_W = A4[0] - MARGIN_X * 2;
const BLACK = rgb(0, 0, 0);

function dateZh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Punctuation that may not begin a line (Chinese line-breaking rules, 禁则). */
const NO_LINE_START = /[，。、；：？！）》」』”’％,.;:?!)\]]/;

/** A run a line never breaks inside: a code, number or standard (DB37/T 4498-2022, QD-2026-7F3K9QAB9C, 13857512345). */
const UNBREAKABLE = /[A-Za-z0-9][A-Za-z0-9.\-\/_:]*[A-Za-z0-9]|[A-Za-z0-9]/gy;

/** A paragraph's pieces: each CJK character alone, each Latin/digit run whole (one space kept inside 'DB37/T 4498'). */
function pieces(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    UNBREAKABLE.lastIndex = i;
    const m = UNBREAKABLE.exec(text);
    if (m) {
      let run = m[0];
      // A standard's code and its number belong together: DB37/T 4498-2022, GB/T 9704.
      const next = /^ (\d[\d.\-]*)/.exec(text.slice(i + run.length));
      if (/\/T$/.test(run) && next) run += next[0];
      out.push(run);
      i += run.length;
    } else {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      out.push(ch);
      i += ch.length;
    }
  }
  return out;
}

/** Break a CJK paragraph into lines that fit the width: between characters, never inside a code or number, not before closing punctuation. */
export function wrap(text: string, font: PDFFont, size: number, width: number, indent = 0): string[] {
  const lines: string[] = [];
  let line = '';
  let limit = width - indent;
  for (const piece of pieces(text)) {
    if (font.widthOfTextAtSize(line + piece, size) > limit && !NO_LINE_START.test(piece) && line !== '') {
      lines.push(line);
      line = '';
      limit = width;
    }
    line += piece;
  }
  if (line) lines.push(line);
  return lines;
}

class Writer {
  y: number;
  page: PDFPage;
  constructor(
    private doc: PDFDocument,
    private font: PDFFont,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - 72;
  }
  ensure(h: number) {
    if (this.y - h < 90) {
      this.page = this.doc.addPage(A4);
      this.y = A4[1] - 72;
    }
  }
  paragraph(text: string, size = 14, indent = size * 2, lineGap = 1.75) {
    const lines = wrap(text, this.font, size, TEXT_W, indent);
    lines.forEach((l, i) => {
      this.ensure(size * lineGap);
      this.page.drawText(l, { x: MARGIN_X + (i === 0 ? indent : 0), y: this.y - size, size, font: this.font, color: BLACK });
      this.y -= size * lineGap;
    });
  }
  centered(text: string, size: number, font: PDFFont, color = BLACK, gap = 1.8) {
    this.ensure(size * gap);
    const w = font.widthOfTextAtSize(text, size);
    this.page.drawText(text, { x: (A4[0] - w) / 2, y: this.y - size, size, font, color });
    this.y -= size * gap;
  }
}

function body(input: NoticeInput): { intro: string; items: string[]; closing: string } {
  const errors = input.findings.filter((f) => f.severity === 'error');
  // The clause, as the bureau cites it; the rule's id stays on the case (the notice is the bureau's, not the software's).
  const cite = (f: Finding) => `${f.message}（依据：${f.source.section}“${f.source.quote}”）`;
  switch (input.kind) {
    case 'acceptance':
      return {
        // An accepted case may still name trainees who are not subsidised (NO_SUBSIDY) and remarks.
        intro: `你单位报送的${input.subject}材料已收悉。经审核，材料齐全，符合条件，予以受理。${input.findings.length > 0 ? '以下事项请予注意：' : ''}`,
        items: input.findings.map(cite),
        closing: '请严格按照开班申请材料相关内容组织开展职业培训，并按规定做好签到、视频录像等过程管理。',
      };
    case 'supplement':
      return {
        intro: `你单位报送的${input.subject}材料已收悉。经审核，材料不齐全或不符合要求，现一次性告知需补正的材料如下：`,
        items: errors.map(cite),
        closing: '请按上述要求补正后重新报送。补正材料报送时请注明本通知书编号。',
      };
    case 'rejection':
      return {
        intro: `你单位报送的${input.subject}材料已收悉。经审核，不符合条件，决定不予受理。理由如下：`,
        items: errors.map(cite),
        closing: '如对本决定有异议，可依法申请行政复议或者提起行政诉讼。',
      };
    case 'disqualification':
      return {
        intro: `于${dateZh(input.inspectedOn ?? input.date)}，对你单位的${input.className || input.subject}进行职业培训监督检查，经查存在以下情形：`,
        items: errors.map(cite),
        closing: `依据上述规定，决定${input.exit?.decision ?? '取消你单位培训资格'}。如对本决定有异议，可依法申请行政复议或者提起行政诉讼。`,
      };
    case 'inspection-result':
      return {
        intro: `于${dateZh(input.inspectedOn ?? input.date)}，对你单位的${input.className || input.subject}进行职业培训监督检查，未发现需要整改的问题。${input.findings.length > 0 ? '以下事项请予注意：' : ''}`,
        items: input.findings.map(cite),
        closing: '请继续严格按照开班申请材料组织开展培训，并按规定做好签到、视频录像等过程管理。',
      };
    case 'rectification':
      return {
        intro: input.inspectedOn && input.className ? `于${dateZh(input.inspectedOn)}，对你单位的${input.className}进行检查，发现存在以下情形：` : `经对你单位${input.subject}进行检查，发现存在以下情形：`,
        items: input.findings.map(cite),
        closing: '请你单位负责人接此通知后到我局约谈，并于规定期限内完成整改，将整改情况书面报送我局。',
      };
    case 'warning':
      // Shaoxing 附件4, field by field: the date and class inspected, the problems, 7 working days, the make-up lesson.
      return {
        intro: `于${dateZh(input.inspectedOn ?? input.date)}，对你单位的${input.className || input.subject}进行职业培训监督考核，发现以下问题：`,
        items: input.findings.map(cite),
        closing: input.issuer.name.startsWith('绍兴')
          ? `依据《职业培训指导流程》，现对你单位发放《职业培训不规范行为书面警告通知书》，希望你单位能够引起重视，制订整改措施，于7个工作日内完成整改，并对本次课程进行补课。${input.rectifyBy ? `整改期限至${dateZh(input.rectifyBy)}。` : ''}`
          // Other cities set no days: the problems are to be rectified and reported, as their seeds say (责令整改).
          : '现予书面警告。请你单位引起重视，制订整改措施，限期完成整改，并将整改情况书面报送我局。',
      };
  }
}

export async function renderNotice(input: NoticeInput): Promise<Uint8Array> {
  const title = noticeTitle(input.kind, input.issuer.name, input.exit);
  const doc = await newDocument({ title: `${title} ${input.caseNumber}`, author: input.issuer.name, subject: input.caseNumber, date: input.date });

  const font = await embedChineseFont(doc, 'regular');
  const bold = await embedChineseFont(doc, 'bold');
  const w = new Writer(doc, font);

  // 版头: issuing body in red, the number, the red rule.
  w.centered(input.issuer.name, 26, bold, SEAL_RED, 2.0);
  const year = input.date.slice(0, 4);
  const serial = input.documentNumber ?? input.caseNumber.split('-').pop() ?? input.caseNumber;
  w.centered(`${input.issuer.docPrefix}〔${year}〕${serial}号`, 12, font, BLACK, 1.4);
  w.page.drawLine({ start: { x: MARGIN_X - 10, y: w.y }, end: { x: A4[0] - MARGIN_X + 10, y: w.y }, thickness: 1.6, color: SEAL_RED });
  w.y -= 28;

  w.centered(title, 22, bold, BLACK, 2.2);
  // Addressed as the registry names the institution (else as its documents do); never by an upload key's id.
  w.paragraph(`${input.institutionName || '申请单位'}：`, 14, 0);
  const { intro, items, closing } = body(input);
  w.paragraph(intro);
  items.forEach((it, i) => w.paragraph(`${i + 1}. ${it}`, 12.5));
  w.paragraph(closing);
  w.paragraph(`案件编号：${input.caseNumber}`, 12, 28);

  // Issuing body and date, seal over them.
  w.ensure(150);
  w.y -= 40;
  const signY = w.y;
  const nameW = font.widthOfTextAtSize(input.issuer.name, 14);
  const right = A4[0] - MARGIN_X - 20;
  w.page.drawText(input.issuer.name, { x: right - nameW, y: signY - 14, size: 14, font, color: BLACK });
  const d = dateZh(input.date);
  const dW = font.widthOfTextAtSize(d, 14);
  w.page.drawText(d, { x: right - nameW / 2 - dW / 2, y: signY - 40, size: 14, font, color: BLACK });
  drawSeal(w.page, { cx: right - nameW / 2, cy: signY - 24, radius: 58, name: input.issuer.name, purpose: '业务专用章', glyphs: await chineseOutlines('bold') });
  if (input.verificationCode) {
    // Bottom left of the signature block: the QR code, and the code in print for typing it in.
    drawQr(w.page, qrPayload(input.verifyUrl ?? VERIFY_URL, input.verificationCode), MARGIN_X, signY - 96, 72);
    w.page.drawText(`验证码 ${input.verificationCode}`, { x: MARGIN_X, y: signY - 110, size: 9, font, color: BLACK });
  }

  // Footer on every page: case number and page.
  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const f = `${input.caseNumber} · ${title} · 第${i + 1}页 共${pages.length}页`;
    p.drawText(f, { x: (A4[0] - font.widthOfTextAtSize(f, 9)) / 2, y: 40, size: 9, font, color: rgb(0.35, 0.35, 0.35) });
  });
  return doc.save({ useObjectStreams: true });
}
