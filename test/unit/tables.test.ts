// Ruled tables read by their cells (lib/extract/tables.ts): lines that cross a rule, headers wrapped and
// over two levels, groups down the side, label cells. Lines and grids are given as OCR and the ruling
// detector would give them, so that each behaviour is checked apart from recognition.
import { describe, expect, it } from 'vitest';
import { specFor } from '../../lib/domain/forms.ts';
import { classifyByContent } from '../../lib/extract/classify.ts';
import { DOUBT } from '../../lib/extract/doubts.ts';
import { extractFields, type PageLine } from '../../lib/extract/fields.ts';
import type { Cell, RuledTable } from '../../lib/extract/layout/cells.ts';
import { readCellFields, readRuledTables } from '../../lib/extract/tables.ts';

/** A grid from its rule positions; `merged` cells given as [row, col, rowSpan, colSpan]. */
function grid(xs: number[], ys: number[], merged: [number, number, number, number][] = []): RuledTable {
  const cells: Cell[] = [];
  const covered = new Set<string>();
  for (const [row, col, rowSpan, colSpan] of merged) {
    cells.push({ row, col, rowSpan, colSpan, bbox: [xs[col]! + 2, ys[row]! + 2, xs[col + colSpan]! - 2, ys[row + rowSpan]! - 2] });
    for (let r = row; r < row + rowSpan; r++) for (let c = col; c < col + colSpan; c++) covered.add(`${r},${c}`);
  }
  for (let r = 0; r < ys.length - 1; r++)
    for (let c = 0; c < xs.length - 1; c++) if (!covered.has(`${r},${c}`)) cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1, bbox: [xs[c]! + 2, ys[r]! + 2, xs[c + 1]! - 2, ys[r + 1]! - 2] });
  return { bbox: [xs[0]!, ys[0]!, xs.at(-1)!, ys.at(-1)!], rows: ys.length - 1, cols: xs.length - 1, cells };
}

/** A line of text starting at x0 on row y, each character `w` wide (digits half), as one text box. */
function line(text: string, x0: number, y: number, w = 20, confidence = 0.98): PageLine {
  const charX: [number, number][] = [];
  let x = x0;
  for (const ch of text) {
    const cw = ch.charCodeAt(0) < 0x2e80 ? w * 0.55 : w;
    charX.push([Math.round(x + cw * 0.3), Math.round(x + cw * 0.7)]);
    x += cw;
  }
  const bbox: [number, number, number, number] = [x0, y - 10, Math.round(x), y + 10];
  return { text, confidence, charConfidence: [...text].map(() => confidence), page: 1, bbox, charX, pieces: [{ start: 0, end: [...text].length, bbox }] };
}

const roster = specFor('roster')!.tables![0]!;
const teachers = specFor('teacher-list')!.tables![0]!;

