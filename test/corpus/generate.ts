// Development corpus: synthetic scans of Shaoxing class-opening packets with their ground truth.
// Forms follow seed 002 (绍兴市职业技能培训指导规程) 附件1 items 1–8 and 附件3's sign-in sheet.
// A generator of our own is for development, never the definition of done.
import { createCanvas, GlobalFonts, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { QIDONG_FILING_BOXES } from '../../lib/domain/forms.ts';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
GlobalFonts.registerFromPath(path.join(fontDir, '400Regular/NotoSansSC_400Regular.ttf'), 'SC Regular');
GlobalFonts.registerFromPath(path.join(fontDir, '700Bold/NotoSansSC_700Bold.ttf'), 'SC Bold');
GlobalFonts.registerFromPath(path.join(fontDir, '300Light/NotoSansSC_300Light.ttf'), 'SC Light');
// Handwriting-like faces for values filled in by pen (Google Fonts, OFL-1.1): 马善政 a careful regular hand,
// 志莽行 a quicker running hand.
for (const [pkg, file, family] of [['ma-shan-zheng', 'MaShanZheng_400Regular.ttf', 'Hand Kai'], ['zhi-mang-xing', 'ZhiMangXing_400Regular.ttf', 'Hand Xing']] as const) {
  const dir = path.dirname(require.resolve(`@expo-google-fonts/${pkg}/package.json`));
  GlobalFonts.registerFromPath(path.join(dir, '400Regular', file), family);
}
export const HANDS = ['Hand Kai', 'Hand Xing'] as const;

/**
 * Printed faces a form may come in. Government forms are mostly set in 宋体 (Song) or 仿宋, headed in 黑体,
 * sometimes filled in 楷体; Noto Sans SC ships with the repo, the others are Debian's (fonts-noto-cjk,
 * fonts-lxgw-wenkai) and are used where installed.
 */
export interface PrintFace {
  name: string;
  regular: string;
  bold: string;
  light: string;
}
const ALL_FACES: PrintFace[] = [
  { name: 'Noto Sans SC (黑体)', regular: 'SC Regular', bold: 'SC Bold', light: 'SC Light' },
  { name: 'AR PL SungtiL GB (宋体) headed in Noto Sans SC Bold', regular: 'AR PL SungtiL GB', bold: 'SC Bold', light: 'AR PL SungtiL GB' },
  { name: 'LXGW WenKai (楷体)', regular: 'LXGW WenKai', bold: 'LXGW WenKai', light: 'LXGW WenKai' },
];
/** The printed faces this machine has. */
export const PRINT_FACES: PrintFace[] = ALL_FACES.filter((f) => GlobalFonts.has(f.regular) && GlobalFonts.has(f.bold));
let face: PrintFace = ALL_FACES[0]!;

/** Draws whatever `draw` draws with `f` as the printed face. */
export function inPrintFace<T>(f: PrintFace, draw: () => T): T {
  const before = face;
  face = f;
  try {
    return draw();
  } finally {
    face = before;
  }
}
export type Hand = (typeof HANDS)[number];

/** Deterministic PRNG (mulberry32) so a seed names a corpus. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const W = 1240;
const H = 1754; // A4 at 150 dpi

export interface Trainee {
  name: string;
  gender: '男' | '女';
  idNumber: string;
  phone: string;
  category: string;
}

export interface ClassOpeningTruth {
  institutionName: string;
  className: string;
  classCode: string;
  occupation: string;
  level: string;
  trainingType: string;
  startDate: string;
  endDate: string;
  totalHours: number;
  theoryHours: number;
  practicalHours: number;
  onlineHours: number;
  traineeCount: number;
  venue: string;
  headTeacher: string;
  phone: string;
  applicationDate: string;
  trainees: Trainee[];
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕婷玉兰文斌丹萍鹏飞宇晨欣怡子涵梓轩浩然雨萱佳琪思远';
const OCCUPATIONS: [string, string][] = [
  ['中式烹调师', '四级'],
  ['育婴员', '五级'],
  ['电工', '四级'],
  ['保育师', '四级'],
  ['养老护理员', '五级'],
  ['茶艺师', '四级'],
];
const AREAS = ['330602', '330603', '330604', '330681', '330683', '330624'];

/** GB 11643 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, ch, i) => s + Number(ch) * w[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function fakeId(r: () => number, gender: '男' | '女'): string {
  const y = 1970 + Math.floor(r() * 35);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  let seq = 100 + Math.floor(r() * 899);
  if ((seq % 2 === 1) !== (gender === '男')) seq += seq === 999 ? -1 : 1;
  const first = `${pick(r, AREAS)}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`;
  return first + idCheckChar(first);
}

export function fakeName(r: () => number): string {
  const n = r() < 0.6 ? 2 : 1;
  let g = '';
  for (let i = 0; i < n; i++) g += pick(r, [...GIVEN]);
  return pick(r, [...SURNAMES]) + g;
}

export function fakePhone(r: () => number): string {
  return '13' + String(Math.floor(r() * 1e9)).padStart(9, '0');
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * A class-opening packet's contents. Dates count from `base` (default: today): the class opens 25–65 days
 * later, so that a packet submitted now meets every city's lead time (Shaoxing's 7 working days is the longest).
 */
export function classOpeningTruth(seed: number, base: Date = new Date()): ClassOpeningTruth {
  const r = rng(seed);
  const [occupation, level] = pick(r, OCCUPATIONS);
  const today = Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate());
  const start = new Date(today + (25 + Math.floor(r() * 40)) * 86400000);
  const end = new Date(start.getTime() + (10 + Math.floor(r() * 20)) * 86400000);
  const applied = new Date(today - Math.floor(r() * 3) * 86400000);
  const n = 6 + Math.floor(r() * 10);
  const trainees: Trainee[] = [];
  for (let i = 0; i < n; i++) {
    const gender = r() < 0.5 ? '男' : '女';
    trainees.push({ name: fakeName(r), gender, idNumber: fakeId(r, gender), phone: fakePhone(r), category: pick(r, ['城乡劳动者', '企业职工', '失业人员', '在校学生']) });
  }
  const inst = pick(r, ['绍兴市越城区鼎诚职业技能培训学校', '绍兴市柯桥区华越职业培训学校', '诸暨市明德职业技能培训有限公司', '上虞区金匠职业技能培训学校']);
  const total = pick(r, [56, 64, 80, 96]);
  const practical = Math.ceil(total * 0.625);
  return {
    institutionName: inst,
    className: `${occupation}（${level}）${1 + Math.floor(r() * 9)}期培训班`,
    classCode: `SX${start.getUTCFullYear()}-${String(1 + Math.floor(r() * 300)).padStart(3, '0')}`,
    occupation,
    level,
    trainingType: pick(r, ['就业技能培训', '岗位技能提升培训']),
    startDate: iso(start),
    endDate: iso(end),
    totalHours: total,
    theoryHours: total - practical,
    practicalHours: practical,
    onlineHours: 0,
    traineeCount: n,
    venue: pick(r, ['绍兴市越城区解放北路188号三楼', '绍兴市柯桥区笛扬路77号', '诸暨市暨阳街道望云路9号']),
    headTeacher: fakeName(r),
    phone: fakePhone(r),
    applicationDate: iso(applied),
    trainees,
  };
}

