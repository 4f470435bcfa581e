// Development corpus, second part: the seeds' forms drawn in layouts other than generate.ts's one drawing
// each — headers wrapped over two lines and over two levels, group labels in merged cells written down
// the side, two label–value pairs a line with 盖章 suffixes, values close against a column's rule (where a
// photographed line crosses it), sign-in grids of other shapes. Each form has at least three layouts; a
// seed picks the values, the layout is named. A generator of our own is for development only.
import type { Canvas } from '@napi-rs/canvas';
import { classOpeningTruth, dateCn, fakeName, fakePhone, handDate, handwrite, page, pen, pick, rng, stampInk, text, title, type ClassOpeningTruth, type Ctx, type Hand, type Pen, type SignInTruth } from './generate.ts';

/** One cell of a drawn table: grid position, spans, its text (lines top to bottom), how it is written. */
interface DrawnCell {
  r: number;
  c: number;
  rs?: number;
  cs?: number;
  text?: string | string[];
  /** Characters stacked top to bottom (a group label down the side). */
  vertical?: boolean;
  /** Filled in by the pen, not printed. */
  hand?: boolean;
  align?: 'left' | 'center' | 'right';
}

interface DrawnTable {
  x: number[];
  y: number[];
  cells: DrawnCell[];
  size?: number;
}

/** Rules around every cell (a merged cell has none inside it), then each cell's text. */
function drawTable(g: Ctx, t: DrawnTable, p?: Pen): void {
  const size = t.size ?? 22;
  const covered = new Set<string>();
  const all: DrawnCell[] = [...t.cells];
  for (const c of t.cells) for (let r = c.r; r < c.r + (c.rs ?? 1); r++) for (let k = c.c; k < c.c + (c.cs ?? 1); k++) covered.add(`${r},${k}`);
  for (let r = 0; r < t.y.length - 1; r++) for (let k = 0; k < t.x.length - 1; k++) if (!covered.has(`${r},${k}`)) all.push({ r, c: k });
  g.lineWidth = 2;
  g.strokeStyle = '#111111';
  for (const c of all) {
    const [x0, x1, y0, y1] = [t.x[c.c]!, t.x[c.c + (c.cs ?? 1)]!, t.y[c.r]!, t.y[c.r + (c.rs ?? 1)]!];
    g.strokeRect(x0, y0, x1 - x0, y1 - y0);
    if (c.text === undefined || c.text === '') continue;
    const lines = Array.isArray(c.text) ? c.text : [c.text];
    if (c.vertical) {
      const chars = [...lines.join('')];
      const step = size * 1.25;
      const top = (y0 + y1) / 2 - (step * (chars.length - 1)) / 2;
      chars.forEach((ch, i) => text(g, ch, (x0 + x1) / 2 - size / 2, top + i * step, size));
      continue;
    }
    const lh = size * 1.3;
    lines.forEach((line, i) => {
      const y = (y0 + y1) / 2 + (i - (lines.length - 1) / 2) * lh;
      g.font = `${size}px "SC Regular"`;
      const w = g.measureText(line).width;
      const x = c.align === 'center' ? (x0 + x1 - w) / 2 : c.align === 'right' ? x1 - w - 4 : x0 + 8;
      if (p && c.hand) handwrite(g, p, line, c.align === 'right' ? x1 - w * 1.1 - 4 : x + 2, y, size + 4);
      else text(g, line, x, y, size);
    });
  }
}

/** A header row's cells from `[text, colSpan?]`; a string array is a header wrapped over lines. */
function headerCells(r: number, heads: (string | string[])[], start = 0): DrawnCell[] {
  return heads.map((text, i) => ({ r, c: start + i, text, align: 'center' as const }));
}

export type RosterLayout = 'wrapped-headers' | 'two-level-header' | 'tight-columns';
export const ROSTER_LAYOUTS: RosterLayout[] = ['wrapped-headers', 'two-level-header', 'tight-columns'];

const EDUCATION = ['初中', '高中', '中专', '大专', '本科'];