describe('a ruled roster read by its cells', () => {
  it('splits a line that runs over a column rule: the gender and the ID number each in their own column', async () => {
    const t = grid([0, 60, 200, 260, 500], [0, 40, 80]);
    const lines = [line('序号', 10, 20), line('姓名', 80, 20), line('性别', 210, 20), line('身份证号码', 280, 20), line('1', 20, 60), line('张伟', 80, 60), line('男330602199001016538', 240, 60)];
    const rows = (await readRuledTables([{ page: 1, tables: [t] }], lines, roster))!;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.gender?.value).toBe('男');
    expect(rows[0]!.idNumber?.value).toBe('330602199001016538');
  });

  it('sends a text value cut at a rule for review when a character stood against the rule', async () => {
    const t = grid([0, 60, 200, 330, 460], [0, 40, 80]);
    // 企业职工 starts right at the category column's rule: the cut is in doubt, and the note says so.
    const lines = [line('序号', 10, 20), line('姓名', 80, 20), line('联系电话', 210, 20), line('人员类别', 310, 20), line('1', 20, 60), line('张伟', 80, 60), line('13812345678企业职工', 205, 60)];
    const rows = (await readRuledTables([{ page: 1, tables: [t] }], lines, roster))!;
    expect(rows[0]!.phone?.value).toBe('13812345678');
    expect(rows[0]!.category?.review).toBe(DOUBT.crossedRule);
    expect(rows[0]!.category!.confidence!).toBeLessThan(0.9);
  });

  it('reads headers wrapped over two lines and over two levels', async () => {
    // 序号 | 学员信息 (姓名 | 性别) | 公民身份 / 号码 (wrapped) | 手机号码
    const t = grid([0, 60, 160, 220, 460, 640], [0, 30, 60, 100], [[0, 0, 2, 1], [0, 1, 1, 2], [0, 3, 2, 1], [0, 4, 2, 1]]);
    const lines = [line('序号', 10, 30), line('学员信息', 100, 15), line('姓名', 90, 45), line('性别', 165, 45), line('公民身份', 280, 20), line('号码', 300, 45), line('手机号码', 500, 30), line('1', 20, 80), line('李娜', 80, 80), line('女', 180, 80), line('330602199001016538', 240, 80), line('13812345678', 480, 80)];
    const rows = (await readRuledTables([{ page: 1, tables: [t] }], lines, roster))!;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ seq: { value: 1 }, name: { value: '李娜' }, gender: { value: '女' }, idNumber: { value: '330602199001016538' }, phone: { value: '13812345678' } });
  });

  it('carries the columns on to the table continued on the next page without its header', async () => {
    const t1 = grid([0, 60, 200, 260, 500], [0, 40, 80]);
    const t2 = grid([0, 60, 200, 260, 500], [0, 40]);
    const lines = [line('序号', 10, 20), line('姓名', 80, 20), line('性别', 210, 20), line('身份证号码', 280, 20), line('1', 20, 60), line('张伟', 80, 60), line('男', 220, 60), { ...line('2', 20, 20), page: 2 }, { ...line('王芳', 80, 20), page: 2 }, { ...line('女', 220, 20), page: 2 }];
    const rows = (await readRuledTables([{ page: 1, tables: [t1] }, { page: 2, tables: [t2] }], lines, roster))!;
    expect(rows.map((r) => r.name?.value)).toEqual(['张伟', '王芳']);
  });
});

describe('a staff list grouped by a merged cell down the side', () => {
  it('gives each row the role its group cell names, and keeps the label out of the names', async () => {
    // 类别 | 姓名 | 联系电话 | 专（兼）职; 理论讲师 spans rows 1–2 written down the side, 管理人员 row 3.
    const t = grid([0, 60, 200, 400, 540], [0, 40, 80, 120, 160], [[1, 0, 2, 1]]);
    const down = (ch: string, i: number, y0: number) => line(ch, 20, y0 + i * 18);
    const lines = [
      line('类别', 10, 20), line('姓名', 80, 20), line('联系电话', 220, 20), line('专（兼）职', 410, 20),
      ...[...'理论讲师'].map((ch, i) => down(ch, i, 52)),
      line('田海菲', 80, 60), line('13812345678', 220, 60), line('专职', 420, 60),
      line('蔡阳毅', 80, 100), line('13912345678', 220, 100), line('兼职', 420, 100),
      line('管理人员', 4, 140, 13), line('孙荣辉', 80, 140), line('13712345678', 220, 140), line('专职', 420, 140),
    ];
    const rows = (await readRuledTables([{ page: 1, tables: [t] }], lines, teachers))!;
    expect(rows.map((r) => [r.name?.value, r.role?.value, r.employment?.value])).toEqual([
      ['田海菲', 'theory', 'full-time'],
      ['蔡阳毅', 'theory', 'part-time'],
      ['孙荣辉', 'management', 'full-time'],
    ]);
  });

  it('takes a group named in a full-width row for the rows under it', async () => {
    const t = grid([0, 200, 400], [0, 40, 80, 120], [[1, 0, 1, 2]]);
    const lines = [line('姓名', 80, 20), line('联系电话', 220, 20), line('实训讲师', 10, 60), line('周强', 80, 100), line('13812345678', 220, 100)];
    const staff = { ...teachers, columns: teachers.columns };
    const rows = (await readRuledTables([{ page: 1, tables: [t] }], lines, { ...staff, columns: staff.columns.filter((c) => ['name', 'phone'].includes(c.key)) }))!;
    expect(rows).toEqual([expect.objectContaining({ name: expect.objectContaining({ value: '周强' }), role: expect.objectContaining({ value: 'practice' }) })]);
  });
});