export function dateCn(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export type Ctx = SKRSContext2D;

export function page(): { canvas: Canvas; g: Ctx } {
  const canvas = createCanvas(W, H);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, W, H);
  g.fillStyle = '#111111';
  g.strokeStyle = '#111111';
  g.textBaseline = 'middle';
  return { canvas, g };
}

export function title(g: Ctx, text: string, y = 110) {
  g.font = `40px "${face.bold}"`;
  const w = g.measureText(text).width;
  g.fillText(text, (W - w) / 2, y);
}

export function text(g: Ctx, s: string, x: number, y: number, size = 26, font = face.regular) {
  g.font = `${size}px "${font}"`;
  g.fillText(s, x, y);
}

/**
 * A pen filling in a form: a handwriting-like face, each character a little larger or smaller, off the
 * line, turned, and spaced unevenly, in blue-black or black ink. Dates written the ways people write them.
 */
export interface Pen {
  hand: Hand;
  r: () => number;
  ink: string;
}

export function pen(hand: Hand, r: () => number): Pen {
  return { hand, r, ink: r() < 0.6 ? '#1b2a78' : '#1c1c1c' };
}

/** Writes `s` by hand from (x, y) (y the middle of the line); returns where the writing ends. */
export function handwrite(g: Ctx, p: Pen, s: string, x: number, y: number, size = 28): number {
  const { r } = p;
  g.save();
  g.fillStyle = p.ink;
  g.textBaseline = 'middle';
  let cx = x;
  const slant = (r() - 0.5) * 0.05;
  for (const ch of s) {
    const sz = size * (0.9 + r() * 0.22);
    g.font = `${sz.toFixed(1)}px "${p.hand}"`;
    const w = g.measureText(ch).width;
    g.save();
    g.translate(cx, y + (r() - 0.5) * size * 0.14 + (cx - x) * slant);
    g.rotate((r() - 0.5) * 0.12);
    g.fillText(ch, 0, 0);
    g.restore();
    cx += w * (0.92 + r() * 0.16);
  }
  g.restore();
  return cx;
}

