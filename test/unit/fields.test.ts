// Label matching and table reading on OCR lines as PaddleOCR returns them (merged across cell borders,
// brackets half-width, values beside or below labels).
import { DOUBT } from '../../lib/extract/doubts.ts';
import { describe, expect, it } from 'vitest';
import type { BBox, Field } from '../../lib/domain/schemas.ts';
import { classifyPage, groupPages } from '../../lib/extract/classify.ts';
import { extractFields, extractTable, hoursAddUp, REVIEW_THRESHOLD, sequenceInOrder, type PageLine } from '../../lib/extract/fields.ts';
import { specFor } from '../../lib/domain/forms.ts';

const line = (text: string, bbox: BBox, confidence = 0.99, page = 1): PageLine => ({ text, bbox, confidence, page });

describe('fields by label', () => {
  const spec = specFor('class-opening-application')!;

  it('splits a line that runs across cells at the next label', () => {
    const f = extractFields([line('培训班级编号 SX2026-153 培训类型 岗位技能提升培训', [98, 492, 1072, 524])], spec.fields);
    expect(f.classCode?.value).toBe('SX2026-153');
    expect(f.trainingType?.value).toBe('岗位技能提升培训');
    expect(f.classCode?.bbox?.[0]).toBeGreaterThan(98); // the value's part of the line, not the label's
  });

  it('matches labels whatever the bracket width and spacing', () => {
    const f = extractFields([line('职业 (工种) 保育师 等级 四级', [96, 569, 929, 602])], spec.fields);
    expect(f.occupation?.value).toBe('保育师');
    expect(f.level?.value).toBe('四级');
  });

  it('takes the value from the cell to the right, or below, when the label stands alone', () => {
    const lines = [
      line('培训机构名称', [100, 250, 260, 280]),
      line('诸暨市明德职业技能培训有限公司', [320, 252, 700, 282]),
      line('培训地点', [100, 400, 200, 430]),
      line('绍兴市柯桥区笛扬路77号', [100, 445, 400, 475]),
    ];
    const f = extractFields(lines, spec.fields);
    expect(f.institutionName?.value).toBe('诸暨市明德职业技能培训有限公司');
    expect(f.venue?.value).toBe('绍兴市柯桥区笛扬路77号');
  });

  it('normalises values by kind and flags what it could not read', () => {
    const f = extractFields(
      [line('开班日期 2026年3月13日 结业日期 二〇二六年四月十一日', [0, 0, 900, 30]), line('总课时 八十 培训人数 8', [0, 50, 900, 80], 0.7)],
      spec.fields,
    );
    expect(f.startDate?.value).toBe('2026-03-13');
    expect(f.endDate?.value).toBe('2026-04-11');
    expect(f.traineeCount?.value).toBe(8);
    expect(f.traineeCount?.review).toBe(DOUBT.lowConfidence);
    expect(f.totalHours?.review).toBe(DOUBT.notRecognised);
  });

  it('sends the hours for review when they do not add up (a handwritten 4 read as 9), and leaves them alone when they do', () => {
    const read = (total: string) => {
      const f = extractFields([line(`总课时 ${total} 理论课时 24 实操课时 40 线上课时 0`, [0, 0, 900, 30], 0.98)], spec.fields);
      hoursAddUp(f);
      return f;
    };
    const wrong = read('69');
    expect(wrong.totalHours?.value).toBe(69);
    for (const k of ['totalHours', 'theoryHours', 'practicalHours', 'onlineHours']) {
      expect(wrong[k]?.review).toBe('课时不符：总课时 69 ≠ 理论 24 + 实操 40');
      expect(wrong[k]?.confidence).toBeLessThan(REVIEW_THRESHOLD);
    }
    const right = read('64');
    expect(right.totalHours?.review).toBeUndefined();
    expect(right.totalHours?.confidence).toBe(0.98);
  });

  it('restores the words providers and classes are named with, where the recogniser doubted a character and saw the right one', () => {
    const read = (text: string, doubts: Record<string, [string, number][]>) => {
      const probs = [...text].map((c) => (doubts[c] ? doubts[c]![0]![1] : 0.99));
      const alts = [...text].map((c): [string, number][] => doubts[c] ?? [[c, 0.99]]);
      return extractFields([{ ...line(text, [0, 0, 900, 30]), charConfidence: probs, charAlternatives: alts }], spec.fields);
    };
    // 能 read as 社 (能 its third reading), 校 as 核 (校 its second), 期 as 明.
    const f = read('培训机构名称 上虞区金匠职业技社培训学核', { 社: [['社', 0.2], ['韩', 0.19], ['能', 0.11]], 核: [['核', 0.54], ['校', 0.46]] });
    expect(f.institutionName?.value).toBe('上虞区金匠职业技能培训学校');
    expect(f.institutionName?.review).toBe('识别为“上虞区金匠职业技社培训学核”，按上虞区金匠职业技能培训学校录入，请核对');
    expect(read('培训班名称 电工（四级）7明培训班', { 明: [['明', 0.88], ['期', 0.07]] }).className?.value).toBe('电工（四级）7期培训班');
    // Read for sure, or the word's character not among what the recogniser saw: left as read.
    expect(read('培训机构名称 上虞区金匠职业技社培训学校', { 社: [['社', 0.95], ['能', 0.04]] }).institutionName?.value).toBe('上虞区金匠职业技社培训学校');
    expect(read('培训机构名称 上虞区金匠职业技社培训学校', { 社: [['社', 0.2], ['韩', 0.19]] }).institutionName?.value).toBe('上虞区金匠职业技社培训学校');
  });

  it("takes a value's confidence from its own characters, not from the printed label on its line", () => {
    // 培训班级编号 printed (sure), the handwritten code after it with one doubtful character.
    const text = '培训班级编号 SX2027-173';
    const probs = [...text].map((c, i) => (i === text.length - 2 ? 0.55 : 0.99));
    const f = extractFields([{ ...line(text, [98, 492, 700, 524], 0.95), charConfidence: probs }], spec.fields);
    expect(f.classCode?.value).toBe('SX2027-173');
    expect(f.classCode?.confidence).toBeCloseTo(0.55, 2);
    expect(f.classCode?.review).toBe(DOUBT.lowConfidence);
    // Without per-character figures the line's mean stands.
    expect(extractFields([line(text, [98, 492, 700, 524], 0.95)], spec.fields).classCode?.confidence).toBe(0.95);
  });

  it('drops the space the recogniser puts beside a bracket in a Chinese value, keeps spaces between Latin words', () => {
    const f = extractFields([line('培训班名称 电工 (四级）7期培训班', [98, 492, 900, 524]), line('培训地点 ABC Tower 3楼', [98, 560, 900, 590])], spec.fields);
    expect(f.className?.value).toBe('电工（四级）7期培训班');
    expect(f.venue?.value).toBe('ABC Tower 3楼');
  });

  it('reads the licence number beside the first line of Zibo 附件2\'s long label, wrapped or cut short in its cell', () => {
    const fields = specFor('institution-application')!.fields;
    const cut = extractFields([line('事业单位法人登记证 (公办) 137030370001234', [98, 666, 583, 694])], fields);
    expect(cut.licenseNumber?.value).toBe('137030370001234');
    const wrapped = extractFields([line('事业单位法人登记证（公办）或民办非企', [98, 660, 400, 680]), line('52370303MJD123456X', [420, 670, 700, 700]), line('业登记证书、办学许可证号（民办）', [98, 684, 400, 704])], fields);
    expect(wrapped.licenseNumber?.value).toBe('52370303MJD123456X');
  });

  it('takes the value beside the most specific label: 培训单位全称, not the 培训机构 of a tick box option', () => {
    const fields = specFor('institution-application')!.fields;
    const f = extractFields([line('单位类型 培训机构 企业', [98, 270, 700, 300], 0.999), line('培训单位全称 启东市华东职业培训学校', [98, 200, 700, 230], 0.95)], fields);
    expect(f.institutionName?.value).toBe('启东市华东职业培训学校');
  });

  it('does not take a seal placeholder for a value', () => {
    const f = extractFields([line('培训机构（盖章）：', [700, 1120, 900, 1150])], specFor('roster')!.fields);
    expect(f.institutionName?.value ?? null).toBeNull();
  });
});