describe('fields of a form drawn as a grid', () => {
  const spec = specFor('class-opening-application')!;

  it('joins a label wrapped in its cell and takes the whole cell beside it as the value', async () => {
    const t = grid([0, 160, 800], [0, 60, 120, 180]);
    const lines = [line('跟班管理', 10, 20), line('人员', 10, 42), line('郭明志', 200, 30), line('培训地点', 10, 90), line('绍兴市越城区解放北路', 200, 80), line('188号三楼', 200, 102), line('线上课时', 10, 150)];
    const f = await readCellFields([{ page: 1, tables: [t] }], lines, spec.fields);
    expect(f.headTeacher?.value).toBe('郭明志');
    expect(f.venue?.value).toBe('绍兴市越城区解放北路188号三楼');
    // An empty value cell is nothing written, not the text of a cell nearby.
    expect(f.onlineHours).toBeNull();
  });

  it('finds two label–value pairs on one line, the second label straight after the first value', async () => {
    const f = extractFields([line('培训机构（盖章）：上虞区金匠职业技能培训学校班级编号：SX2027-287', 0, 20, 20)], specFor('roster')!.fields);
    expect(f.institutionName?.value).toBe('上虞区金匠职业技能培训学校');
    expect(f.classCode?.value).toBe('SX2027-287');
  });
});

describe('a page judged by what it holds when its title names no form', () => {
  it('takes a page of class-opening labels for an application, below the review threshold', async () => {
    const lines = ['职业培训开班', '培训机构名称：某某学校', '培训班名称：电工培训班', '开班日期：2027年1月2日 结业日期：2027年1月9日', '总课时：40 理论课时：16 实操课时：24', '培训人数：30'].map((t, i) => line(t, 0, 30 * i + 20));
    const c = classifyByContent(1, lines);
    expect(c?.type).toBe('class-opening-application');
    expect(c!.confidence).toBeLessThan(0.9);
  });

  it('leaves a page of running text unjudged', async () => {
    expect(classifyByContent(1, ['本机构承诺所报申请材料真实有效', '如有违反愿承担相应责任'].map((t, i) => line(t, 0, 30 * i + 20)))).toBeNull();
  });
});

describe('a cell with ink but no text read', () => {
  it('is read again on its own, the crop around its writing; an empty cell is not', async () => {
    const { default: sharp } = await import('sharp');
    const { cellReader } = await import('../../lib/extract/reread.ts');
    // A white page with a stroke of ink in one cell (x 120–160, y 80–110).
    const png = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#ffffff' } })
      .composite([{ input: await sharp({ create: { width: 40, height: 30, channels: 3, background: '#101010' } }).png().toBuffer(), left: 120, top: 80 }])
      .png()
      .toBuffer();
    const crops: { width?: number; height?: number }[] = [];
    const reader = cellReader({ name: 'fake', recognise: async () => [], readLine: async (img) => (crops.push(await sharp(img).metadata()), { text: '兼', confidence: 0.95, bbox: [0, 0, 10, 10], charX: [[10, 30]] }) }, new Map([[1, png]]))!;
    const line = await reader(1, [100, 60, 200, 130]);
    expect(line).toMatchObject({ text: '兼', page: 1 });
    // The crop is the writing with room around it, not the whole cell; positions are the page's.
    expect(crops[0]).toMatchObject({ width: 40 + 2 * 15, height: 30 + 2 * 15 });
    expect(line!.charX![0]![0]).toBeGreaterThanOrEqual(100);
    expect(await reader(1, [220, 60, 380, 130])).toBeNull();
    expect(crops).toHaveLength(1);
  });
});