/** A date as a person writes it on a form: 2027年6月3日, 2027.6.3 or 2027-06-03. */
export function handDate(isoDate: string, r: () => number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const k = r();
  if (k < 0.5) return `${y}年${m}月${d}日`;
  if (k < 0.8) return `${y}.${m}.${d}`;
  return isoDate;
}

/** A ruled table; `cells` are [text, x0, x1] per row, rows of equal height. Cells for which `penCell` holds are written by `p`. */
function grid(g: Ctx, x0: number, y0: number, colEdges: number[], rows: string[][], rowH: number, size = 24, p?: Pen, penCell: (row: number, col: number) => boolean = () => false) {
  g.lineWidth = 2;
  const x1 = colEdges[colEdges.length - 1]!;
  for (let i = 0; i <= rows.length; i++) {
    g.beginPath();
    g.moveTo(x0, y0 + i * rowH);
    g.lineTo(x1, y0 + i * rowH);
    g.stroke();
  }
  for (const x of [x0, ...colEdges]) {
    g.beginPath();
    g.moveTo(x, y0);
    g.lineTo(x, y0 + rows.length * rowH);
    g.stroke();
  }
  rows.forEach((row, ri) => {
    const edges = [x0, ...colEdges];
    row.forEach((cell, ci) => {
      if (!cell) return;
      if (p && penCell(ri, ci)) handwrite(g, p, cell, edges[ci]! + 14, y0 + ri * rowH + rowH / 2, size + 4);
      else text(g, cell, edges[ci]! + 12, y0 + ri * rowH + rowH / 2, size);
    });
  });
}

/** Label/value form table: two label-value pairs a row. */
function formTable(g: Ctx, y0: number, pairs: [string, string][], rowH = 78, p?: Pen) {
  const rows: string[][] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const a = pairs[i]!;
    const b = pairs[i + 1];
    rows.push([a[0], a[1], b?.[0] ?? '', b?.[1] ?? '']);
  }
  grid(g, 80, y0, [300, 640, 860, 1160], rows, rowH, 24, p, (_, c) => c % 2 === 1);
  return y0 + rows.length * rowH;
}

/**
 * 办班申请表. Printed, or filled in by hand (`p`): the values in a pen, dates as the writer writes them,
 * and the seal struck over the application date, as happens when the date is written beside the stamp.
 */
function applicationPage(t: ClassOpeningTruth, p?: Pen): Canvas {
  const { canvas, g } = page();
  title(g, '绍兴市职业培训办班申请表');
  const date = (d: string) => (p ? handDate(d, p.r) : dateCn(d));
  if (p) {
    text(g, '申请日期：', 700, 190, 24);
    handwrite(g, p, date(t.applicationDate), 830, 190, 28);
  } else text(g, `申请日期：${dateCn(t.applicationDate)}`, 780, 190, 24);
  g.lineWidth = 2;
  // Full-width rows for long values, then two pairs a row.
  const wide: [string, string][] = [
    ['培训机构名称', t.institutionName],
    ['培训班名称', t.className],
    ['培训地点', t.venue],
  ];
  let y = 230;
  for (const [label, value] of wide) {
    grid(g, 80, y, [300, 1160], [[label, value]], 78, 24, p, (_, c) => c === 1);
    y += 78;
  }
  y = formTable(g, y, [
    ['培训班级编号', t.classCode],
    ['培训类型', t.trainingType],
    ['职业（工种）', t.occupation],
    ['等级', t.level],
    ['开班日期', date(t.startDate)],
    ['结业日期', date(t.endDate)],
    ['总课时', String(t.totalHours)],
    ['培训人数', String(t.traineeCount)],
    ['理论课时', String(t.theoryHours)],
    ['实操课时', String(t.practicalHours)],
    ['线上课时', String(t.onlineHours)],
    ['跟班管理人员', t.headTeacher],
    ['联系电话', t.phone],
    ['', ''],
  ], 78, p);
  text(g, '培训机构（盖章）：', 700, y + 120, 26);
  text(g, '人力社保部门意见：', 100, y + 260, 26);
  if (p) stampInk(g, 900 + p.r() * 60, 185 + (p.r() - 0.5) * 30, t.institutionName);
  else stampInk(g, 860, y + 130, t.institutionName);
  return canvas;
}