/** A roster (学员花名册) in one of three layouts; `p` fills the values in by hand. */
export function rosterInLayout(t: ClassOpeningTruth, layout: RosterLayout, seed: number, p?: Pen): Canvas {
  const r = rng(seed);
  const { canvas, g } = page();
  const rows = t.trainees;
  if (layout === 'wrapped-headers') {
    // Liaocheng-style 培训学员花名册: the pairs on one line, headers wrapped in narrow columns.
    title(g, '职业技能培训学员花名册');
    text(g, `培训机构（盖章）：${t.institutionName}`, 60, 185, 22);
    text(g, `培训班级编号：${t.classCode}`, 760, 185, 22);
    const x = [50, 120, 240, 300, 610, 700, 860, 1060, 1190];
    const y = [230, 310, ...rows.map((_, i) => 310 + 54 * (i + 1))];
    const cells: DrawnCell[] = headerCells(0, ['序号', '姓名', '性别', '身份证号码', ['文化', '程度'], ['培训职业', '（工种）'], '联系电话', ['人员', '类别']]);
    rows.forEach((tr, i) =>
      cells.push(
        { r: i + 1, c: 0, text: String(i + 1), align: 'center' },
        { r: i + 1, c: 1, text: tr.name, hand: true },
        { r: i + 1, c: 2, text: tr.gender, hand: true, align: 'center' },
        { r: i + 1, c: 3, text: tr.idNumber, hand: true },
        { r: i + 1, c: 4, text: pick(r, EDUCATION), hand: true },
        { r: i + 1, c: 5, text: t.occupation, hand: true },
        { r: i + 1, c: 6, text: tr.phone, hand: true },
        { r: i + 1, c: 7, text: tr.category, hand: true },
      ),
    );
    drawTable(g, { x, y, cells, size: 21 }, p);
  } else if (layout === 'two-level-header') {
    // Headers over two levels (学员信息 over 姓名 / 性别 / 公民身份号码), the phone before the ID.
    title(g, '培训班学员名单');
    const x = [60, 140, 290, 370, 600, 960, 1180];
    const y = [250, 300, 350, ...rows.map((_, i) => 350 + 56 * (i + 1))];
    const cells: DrawnCell[] = [
      { r: 0, c: 0, rs: 2, text: '序号', align: 'center' },
      { r: 0, c: 1, cs: 2, text: '学员信息', align: 'center' },
      { r: 0, c: 3, text: '联系方式', align: 'center' },
      { r: 0, c: 4, rs: 2, text: '公民身份号码', align: 'center' },
      { r: 0, c: 5, rs: 2, text: '人员类型', align: 'center' },
      { r: 1, c: 1, text: '姓名', align: 'center' },
      { r: 1, c: 2, text: '性别', align: 'center' },
      { r: 1, c: 3, text: '手机号码', align: 'center' },
    ];
    rows.forEach((tr, i) =>
      cells.push(
        { r: i + 2, c: 0, text: String(i + 1), align: 'center' },
        { r: i + 2, c: 1, text: tr.name, hand: true },
        { r: i + 2, c: 2, text: tr.gender, hand: true, align: 'center' },
        { r: i + 2, c: 3, text: tr.phone, hand: true },
        { r: i + 2, c: 4, text: tr.idNumber, hand: true },
        { r: i + 2, c: 5, text: tr.category, hand: true },
      ),
    );
    // The class's particulars in the table's own first row, two pairs in one cell each.
    text(g, `培训班级编号：${t.classCode}`, 60, 190, 22);
    text(g, `培训机构名称：${t.institutionName}`, 60, 225, 22);
    drawTable(g, { x, y, cells, size: 22 }, p);
  } else {
    // Narrow columns, each value set close against its rule: a photographed line runs from one into the next.
    title(g, '培训学员登记表');
    text(g, `培训机构：${t.institutionName}    班级编号：${t.classCode}`, 60, 185, 22);
    const x = [60, 130, 250, 296, 560, 740, 900];
    const y = [230, 290, ...rows.map((_, i) => 290 + 50 * (i + 1))];
    const cells: DrawnCell[] = headerCells(0, ['编号', '学员姓名', ['性', '别'], '身份证号', '电话', '类别']);
    rows.forEach((tr, i) =>
      cells.push(
        { r: i + 1, c: 0, text: String(i + 1), align: 'center' },
        { r: i + 1, c: 1, text: tr.name, hand: true },
        { r: i + 1, c: 2, text: tr.gender, hand: true, align: 'right' },
        { r: i + 1, c: 3, text: tr.idNumber, hand: true, align: 'left' },
        { r: i + 1, c: 4, text: tr.phone, hand: true, align: 'right' },
        { r: i + 1, c: 5, text: tr.category, hand: true },
      ),
    );
    drawTable(g, { x, y, cells, size: 20 }, p);
  }
  return canvas;
}