describe('tables', () => {
  it('reads roster rows by the header columns, ID numbers upper-case', () => {
    const rows = extractTable(
      [
        line('序号 姓名 性别 身份证号码 联系电话 人员类别', [70, 308, 1079, 339]),
        line('1 汤英 女 330603198506044620 13154493134 企业职工', [72, 367, 1077, 394]),
        line('2 付桂秀 男 33062419870703827x 13272786544 城乡劳动者', [72, 424, 1079, 452]),
        line('填表人：', [72, 900, 200, 930]),
      ],
      specFor('roster')!.tables![0]!,
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]!.name?.value).toBe('付桂秀');
    expect(rows[1]!.idNumber?.value).toBe('33062419870703827X');
    expect(rows[0]!.seq?.value).toBe(1);
    expect(rows[0]!.phone?.value).toBe('13154493134');
  });

  it('sends a name read as one character for review: a Chinese name has a surname and a given name', () => {
    const rows = extractTable(
      [
        line('序号 姓名 性别 身份证号码 联系电话 人员类别', [70, 308, 1079, 339]),
        line('1 伟 女 330603198506044620 13154493134 企业职工', [72, 367, 1077, 394]),
        line('2 付桂秀 男 33062419870703827X 13272786544 城乡劳动者', [72, 424, 1079, 452]),
      ],
      specFor('roster')!.tables![0]!,
    );
    expect(rows[0]!.name?.value).toBe('伟');
    expect(rows[0]!.name?.confidence).toBeLessThan(REVIEW_THRESHOLD);
    expect(rows[0]!.name?.review).toBe('只识别出一个字（伟），姓名可能缺字');
    expect(rows[1]!.name?.review).toBeUndefined();
  });

  it('places cells by x when a row has a blank cell', () => {
    const rows = extractTable(
      [
        line('序号', [70, 300, 120, 330]), line('姓名', [200, 300, 260, 330]), line('性别', [330, 300, 380, 330]), line('身份证号码', [500, 300, 640, 330]),
        line('3', [80, 360, 100, 390]), line('邱洋', [200, 360, 260, 390]), line('330683198510283167', [420, 360, 720, 390]),
      ],
      specFor('roster')!.tables![0]!,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.gender).toBeUndefined();
    expect(rows[0]!.idNumber?.value).toBe('330683198510283167');
  });
});