export function stampInk(g: Ctx, cx: number, cy: number, name: string) {
  // The institution's red seal over the signature line, as on real forms.
  g.save();
  g.globalAlpha = 0.55;
  g.strokeStyle = '#d01010';
  g.fillStyle = '#d01010';
  g.lineWidth = 5;
  g.beginPath();
  g.arc(cx, cy, 95, 0, Math.PI * 2);
  g.stroke();
  g.font = '22px "SC Bold"';
  const chars = [...name].slice(0, 14);
  chars.forEach((ch, i) => {
    const a = Math.PI * (1.15 + (0.7 * i) / Math.max(1, chars.length - 1));
    g.save();
    g.translate(cx + Math.cos(a) * 72, cy + Math.sin(a) * 72);
    g.rotate(a + Math.PI / 2);
    g.fillText(ch, -11, 0);
    g.restore();
  });
  g.font = '44px "SC Bold"';
  g.fillText('★', cx - 22, cy);
  g.restore();
}

/** 学员信息表, printed or written out by hand (`p`: names, ID numbers and phones in a pen). */
function rosterPage(t: ClassOpeningTruth, p?: Pen): Canvas {
  const { canvas, g } = page();
  title(g, '绍兴市职业培训学员信息表');
  text(g, `培训机构：${t.institutionName}`, 80, 190, 24);
  text(g, `培训班级编号：${t.classCode}`, 80, 240, 24);
  const rows = [['序号', '姓名', '性别', '身份证号码', '联系电话', '人员类别']];
  t.trainees.forEach((tr, i) => rows.push([String(i + 1), tr.name, tr.gender, tr.idNumber, tr.phone, tr.category]));
  grid(g, 60, 290, [150, 300, 390, 760, 970, 1180], rows, 58, 23, p, (r, c) => r > 0 && c > 0);
  return canvas;
}

function schedulePage(t: ClassOpeningTruth): Canvas {
  const { canvas, g } = page();
  title(g, '绍兴市职业培训课程表');
  text(g, `培训班级编号：${t.classCode}    培训机构：${t.institutionName}`, 80, 190, 24);
  const rows = [['日期', '时间', '授课内容', '形式', '授课教师', '课时']];
  const start = new Date(t.startDate + 'T00:00:00Z');
  let left = t.totalHours;
  for (let i = 0; left > 0 && i < 20; i++) {
    const d = new Date(start.getTime() + i * 86400000).toISOString().slice(0, 10);
    const h = Math.min(4, left);
    left -= h;
    rows.push([d, '08:30-11:30', i % 3 === 0 ? `${t.occupation}理论知识` : `${t.occupation}实操训练`, i % 3 === 0 ? '理论' : '实操', t.headTeacher, String(h)]);
  }
  grid(g, 60, 240, [250, 430, 760, 860, 1040, 1180], rows, 56, 22);
  return canvas;
}

function teacherPage(t: ClassOpeningTruth, r: () => number): Canvas {
  const { canvas, g } = page();
  title(g, '师资表');
  text(g, `培训机构：${t.institutionName}`, 80, 190, 24);
  const rows = [['姓名', '年龄', '学历', '职称/资格', '联系电话', '授课类型']];
  for (let i = 0; i < 3; i++) rows.push([i === 0 ? t.headTeacher : fakeName(r), String(30 + Math.floor(r() * 25)), '大专', `${t.occupation}二级`, fakePhone(r), i === 0 ? '理论' : '实操']);
  grid(g, 60, 240, [220, 320, 440, 700, 920, 1180], rows, 60, 23);
  return canvas;
}