export interface TeacherTruth {
  name: string;
  role: 'theory' | 'practice' | 'management';
  employment: 'full-time' | 'part-time';
  phone: string;
}

export type TeacherLayout = 'vertical-groups' | 'merged-groups' | 'group-rows';
export const TEACHER_LAYOUTS: TeacherLayout[] = ['vertical-groups', 'merged-groups', 'group-rows'];

const GROUPS: [TeacherTruth['role'], string][] = [
  ['theory', '理论讲师'],
  ['practice', '实训讲师'],
  ['management', '管理人员'],
];

/** The staff a layout lists: two or three a group. */
export function teachersOf(seed: number): TeacherTruth[] {
  const r = rng(seed + 101);
  return GROUPS.flatMap(([role]) => Array.from({ length: 2 + Math.floor(r() * 2) }, () => ({ name: fakeName(r), role, employment: r() < 0.6 ? 'full-time' : 'part-time', phone: fakePhone(r) })));
}

/**
 * Zibo 附件2 表二 (人员配备) and the seeds' teacher lists: the staff by group, the group in a merged cell
 * written down the side (vertical-groups, with 人员配备 down the side of them all), across (merged-groups),
 * or a full-width row above its members (group-rows).
 */
export function teachersInLayout(institution: string, staff: TeacherTruth[], layout: TeacherLayout, seed: number, p?: Pen): Canvas {
  const r = rng(seed);
  const { canvas, g } = page();
  const employment = (e: TeacherTruth['employment']) => (e === 'full-time' ? pick(r, ['专职', '专']) : pick(r, ['兼职', '兼']));
  const member = (row: number, c0: number, s: TeacherTruth): DrawnCell[] => [
    { r: row, c: c0, text: s.name, hand: true },
    { r: row, c: c0 + 1, text: String(28 + Math.floor(r() * 30)), hand: true, align: 'center' },
    { r: row, c: c0 + 2, text: pick(r, ['大专', '本科', '中专']), hand: true },
    { r: row, c: c0 + 3, text: pick(r, ['高级工', '技师', '讲师', '三级']), hand: true },
    { r: row, c: c0 + 4, text: s.phone, hand: true },
    { r: row, c: c0 + 5, text: employment(s.employment), hand: true, align: 'center' },
  ];
  const heads = (wrap: boolean): (string | string[])[] => ['姓名', '年龄', wrap ? ['文化', '程度'] : '学历', wrap ? ['职称或', '职业资格'] : '职称/资格', '联系电话', wrap ? ['专（兼）', '职'] : '专（兼）职'];
  title(g, layout === 'vertical-groups' ? '培训机构人员配备表' : '师资情况表');
  text(g, `培训机构名称：${institution}`, 60, 185, 22);
  if (layout === 'group-rows') {
    const x = [60, 250, 330, 450, 650, 900, 1100];
    const cells: DrawnCell[] = headerCells(0, heads(false));
    let row = 1;
    for (const [role, label] of GROUPS) {
      cells.push({ r: row++, c: 0, cs: 6, text: label });
      for (const s of staff.filter((x) => x.role === role)) cells.push(...member(row++, 0, s));
    }
    drawTable(g, { x, y: Array.from({ length: row + 1 }, (_, i) => 240 + i * 58), cells }, p);
    return canvas;
  }
  const vertical = layout === 'vertical-groups';
  const x = vertical ? [50, 100, 160, 340, 420, 540, 760, 980, 1180] : [60, 220, 400, 480, 600, 800, 1000, 1180];
  const c0 = vertical ? 2 : 1;
  const cells: DrawnCell[] = headerCells(0, heads(vertical), c0);
  if (vertical) cells.push({ r: 0, c: 0, cs: 2, text: ['类', '别'], align: 'center' });
  else cells.push({ r: 0, c: 0, text: '类别', align: 'center' });
  let row = 1;
  for (const [role, label] of GROUPS) {
    const members = staff.filter((x) => x.role === role);
    cells.push({ r: row, c: vertical ? 1 : 0, rs: members.length, text: label, vertical, align: 'center' });
    for (const s of members) cells.push(...member(row++, c0, s));
  }
  if (vertical) cells.push({ r: 1, c: 0, rs: row - 1, text: '人员配备', vertical: true });
  drawTable(g, { x, y: Array.from({ length: row + 1 }, (_, i) => 240 + i * (vertical ? 64 : 58)), cells }, p);
  return canvas;
}