describe('values that do not look like their kind', () => {
  it('flags a level that is not one (级 for 四级: a character lost) and dates far apart from each other or from receipt', async () => {
    const { datesInOrder } = await import('../../lib/extract/fields.ts');
    const spec = specFor('class-opening-application')!;
    const f = extractFields([line('等级 级', 0, 20), line('开班日期 2027年1月11日', 0, 60), line('结业日期 2027年1月25日', 0, 100), line('申请日期 2026年2月7日', 0, 140)], spec.fields);
    expect(f.level).toMatchObject({ value: '级', review: DOUBT.notRecognised });
    datesInOrder(f, '2026-12-07');
    expect(f.applicationDate!.review).toContain('日期先后不合常理（申请 2026-02-07，收件 2026-12-07）');
    expect(f.applicationDate!.review).toContain('日期先后不合常理（申请 2026-02-07，开班 2027-01-11）');
    expect(f.applicationDate!.confidence!).toBeLessThan(0.9);
    const fine = extractFields([line('开班日期 2027年1月11日', 0, 60), line('结业日期 2027年1月25日', 0, 100), line('申请日期 2026年12月1日', 0, 140)], spec.fields);
    datesInOrder(fine, '2026-12-07');
    expect(Object.values(fine).every((x) => x.review === undefined)).toBe(true);
  });
});

describe('a table without ruling, its headers wrapped', () => {
  it('takes the wrapped line for the header it finishes, and keeps the cells of columns it does not know out of the others', async () => {
    const { extractTable } = await import('../../lib/extract/fields.ts');
    const seg = (text: string, x0: number, y: number): PageLine => line(text, x0, y, 20);
    const lines = [
      seg('序号', 0, 20), seg('姓名', 80, 20), seg('性别', 180, 20), seg('身份证号码', 260, 20), seg('培训职业', 520, 20), seg('人员', 680, 20),
      seg('（工种）', 520, 44), seg('类别', 680, 44),
      seg('1', 10, 80), seg('张伟', 80, 80), seg('男', 190, 80), seg('330602199001016538', 260, 80), seg('电梯安装维修工', 520, 80), seg('企业职工', 680, 80),
    ];
    const rows = extractTable(lines, roster);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ seq: { value: 1 }, name: { value: '张伟' }, gender: { value: '男' }, idNumber: { value: '330602199001016538' }, category: { value: '企业职工' } });
    expect(JSON.stringify(rows[0])).not.toContain('工种');
  });
});

describe('sign-in slots from the sheet\'s cells (lib/extract/sign-in.ts)', () => {
  // 学号 | 学员签名, eight body rows 60 px high; the signature cells of rows 1, 2 and 7 hold ink.
  const xs = [100, 200, 500];
  const ys = [100, 160, 220, 280, 340, 400, 460, 520, 580, 640];
  const signedRows = new Set([1, 2, 7]);
  async function sheet(numbers: (string | null)[]) {
    const sharp = (await import('sharp')).default;
    const ink = [...signedRows].map((r) => ({ input: { create: { width: 200, height: 30, channels: 3 as const, background: '#000' } }, left: 250, top: ys[r]! + 15 }));
    const image = await sharp({ create: { width: 1240, height: 900, channels: 3, background: '#fff' } }).composite(ink).png().toBuffer();
    const lines = [line('学号', 120, 130), line('学员签名', 300, 130), ...numbers.flatMap((n, i) => (n === null ? [] : [line(n, 130, ys[i + 1]! + 30)]))];
    const { signInSlotsOf } = await import('../../lib/extract/sign-in.ts');
    return signInSlotsOf(lines, image, [grid(xs, ys)], 1);
  }
  const numbersOf = (slots: Awaited<ReturnType<typeof sheet>>) => slots.map((s) => s.no?.value);

  it('a number hidden by a signature takes its place: the first rows\' count back from the first read', async () => {
    const slots = await sheet([null, null, '3', '4', '5', '6', '7', '8']);
    expect(numbersOf(slots)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(slots.filter((s) => s.signed?.value).map((s) => s.no?.value)).toEqual([1, 2, 7]);
    expect(slots[0]!.no!.confidence).toBeLessThan(0.99);
  });

  it('one misread between two that agree (6, "8", 8) is the one between; a real gap is kept as written', async () => {
    expect(numbersOf(await sheet(['1', '2', '3', '4', '5', '6', '8', '8']))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(numbersOf(await sheet(['1', '2', '3', '5', '6', '7', '8', '9']))).toEqual([1, 2, 3, 5, 6, 7, 8, 9]);
  });
});