function proseDoc(heading: string, paragraphs: string[], sign: string, institution: string): Canvas {
  const { canvas, g } = page();
  title(g, heading);
  let y = 220;
  for (const p of paragraphs) {
    const chars = [...p];
    let line = '　　';
    for (const ch of chars) {
      line += ch;
      g.font = `26px "${face.regular}"`;
      if (g.measureText(line).width > 1020) {
        text(g, line, 100, y);
        y += 48;
        line = '';
      }
    }
    if (line) {
      text(g, line, 100, y);
      y += 64;
    }
  }
  text(g, sign, 640, y + 80);
  stampInk(g, 820, y + 90, institution);
  return canvas;
}

function idCopyPage(trainees: Trainee[], heading: string): Canvas {
  const { canvas, g } = page();
  title(g, heading);
  trainees.slice(0, 3).forEach((tr, i) => {
    const y = 220 + i * 500;
    g.lineWidth = 3;
    g.strokeRect(140, y, 560, 350);
    text(g, `姓名 ${tr.name}`, 170, y + 60, 26);
    text(g, `性别 ${tr.gender}  民族 汉`, 170, y + 120, 26);
    text(g, '住址 浙江省绍兴市', 170, y + 180, 26);
    text(g, `公民身份号码 ${tr.idNumber}`, 170, y + 300, 24);
    g.strokeRect(740, y, 360, 350);
    text(g, '中华人民共和国', 810, y + 80, 28, face.bold);
    text(g, '居民身份证', 840, y + 150, 32, face.bold);
    text(g, '签发机关 绍兴市公安局', 760, y + 260, 22);
  });
  return canvas;
}

export type PacketItem = 'application' | 'schedule' | 'roster' | 'teachers' | 'certificates' | 'contract' | 'commitment' | 'id-copies' | 'eligibility' | 'lease' | 'venue-photo';
/** Shaoxing 附件1 items 1–7 (item 8 only for an off-site venue). */
export const ALL_ITEMS: PacketItem[] = ['application', 'schedule', 'roster', 'teachers', 'certificates', 'contract', 'commitment', 'id-copies', 'eligibility'];

/** The application or the roster filled in by hand in `hand` (seeded: the same seed, the same strokes). */
export function handFilledPage(t: ClassOpeningTruth, item: 'application' | 'roster', hand: Hand, seed: number): Canvas {
  const p = pen(hand, rng(seed));
  return item === 'application' ? applicationPage(t, p) : rosterPage(t, p);
}

export function packetPages(t: ClassOpeningTruth, items: PacketItem[], seed: number) {
  const r = rng(seed + 7);
  const pages: { item: PacketItem; canvas: Canvas }[] = [];
  for (const item of items) {
    switch (item) {
      case 'application':
        pages.push({ item, canvas: applicationPage(t) });
        break;
      case 'schedule':
        pages.push({ item, canvas: schedulePage(t) });
        break;
      case 'roster':
        pages.push({ item, canvas: rosterPage(t) });
        break;
      case 'teachers':
        pages.push({ item, canvas: teacherPage(t, r) });
        break;
      case 'contract':
        pages.push({
          item,
          canvas: proseDoc('绍兴市职业培训办班合同', [
            `甲方：绍兴市人力资源和社会保障局　乙方：${t.institutionName}`,
            `乙方承接${t.className}，培训班级编号${t.classCode}，培训人数${t.traineeCount}人，培训地点${t.venue}。`,
            '乙方应严格按照开班申请材料组织培训，每个授课单元组织学员签到，理论课程全程视频录像。',
            '本合同一式三份，甲乙双方各执一份，报财政部门备案一份。',
          ], '乙方（盖章）：', t.institutionName),
        });
        break;
      case 'commitment':
        pages.push({
          item,
          canvas: proseDoc('培训办班承诺书', [
            `本机构承诺所报${t.className}申请材料真实有效，学员均为自愿参加培训，不存在虚报人数、虚假培训等行为。`,
            '如有违反，愿承担相应责任并接受人力社保部门处理。',
          ], '承诺单位（盖章）：', t.institutionName),
        });
        break;
      case 'id-copies':
        for (let i = 0; i < t.trainees.length; i += 3) pages.push({ item, canvas: idCopyPage(t.trainees.slice(i, i + 3), '培训学员身份证复印件') });
        break;
      case 'eligibility':
        pages.push({
          item,
          canvas: proseDoc('社保证明', [
            `兹证明${t.trainees.map((x) => x.name).slice(0, 6).join('、')}等人员在本市参加社会保险，缴费状态正常。`,
            '本证明用于享受政府职业培训补贴。',
          ], '绍兴市社会保险事业管理中心', '绍兴市社会保险事业管理中心'),
        });
        break;
      case 'certificates':
        pages.push({
          item,
          canvas: proseDoc('授课教师资格证书复印件', [
            `持证人：${t.headTeacher}　职业（工种）：${t.occupation}　等级：二级/技师`,
            `证书编号：S000033060200${String(Math.floor(r() * 1e6)).padStart(6, '0')}　发证机构：绍兴市职业技能鉴定中心`,
          ], '（复印件与原件一致）', t.institutionName),
        });
        break;
      case 'venue-photo':
        pages.push({ item, canvas: proseDoc('上课场地照片', [`培训地点：${t.venue}`, '（教室全景照片）'], '', t.institutionName) });
        break;
      case 'lease':
        pages.push({
          item,
          canvas: proseDoc('场地租赁协议', [
            `出租方将位于${t.venue}的教室租给${t.institutionName}用于开展职业技能培训，租期一年。`,
          ], '承租方（盖章）：', t.institutionName),
        });
        break;
    }
  }
  return pages;
}