export type ApplicationLayout = 'pairs-in-grid' | 'wrapped-labels' | 'lines-and-underlines';
export const APPLICATION_LAYOUTS: ApplicationLayout[] = ['pairs-in-grid', 'wrapped-labels', 'lines-and-underlines'];

/** A label wrapped in a narrow cell: before its bracket (职业 / （工种）), or after `width` characters. */
function wrapped(label: string, width: number): string | string[] {
  if (label.length <= width) return label;
  const bracket = label.indexOf('（');
  return bracket > 0 ? [label.slice(0, bracket), label.slice(bracket)] : [label.slice(0, width), label.slice(width)];
}

/** The class-opening application's values as the truth gives them, with how each is labelled. */
function applicationPairs(t: ClassOpeningTruth, date: (d: string) => string): [string, string][] {
  return [
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
    ['联系电话', t.phone],
  ];
}

/** The class-opening application (办班申请表) in one of three layouts. */
export function applicationInLayout(t: ClassOpeningTruth, layout: ApplicationLayout, seed: number, p?: Pen): Canvas {
  const r = rng(seed);
  const { canvas, g } = page();
  const date = (d: string) => (p ? handDate(d, p.r) : dateCn(d));
  const pairs = applicationPairs(t, date);
  const value = (s: string, x: number, y: number, size = 22) => (p ? handwrite(g, p, s, x, y, size + 4) : (text(g, s, x, y, size), 0));
  if (layout === 'pairs-in-grid') {
    // Three pairs a row; the institution's name and the venue long enough to wrap in their cells.
    title(g, '职业技能培训开班申请表');
    const x = [50, 200, 400, 550, 750, 900, 1190];
    const cells: DrawnCell[] = [
      { r: 0, c: 0, text: ['培训机构', '名称'] },
      { r: 0, c: 1, cs: 5, text: t.institutionName, hand: true },
      { r: 1, c: 0, text: '培训班名称' },
      { r: 1, c: 1, cs: 5, text: t.className, hand: true },
      { r: 2, c: 0, text: '培训地点' },
      { r: 2, c: 1, cs: 5, text: t.venue, hand: true },
    ];
    const rest: [string, string][] = [...pairs, ['跟班管理人员', t.headTeacher], ['申请日期', date(t.applicationDate)], ['', '']];
    for (let i = 0; i < rest.length; i += 3) {
      const row = 3 + i / 3;
      rest.slice(i, i + 3).forEach(([label, v], k) => cells.push({ r: row, c: 2 * k, text: wrapped(label, 5) }, { r: row, c: 2 * k + 1, text: v, hand: true }));
    }
    const rowsN = 3 + Math.ceil(rest.length / 3);
    drawTable(g, { x, y: Array.from({ length: rowsN + 1 }, (_, i) => 200 + i * 76), cells, size: 21 }, p);
    text(g, '培训机构（盖章）：', 700, 200 + rowsN * 76 + 110, 24);
    stampInk(g, 900, 200 + rowsN * 76 + 120, t.institutionName);
  } else if (layout === 'wrapped-labels') {
    // One pair a row; long labels wrapped over two lines inside a narrow label column.
    title(g, '培训班开班申请表');
    const all: [string, string][] = [['培训机构名称', t.institutionName], ['培训班名称', t.className], ...pairs, ['培训地点', t.venue], ['跟班管理人员', t.headTeacher], ['申请日期', date(t.applicationDate)]];
    const cells: DrawnCell[] = [];
    all.forEach(([label, v], i) => cells.push({ r: i, c: 0, text: wrapped(label, 4) }, { r: i, c: 1, text: v, hand: true }));
    drawTable(g, { x: [100, 260, 1140], y: Array.from({ length: all.length + 1 }, (_, i) => 180 + i * 72), cells, size: 22 }, p);
  } else {
    // No ruling: label：value pairs, two a line, values written on underlines.
    title(g, '职业培训开班申请');
    const all: [string, string][] = [['培训机构（盖章）', t.institutionName], ['培训班名称', t.className], ['培训地点', t.venue], ...pairs, ['跟班管理人员', t.headTeacher], ['申请日期', date(t.applicationDate)]];
    let y = 210;
    let i = 0;
    while (i < all.length) {
      const wide = i < 3;
      const take = wide ? 1 : 2;
      all.slice(i, i + take).forEach(([label, v], k) => {
        const x = 70 + k * 560;
        text(g, `${label}：`, x, y, 22);
        g.font = '22px "SC Regular"';
        const lx = x + g.measureText(`${label}：`).width + 6;
        g.lineWidth = 1.5;
        g.beginPath();
        g.moveTo(lx, y + 18);
        g.lineTo(wide ? 1170 : x + 530, y + 18);
        g.stroke();
        value(v, lx + 10, y);
      });
      i += take;
      y += 70 + Math.floor(r() * 8);
    }
    stampInk(g, 900, y + 60, t.institutionName);
  }
  return canvas;
}