describe('classification', () => {
  it('names documents by their title and runs untitled pages on', () => {
    const pages = [
      classifyPage(1, [line('绍兴市职业培训办班申请表', [390, 96, 866, 134])], 1754),
      classifyPage(2, [line('绍兴市职业培训学员信息表', [384, 95, 862, 131], 0.99, 2)], 1754),
      classifyPage(3, [line('21 张三 男 330602199001011234', [72, 300, 1000, 330], 0.99, 3)], 1754),
      classifyPage(4, [line('培训办班承诺书', [384, 95, 862, 131], 0.99, 4)], 1754),
      classifyPage(5, [line('安全生产承诺书', [384, 95, 862, 131], 0.99, 5)], 1754),
    ];
    expect(groupPages(pages).map((d) => [d.type, d.pages])).toEqual([
      ['class-opening-application', [1]],
      ['roster', [2, 3]],
      ['commitment-letter', [4]],
      ['safety-commitment-letter', [5]],
    ]);
  });

  it('a teacher list titled 教师花名册 is a teacher list, though a 花名册 alone is a roster', () => {
    const pages = [
      classifyPage(1, [line('淄博市职业技能培训教师花名册', [390, 96, 866, 134])], 1754),
      classifyPage(2, [line('淄博市职业技能培训学员花名册', [390, 96, 866, 134], 0.99, 2)], 1754),
      classifyPage(3, [line('培训教师花名册', [390, 96, 866, 134], 0.99, 3)], 1754),
    ];
    expect(pages.map((p) => p.type)).toEqual(['teacher-list', 'roster', 'teacher-list']);
  });

  it('calls a packet that starts without a title "other", with low confidence', () => {
    const d = groupPages([classifyPage(1, [line('随便写的字', [0, 900, 100, 930])], 1754)]);
    expect(d[0]).toMatchObject({ type: 'other', pages: [1] });
    expect(d[0]!.confidence).toBeLessThan(0.5);
  });
});