export interface SignInTruth {
  institutionName: string;
  classCode: string;
  date: string;
  startTime: string;
  endTime: string;
  /** Slot number → signed (the trainee wrote a name). */
  signed: Record<number, boolean>;
  teacherSigned: boolean;
}

/** Shaoxing 附件3 绍兴市职业培训班学员签到表: 60 slots in four 学号/学员签名 column pairs. */
export function signInSheet(t: ClassOpeningTruth, seed: number): { canvas: Canvas; truth: SignInTruth } {
  const r = rng(seed);
  const { canvas, g } = page();
  title(g, '绍兴市职业培训班学员签到表');
  const day = new Date(new Date(t.startDate + 'T00:00:00Z').getTime() + Math.floor(r() * 5) * 86400000).toISOString().slice(0, 10);
  const [y, m, d] = day.split('-').map(Number);
  const morning = r() < 0.5;
  const [sh, sm, eh, em] = morning ? [8, 30, 11, 30] : [13, 30, 16, 30];
  text(g, '培训机构（盖章）：', 80, 190, 24);
  text(g, `培训班级编号：${t.classCode}`, 700, 190, 24);
  text(g, `授课时间：${y}年${m}月${d}日${sh}时${sm}分 -- ${eh}时${em}分`, 300, 240, 24);
  const rows: string[][] = [['学号', '学员签名', '学号', '学员签名', '学号', '学员签名', '学号', '学员签名']];
  for (let i = 1; i <= 15; i++) rows.push([String(i), '', String(i + 15), '', String(i + 30), '', String(i + 45), '']);
  const edges = [150, 340, 410, 600, 670, 860, 930, 1160];
  const x0 = 80;
  const top = 290;
  const rowH = 62;
  grid(g, x0, top, edges, rows, rowH, 22);
  const signed: Record<number, boolean> = {};
  const n = Math.min(60, t.trainees.length);
  for (let no = 1; no <= 60; no++) {
    const who = no <= n ? t.trainees[no - 1] : undefined;
    const isSigned = who !== undefined && r() > 0.12;
    signed[no] = isSigned;
    const col = Math.floor((no - 1) / 15);
    const row = ((no - 1) % 15) + 1;
    const cellX = [x0, ...edges][col * 2 + 1]!;
    if (!isSigned) {
      // A stray pen dot in some empty cells: not a signature.
      if (r() < 0.2) {
        g.beginPath();
        g.arc(cellX + 40 + r() * 100, top + row * rowH + rowH / 2, 2, 0, Math.PI * 2);
        g.fill();
      }
      continue;
    }
    g.save();
    g.translate(cellX + 20 + r() * 30, top + row * rowH + rowH / 2);
    g.rotate((r() - 0.5) * 0.12);
    g.font = `${26 + Math.floor(r() * 6)}px "SC Light"`;
    g.fillStyle = r() < 0.5 ? '#1a237e' : '#202020';
    g.fillText(who!.name, 0, 0);
    g.restore();
  }
  const teacherSigned = r() > 0.2;
  text(g, '授课老师签名：', 80, top + 16 * rowH + 70, 24);
  if (teacherSigned) {
    g.save();
    g.font = '30px "SC Light"';
    g.fillStyle = '#1a237e';
    g.fillText(t.headTeacher, 270, top + 16 * rowH + 72);
    g.restore();
  }
  text(g, `${y} 年 ${m} 月 ${d} 日`, 800, top + 16 * rowH + 70, 24);
  return {
    canvas,
    truth: {
      institutionName: t.institutionName,
      classCode: t.classCode,
      date: day,
      startTime: `${String(sh).padStart(2, '0')}:${String(sm).padStart(2, '0')}`,
      endTime: `${String(eh).padStart(2, '0')}:${String(em).padStart(2, '0')}`,
      signed,
      teacherSigned,
    },
  };
}