export type SignInLayout = 'four-pairs' | 'three-pairs' | 'named-rows';
export const SIGN_IN_LAYOUTS: SignInLayout[] = ['four-pairs', 'three-pairs', 'named-rows'];

/**
 * The sign-in sheet (签到表) in other grids: four 学号/签名 pairs of 12 rows, three 序号/学员签名 pairs of 16,
 * or one row a trainee (序号, printed 姓名, 签名). Signatures in a hand, some slots left empty or dotted.
 */
export function signInInLayout(t: ClassOpeningTruth, layout: SignInLayout, seed: number, hand: Hand): { canvas: Canvas; truth: SignInTruth } {
  const r = rng(seed);
  const signer = pen(hand, r);
  const { canvas, g } = page();
  title(g, layout === 'named-rows' ? '职业技能培训学员签到表' : '培训班学员签到表');
  const day = new Date(new Date(t.startDate + 'T00:00:00Z').getTime() + Math.floor(r() * 5) * 86400000).toISOString().slice(0, 10);
  const [y, m, d] = day.split('-').map(Number);
  text(g, `培训机构（盖章）：${t.institutionName}`, 60, 170, 22);
  text(g, `培训班级编号：${t.classCode}`, 760, 170, 22);
  text(g, `授课时间：${y}年${m}月${d}日8时30分 -- 11时30分`, 60, 210, 22);
  const signed: Record<number, boolean> = {};
  const [pairs, perCol] = layout === 'four-pairs' ? [4, 12] : layout === 'three-pairs' ? [3, 16] : [1, Math.min(24, t.trainees.length + 4)];
  const cells: DrawnCell[] = [];
  let x: number[];
  const sigCol: number[] = [];
  if (layout === 'named-rows') {
    x = [80, 200, 420, 800, 1160];
    cells.push(...headerCells(0, ['序号', '姓名', '学员签名', '备注']));
    sigCol.push(2);
  } else {
    const width = 1100 / pairs;
    x = [70];
    for (let k = 0; k < pairs; k++) x.push(Math.round(70 + k * width + width * 0.3), Math.round(70 + (k + 1) * width));
    cells.push(...headerCells(0, Array.from({ length: pairs }, () => [layout === 'four-pairs' ? '学号' : '序号', '学员签名']).flat()));
    for (let k = 0; k < pairs; k++) sigCol.push(2 * k + 1);
  }
  const slots = pairs * perCol;
  const top = 240;
  const rowH = layout === 'three-pairs' ? 56 : 60;
  for (let no = 1; no <= slots; no++) {
    const col = Math.floor((no - 1) / perCol);
    const row = ((no - 1) % perCol) + 1;
    const who = t.trainees[no - 1];
    if (layout === 'named-rows') cells.push({ r: row, c: 0, text: String(no), align: 'center' }, { r: row, c: 1, text: who?.name ?? '' });
    else cells.push({ r: row, c: 2 * col, text: String(no), align: 'center' });
    const isSigned = who !== undefined && r() > 0.15;
    signed[no] = isSigned;
  }
  drawTable(g, { x, y: Array.from({ length: perCol + 2 }, (_, i) => top + i * rowH), cells }, undefined);
  for (let no = 1; no <= slots; no++) {
    const col = Math.floor((no - 1) / perCol);
    const row = ((no - 1) % perCol) + 1;
    const cx = x[sigCol[col]!]!;
    const cy = top + row * rowH + rowH / 2;
    if (signed[no]) handwrite(g, signer, t.trainees[no - 1]!.name, cx + 16 + r() * 20, cy, 26);
    else if (r() < 0.25) {
      g.beginPath();
      g.arc(cx + 40 + r() * 60, cy, 2, 0, Math.PI * 2);
      g.fill();
    }
  }
  const foot = top + (perCol + 1) * rowH + 60;
  const teacherSigned = r() > 0.2;
  text(g, '授课老师签名：', 80, foot, 22);
  if (teacherSigned) handwrite(g, signer, t.headTeacher, 260, foot, 28);
  text(g, `${y} 年 ${m} 月 ${d} 日`, 820, foot, 22);
  return { canvas, truth: { institutionName: t.institutionName, classCode: t.classCode, date: day, startTime: '08:30', endTime: '11:30', signed, teacherSigned } };
}