describe('digits OCR reads as letters', () => {
  it('takes O for 0 in a number cell, lowers the confidence and says so', () => {
    const f = extractFields([line('线上课时 O 跟班管理人员 白伟', [96, 879, 927, 916], 0.89)], specFor('class-opening-application')!.fields);
    expect(f.onlineHours?.value).toBe(0);
    expect(f.onlineHours?.review).toBe('识别为“O”，按0录入，请核对');
    expect(f.onlineHours!.confidence!).toBeLessThan(0.9);
    expect(f.headTeacher?.value).toBe('白伟');
  });
  it('leaves words alone', () => {
    const f = extractFields([line('总课时 SOLO', [0, 0, 300, 30])], specFor('class-opening-application')!.fields);
    expect(f.totalHours?.value).toBeNull();
  });
});

describe('ID numbers in tables', () => {
  /** The ID cell of a one-row roster whose ID reads as given. */
  const idCellOf = (read: string) =>
    extractTable(
      [line('序号 姓名 性别 身份证号码', [70, 300, 900, 330]), line(`1 王芳 女 ${read}`, [72, 360, 900, 390])],
      specFor('roster')!.tables![0]!,
    )[0]!.idNumber!;

  it('repairs a single confusable character by the check digit and flags it for review', () => {
    const id = idCellOf('11O10519491231002X');
    expect(id.value).toBe('11010519491231002X');
    expect(id.review).toContain('11O10519491231002X');
    expect(id.confidence!).toBeLessThan(0.9);
  });
  it('repairs the one doubtful character of a handwritten ID number, and flags it', () => {
    const row = `1 王芳 女 330603199408144932`;
    const probs = [...row].map((c, i) => (i === row.length - 1 ? 0.24 : 0.99));
    const id = extractTable(
      [line('序号 姓名 性别 身份证号码', [70, 300, 900, 330]), { ...line(row, [72, 360, 900, 390]), charConfidence: probs }],
      specFor('roster')!.tables![0]!,
    )[0]!.idNumber!;
    expect(id.value).toBe('33060319940814493X');
    expect(id.review).toContain('330603199408144932');
  });
  it('leaves an ID it cannot repair as read, flagged', () => {
    const id = idCellOf('11010519491231003X');
    expect(id.value).toBe('11010519491231003X');
    expect(id.review).toBe(DOUBT.notRecognised);
  });
});

describe('the institution named in the text, when no label gives it', () => {
  it('takes the provider most often named, not the bureau', async () => {
    const { extractPacket } = await import('../../lib/extract/index.ts');
    const pages: Record<number, string[]> = {
      1: ['培训办班承诺书', '本机构承诺所报培训班申请材料真实有效', '承诺单位：绍兴市柯桥区华越职业培训学校', '2026年11月20日'],
      2: ['社保证明', '兹证明王芳等人员参加社会保险', '绍兴市社会保险事业管理中心', '乙方：绍兴市柯桥区华越职业培训学校'],
    };
    const ocr = {
      name: 'scripted',
      calls: 0,
      async recognise() {
        const n = ++this.calls;
        return pages[n]!.map((text, i) => ({ text, confidence: 0.98, bbox: [100, 100 + i * 60, 800, 140 + i * 60] as [number, number, number, number] }));
      },
    };
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 200, height: 280, channels: 3, background: '#fff' } }).png().toBuffer();
    const x = await extractPacket([{ name: 'a.png', bytes: png }, { name: 'b.png', bytes: png }], { ocr });
    expect(x.institutionGuess?.value).toBe('绍兴市柯桥区华越职业培训学校');
    expect(x.institutionGuess?.review).toBeDefined();
  });
});