/** Make a page look scanned: slight skew, grey paper, noise, blur, JPEG. */
export async function scanLook(png: Buffer, r: () => number, quality = 72): Promise<Buffer> {
  const angle = (r() - 0.5) * 1.6;
  const img = sharp(png)
    .rotate(angle, { background: '#f4f2ec' })
    .resize({ width: W, height: H, fit: 'cover' })
    .modulate({ brightness: 0.96 + r() * 0.04 })
    .blur(0.3 + r() * 0.5)
    .linear(0.92, 12);
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += 1) {
    const n = (r() - 0.5) * 36;
    data[i] = Math.max(0, Math.min(255, data[i]! + n));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).jpeg({ quality }).toBuffer();
}

/** A scanned packet as an image-only PDF, one JPEG a page, A4. */
export async function scannedPacketPdf(t: ClassOpeningTruth, items: PacketItem[], seed: number): Promise<{ pdf: Uint8Array; pageItems: PacketItem[] }> {
  const r = rng(seed + 13);
  const pages = packetPages(t, items, seed);
  const doc = await PDFDocument.create();
  for (const p of pages) {
    const jpg = await scanLook(p.canvas.toBuffer('image/png'), r);
    const img = await doc.embedJpg(jpg);
    const pg = doc.addPage([595.28, 841.89]);
    pg.drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  doc.setProducer('intake test corpus scanner');
  return { pdf: await doc.save(), pageItems: pages.map((p) => p.item) };
}

/**
 * A phone photo of a page: the sheet lying on a darker desk, seen at an angle (each corner pulled in by
 * 3–12 % of the frame), light falling off across it, JPEG as a phone saves it. OpenCV does the warp.
 */
export async function phonePhoto(png: Buffer, r: () => number, quality = 80): Promise<Buffer> {
  const { createRequire } = await import('node:module');
  const mod = createRequire(import.meta.url)('@techstark/opencv-js');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const cv: any = mod.Mat ? mod : await new Promise((resolve) => mod.then((m: { then?: unknown }) => { delete m.then; resolve(m); }));
  const page = await sharp(png).removeAlpha().resize({ width: 1240 }).raw().toBuffer({ resolveWithObject: true });
  const { width: pw, height: ph } = page.info;
  const W2 = Math.round(pw * 1.25);
  const H2 = Math.round(ph * 1.2);
  const ox = (W2 - pw) / 2;
  const oy = (H2 - ph) / 2;
  const pull = () => (0.03 + r() * 0.09) * W2;
  const corners = [ox + pull() * 0.6, oy + pull() * 0.5, ox + pw - pull() * 0.6, oy + pull() * 0.4, ox + pw + pull() * 0.3, oy + ph - pull() * 0.2, ox - pull() * 0.3, oy + ph - pull() * 0.3];
  const src = cv.matFromArray(4, 1, cv.CV_32FC2, [0, 0, pw - 1, 0, pw - 1, ph - 1, 0, ph - 1]);
  const dst = cv.matFromArray(4, 1, cv.CV_32FC2, corners);
  const m = cv.getPerspectiveTransform(src, dst);
  const input = cv.matFromArray(ph, pw, cv.CV_8UC3, page.data);
  const out = new cv.Mat();
  const desk = [92 + r() * 30, 70 + r() * 20, 52 + r() * 15];
  cv.warpPerspective(input, out, m, new cv.Size(W2, H2), cv.INTER_LINEAR, cv.BORDER_CONSTANT, new cv.Scalar(desk[0], desk[1], desk[2], 255));
  const data = Buffer.from(out.data);
  for (const x of [src, dst, m, input, out]) x.delete();
  // Light from one side: a gentle fall-off across the frame, and sensor noise.
  for (let y = 0; y < H2; y++) {
    for (let x = 0; x < W2; x++) {
      const shade = 1 - 0.18 * (x / W2) - 0.08 * (y / H2);
      for (let c = 0; c < 3; c++) {
        const i = (y * W2 + x) * 3 + c;
        data[i] = Math.max(0, Math.min(255, data[i]! * shade + (r() - 0.5) * 14));
      }
    }
  }
  return sharp(data, { raw: { width: W2, height: H2, channels: 3 } }).jpeg({ quality }).toBuffer();
}

/** Qidong 附件1's items under 提交材料 (培训机构). */
export const QIDONG_MATERIALS = QIDONG_FILING_BOXES.materials.institution;

/**
 * Qidong 附件1 (签协备案申请表) with its tick boxes (□培训机构 □企业, □1 … □6 提交材料) ticked by hand:
 * a pen's ✓ or ×, a little off the box's centre, that OCR does not read as text.
 */
export function qidongFilingPage(o: { applicant: 'institution' | 'enterprise' | null; materials: boolean[]; mark: 'check' | 'cross'; seed: number }): Canvas {
  const { canvas, g } = page();
  const r = rng(o.seed);
  title(g, '启东市培训机构（企业）签协备案申请表', 110);
  const x0 = 80;
  const x1 = 1160;
  const rowsAt = [180, 250, 320, 390];
  g.lineWidth = 2;
  for (const y of [...rowsAt, 460]) g.strokeRect(x0, y, x1 - x0, 0.01);
  g.strokeRect(x0, 180, x1 - x0, 280 + 70 * 6);
  g.beginPath();
  g.moveTo(300, 180);
  g.lineTo(300, 460 + 70 * 6);
  g.stroke();
  text(g, '培训单位全称', x0 + 20, 215);
  text(g, '启东市华东职业培训学校', 330, 215);
  text(g, '单位类型', x0 + 20, 285);
  const boxes: [number, number][] = [];
  // A printed tick box: a square as tall as the text, then the option's words.
  const option = (x: number, y: number, words: string) => {
    g.lineWidth = 2;
    g.strokeRect(x, y - 11, 22, 22);
    text(g, words, x + 32, y);
    boxes.push([x + 11, y]);
  };
  option(330, 285, '培训机构');
  option(560, 285, '企业');
  text(g, '统一社会信用代码', x0 + 20, 355);
  text(g, '91320681MA1XYZ1234', 330, 355);
  text(g, '提交材料', x0 + 20, 425);
  QIDONG_MATERIALS.forEach((m, i) => option(330, 495 + 70 * i, `${i + 1}${m}`));
  for (let i = 1; i <= 6; i++) g.strokeRect(x0, 460 + 70 * i, x1 - x0, 0.01);
  const tick = (cx: number, cy: number) => {
    g.save();
    g.strokeStyle = r() < 0.6 ? '#1b2a78' : '#1c1c1c';
    g.lineWidth = 3 + r() * 1.5;
    g.lineCap = 'round';
    g.translate(cx + (r() - 0.5) * 4, cy + (r() - 0.5) * 4);
    g.rotate((r() - 0.5) * 0.4);
    g.beginPath();
    if (o.mark === 'check') {
      g.moveTo(-9, 0);
      g.lineTo(-2, 8);
      g.lineTo(13, -13);
    } else {
      g.moveTo(-8, -8);
      g.lineTo(8, 8);
      g.moveTo(8, -8);
      g.lineTo(-8, 8);
    }
    g.stroke();
    g.restore();
  };
  if (o.applicant) tick(...boxes[o.applicant === 'institution' ? 0 : 1]!);
  o.materials.forEach((on, i) => on && tick(...boxes[2 + i]!));
  return canvas;
}