export { classOpeningTruth };

export interface InstitutionTruth {
  institutionName: string;
  legalRepresentative: string;
  contactPerson: string;
  address: string;
  phone: string;
  email: string;
  postcode: string;
  creditCode: string;
  licenseNumber: string;
  issuingAuthority: string;
  bankName: string;
  bankAccount: string;
  theoryClassroomArea: number;
  officeArea: number;
  practiceArea: number;
  workstations: number;
  occupations: { name: string; level: string; scale: number }[];
}

const PROVIDERS = ['淄博市张店区鲁中职业培训学校', '淄博市临淄区齐都职业技能培训学校', '启东市华东职业培训学校', '启东市江海职业技能培训有限公司', '淄博市周村区宏远职业培训学校'];
const TRADES: [string, string][] = [['电工', '四级'], ['焊工', '五级'], ['中式烹调师', '四级'], ['养老护理员', '五级'], ['保育师', '四级'], ['美容师', '五级']];

/** An institution's particulars for the institution application (Zibo 附件2 表一, Qidong 附件1). */
export function institutionTruth(seed: number): InstitutionTruth {
  const r = rng(seed + 211);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  const trades = [...TRADES].sort(() => r() - 0.5).slice(0, 2 + Math.floor(r() * 2));
  return {
    institutionName: pick(r, PROVIDERS),
    legalRepresentative: fakeName(r),
    contactPerson: fakeName(r),
    address: `淄博市张店区华光路${1 + Math.floor(r() * 300)}号`,
    phone: fakePhone(r),
    email: `px${digits(5)}@163.com`,
    postcode: '255000',
    creditCode: `52370303MJD${digits(6)}X`,
    licenseNumber: `人社民${digits(13)}号`,
    issuingAuthority: '张店区人力资源和社会保障局',
    bankName: '中国银行淄博分行',
    bankAccount: digits(12),
    theoryClassroomArea: 80 + Math.floor(r() * 40) * 5,
    officeArea: 30 + Math.floor(r() * 10) * 5,
    practiceArea: 150 + Math.floor(r() * 50) * 5,
    workstations: 20 + Math.floor(r() * 30),
    occupations: trades.map(([name, level]) => ({ name, level, scale: 30 + Math.floor(r() * 5) * 10 })),
  };
}