describe('classification by title, not by words in the body', () => {
  it('a roster page without a title that mentions 培训计划 in a cell continues the roster', () => {
    const pages = [
      classifyPage(1, [line('学员花名册', [400, 90, 800, 130])], 1754),
      classifyPage(2, [line('16 张伟 男 按培训计划参加', [72, 300, 1000, 330], 0.99, 2)], 1754),
      classifyPage(3, [line('姓名 王芳', [170, 600, 400, 630], 0.99, 3), line('公民身份号码 11010519491231002X', [170, 800, 700, 830], 0.99, 3)], 1754),
      classifyPage(4, [line('授课教师情况表', [400, 90, 800, 130], 0.99, 4)], 1754),
      classifyPage(5, [line('委托培训服务合同书', [400, 90, 800, 130], 0.99, 5)], 1754),
      classifyPage(6, [line('劳动合同', [400, 90, 800, 130], 0.99, 6)], 1754),
    ];
    expect(groupPages(pages).map((d) => [d.type, d.pages])).toEqual([
      ['roster', [1, 2]],
      ['id-card-copy', [3]],
      ['teacher-list', [4]],
      ['training-contract', [5]],
      ['eligibility-proof', [6]],
    ]);
  });
});

describe('labels that carry a seal note', () => {
  it('培训机构（盖章）：name gives the name', () => {
    const f = extractFields([line('培训机构（盖章）：绍兴市柯桥区华越职业培训学校', [80, 180, 700, 210])], specFor('roster')!.fields);
    expect(f.institutionName?.value).toBe('绍兴市柯桥区华越职业培训学校');
  });
});

describe('序号 down a table', () => {
  const rows = (...nos: (number | null)[]): { seq: Field; name: Field }[] => nos.map((n, i) => ({ seq: { value: n, confidence: 0.97, page: 1 }, name: { value: `学员${i + 1}`, confidence: 0.99, page: 1 } }));

  it('a handwritten 1 read as 7 at the top of a roster is taken as 1 and sent for review', () => {
    const t = rows(7, 2, 3, 4, 5, 6, 7, 8);
    sequenceInOrder(t);
    expect(t.map((r) => r.seq.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(t[0]!.seq.review).toBe('序号识别为“7”，按前后行定为1');
    expect(t[0]!.seq.confidence).toBeLessThan(REVIEW_THRESHOLD);
    // The row that really is 7 keeps its number, unflagged.
    expect(t[6]!.seq.review).toBeUndefined();
    expect(t[6]!.name.value).toBe('学员7');
  });

  it('a number misread or unread in the middle or at the end takes its place from the rows around it', () => {
    const t = rows(1, 2, 8, 4, null, 6, 7, 3);
    sequenceInOrder(t);
    expect(t.map((r) => r.seq.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(t[4]!.seq.review).toContain('序号识别为空，按前后行定为5');
  });

  it('a list that runs on from an earlier page, or does not run at all, is left as read', () => {
    const later = rows(11, 12, 13);
    sequenceInOrder(later);
    expect(later.map((r) => r.seq.value)).toEqual([11, 12, 13]);
    expect(later.every((r) => r.seq.review === undefined)).toBe(true);
    const unordered = rows(4, 9, 2, 7);
    sequenceInOrder(unordered);
    expect(unordered.map((r) => r.seq.value)).toEqual([4, 9, 2, 7]);
  });
});