export type InstitutionLayout = 'zibo-grid' | 'qidong-wrapped' | 'lines-and-table';
export const INSTITUTION_LAYOUTS: InstitutionLayout[] = ['zibo-grid', 'qidong-wrapped', 'lines-and-table'];

/** The fields each institution layout prints (the bench compares these). */
export const INSTITUTION_FIELDS: Record<InstitutionLayout, (keyof InstitutionTruth)[]> = {
  'zibo-grid': ['institutionName', 'legalRepresentative', 'address', 'phone', 'email', 'postcode', 'licenseNumber', 'issuingAuthority', 'bankName', 'bankAccount', 'theoryClassroomArea', 'officeArea', 'practiceArea', 'workstations'],
  'qidong-wrapped': ['institutionName', 'creditCode', 'contactPerson', 'phone', 'legalRepresentative', 'address'],
  'lines-and-table': ['institutionName', 'legalRepresentative', 'phone', 'licenseNumber', 'theoryClassroomArea', 'officeArea', 'practiceArea', 'workstations'],
};

/**
 * The institution application: Zibo 附件2 表一 as one grid (pairs of label cells, the licence label wrapped
 * over three lines, the occupations under a header whose first column spans two, a 可增加行 row, 基本情况
 * down the side, the areas four cells a row); Qidong 附件1 with its labels split over lines (统一社会 /
 * 信用代码, 单位填 / 报人) and its occupations listed in one cell; or label：value lines with the four areas
 * on one line and the occupations in a table of their own with wrapped headers.
 */
export function institutionInLayout(t: InstitutionTruth, layout: InstitutionLayout, seed: number, p?: Pen): Canvas {
  const r = rng(seed);
  const { canvas, g } = page();
  if (layout === 'zibo-grid') {
    title(g, '职业技能培训机构申报表');
    text(g, '表一：', 60, 170, 22);
    const x = [50, 250, 640, 820, 1190];
    const cells: DrawnCell[] = [];
    let row = 0;
    const pair = (a: string | string[], av: string, b: string | string[], bv: string) => {
      cells.push({ r: row, c: 0, text: a }, { r: row, c: 1, text: av, hand: true }, { r: row, c: 2, text: b }, { r: row, c: 3, text: bv, hand: true });
      row++;
    };
    pair('培训机构名称', t.institutionName, '负责人', t.legalRepresentative);
    pair('单位地址', t.address, '联系电话', t.phone);
    pair('电子邮箱', t.email, '邮政编码', t.postcode);
    pair(['事业单位法人登', '记证（公办）或民', '办非企业登记证', '书、办学许可证', '号（民办）'], t.licenseNumber, '颁证机关', t.issuingAuthority);
    pair('开户银行', t.bankName, '账号', t.bankAccount);
    cells.push({ r: row, c: 0, cs: 2, text: '申报专业或职业（工种）', align: 'center' }, { r: row, c: 2, text: '培训等级', align: 'center' }, { r: row, c: 3, text: '培训规模（人）', align: 'center' });
    row++;
    for (const o of t.occupations) {
      cells.push({ r: row, c: 0, cs: 2, text: o.name, hand: true }, { r: row, c: 2, text: o.level, hand: true }, { r: row, c: 3, text: String(o.scale), hand: true });
      row++;
    }
    cells.push({ r: row, c: 0, cs: 4, text: '……（可增加行）' });
    row++;
    cells.push({ r: row, c: 0, rs: 2, text: '基本情况', vertical: true }, { r: row, c: 1, cs: 3, text: '培训机构办学概况及培训工作业绩' }, { r: row + 1, c: 1, cs: 3, text: '培训促就业措施' });
    row += 2;
    pair(['理论教室', '（平方米）'], String(t.theoryClassroomArea), ['办公场所', '（平方米）'], String(t.officeArea));
    pair(['实训场地', '（平方米）'], String(t.practiceArea), '工位数', String(t.workstations));
    const heights = cells.filter((c) => Array.isArray(c.text) && c.text.length > 2).map((c) => c.r);
    const y = [200];
    for (let i = 0; i < row; i++) y.push(y[i]! + (heights.includes(i) ? 150 : 70));
    drawTable(g, { x, y, cells, size: 21 }, p);
  } else if (layout === 'qidong-wrapped') {
    title(g, '启东市培训机构（企业）签协备案申请表');
    const x = [60, 230, 620, 780, 1180];
    const cells: DrawnCell[] = [
      { r: 0, c: 0, text: '培训单位全称' },
      { r: 0, c: 1, cs: 3, text: t.institutionName, hand: true },
      { r: 1, c: 0, text: ['统一社会', '信用代码'] },
      { r: 1, c: 1, text: t.creditCode, hand: true },
      { r: 1, c: 2, text: ['单位填', '报人'] },
      { r: 1, c: 3, text: t.contactPerson, hand: true },
      { r: 2, c: 0, text: ['联 系', '电 话'] },
      { r: 2, c: 1, text: t.phone, hand: true },
      { r: 2, c: 2, text: ['法定代', '表人'] },
      { r: 2, c: 3, text: t.legalRepresentative, hand: true },
      { r: 3, c: 0, text: '单位地址' },
      { r: 3, c: 1, cs: 3, text: t.address, hand: true },
      { r: 4, c: 0, text: ['申报签协', '职业（工种）'] },
      { r: 4, c: 1, cs: 3, text: t.occupations.map((o) => `${o.name}（${o.level}）`).join('、'), hand: true },
    ];
    drawTable(g, { x, y: [190, 270, 360, 450, 530, 620], cells, size: 22 }, p);
    text(g, '本单位承诺，所填写内容和提供材料真实准确有效，否则承担相应的法律责任。', 80, 700, 22);
    text(g, '申报单位（盖章）：', 700, 780, 22);
    stampInk(g, 900, 790, t.institutionName);
  } else {
    title(g, '职业技能培训机构申报表');
    const value = (s: string, x: number, y: number) => (p ? handwrite(g, p, s, x, y, 26) : text(g, s, x, y, 22));
    const lines: [string, string][][] = [
      [['培训机构名称', t.institutionName]],
      [['负责人', t.legalRepresentative], ['联系电话', t.phone]],
      [['办学许可证号', t.licenseNumber]],
      [['理论教室（平方米）', String(t.theoryClassroomArea)], ['办公场所（平方米）', String(t.officeArea)]],
      [['实训场地（平方米）', String(t.practiceArea)], ['工位数', String(t.workstations)]],
    ];
    let y = 200;
    for (const pairs of lines) {
      pairs.forEach(([label, v], k) => {
        const x = 70 + k * 560;
        text(g, `${label}：`, x, y, 22);
        g.font = '22px "SC Regular"';
        value(v, x + g.measureText(`${label}：`).width + 10, y);
      });
      y += 64 + Math.floor(r() * 6);
    }
    const x = [70, 470, 700, 960];
    const cells: DrawnCell[] = headerCells(0, [['申报专业或', '职业（工种）'], ['培训', '等级'], ['培训规模', '（人）']]);
    t.occupations.forEach((o, i) => cells.push({ r: i + 1, c: 0, text: o.name, hand: true }, { r: i + 1, c: 1, text: o.level, hand: true }, { r: i + 1, c: 2, text: String(o.scale), hand: true }));
    drawTable(g, { x, y: [y + 20, y + 100, ...t.occupations.map((_, i) => y + 100 + 64 * (i + 1))], cells, size: 22 }, p);
  }
  return canvas;
}
