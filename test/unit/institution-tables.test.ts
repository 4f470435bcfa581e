// Zibo 附件2 (职业技能培训机构申报表) holds three tables among its fields: 表一's occupations and main
// training equipment, 表二's staff grouped by 理论讲师 / 实训讲师 / 管理人员. Read here from the lines an OCR
// engine would return for such a page, so that what is tested is the layout logic, not the recogniser.
import { DOUBT } from '../../lib/extract/doubts.ts';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { BBox } from '../../lib/domain/schemas.ts';
import { extractPacket } from '../../lib/extract/index.ts';
import type { OcrEngine, OcrLine } from '../../lib/extract/ocr/port.ts';

const page = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#ffffff' } }).png().toBuffer();
const engine = (lines: [string, BBox][]): OcrEngine => ({ name: 'lines', recognise: async (): Promise<OcrLine[]> => lines.map(([text, bbox]) => ({ text, bbox, confidence: 0.98 })) });
const at = (y: number, x0 = 90, x1 = 1150): BBox => [x0, y, x1, y + 28];

const zibo: [string, BBox][] = [
  ['职业技能培训机构申报表', [380, 100, 860, 140]],
  ['培训机构名称 淄博市张店区华信职业培训学校', at(200)],
  ['负责人 赵建国', at(250, 90, 500)],
  ['申报专业或职业（工种） 培训等级 培训规模（人）', at(300)],
  ['电工 四级 60', at(350)],
  ['焊工 五级 40', at(400)],
  ['理论教室（平方米） 120', at(450, 90, 600)],
  ['设备名称 数量 型号 期实训人数', at(500)],
  ['数控车床 10 CK6140 20', at(550)],
  ['电焊机 15 ZX7-400 15', at(600)],
  ['理论讲师 姓名 年龄 文化程度 职称或职业资格 联系电话 专（兼）职', at(700)],
  ['王芳 45 本科 高级讲师 13905331234 专职', at(750, 250)],
  ['实训讲师 李强 38 大专 高级技师 13905335678 兼职', at(800)],
  ['管理人员 刘洋 30 本科 助理经济师 13905339999 专职', at(850)],
  ['备注', at(900, 90, 200)],
];

describe('Zibo 附件2 tables', () => {
  it('reads occupations, equipment and staff with their group as the role, each table ending where the next starts', async () => {
    const x = await extractPacket([{ name: 'zibo.png', bytes: page }], { ocr: engine(zibo) });
    const d = x.documents[0]!;
    expect(d.type).toBe('institution-application');
    expect(d.fields.legalRepresentative?.value).toBe('赵建国');
    const t = d.tables!;
    expect(t.occupations!.map((r) => [r.name?.value, r.level?.value, r.scale?.value])).toEqual([
      ['电工', '四级', 60],
      ['焊工', '五级', 40],
    ]);
    expect(t.equipment!.map((r) => [r.name?.value, r.quantity?.value, r.model?.value, r.traineesPerSession?.value])).toEqual([
      ['数控车床', 10, 'CK6140', 20],
      ['电焊机', 15, 'ZX7-400', 15],
    ]);
    expect(t.teachers!.map((r) => [r.name?.value, r.age?.value, r.role?.value, r.employment?.value])).toEqual([
      ['王芳', 45, 'theory', 'full-time'],
      ['李强', 38, 'practice', 'part-time'],
      ['刘洋', 30, 'management', 'full-time'],
    ]);
  });

  it('gives a teacher list\'s role and employment, and a schedule\'s mode, as CONTRACT\'s values; other text is flagged', async () => {
    const teachers = await extractPacket([{ name: 't.png', bytes: page }], {
      ocr: engine([
        ['培训教师花名册', [380, 100, 860, 140]],
        ['姓名 年龄 学历 职称/资格 联系电话 授课类型 专（兼）职', at(300)],
        ['张伟 41 本科 讲师 13800138000 理论 专职', at(350)],
        ['赵敏 36 大专 技师 13800138001 实操 外聘', at(400)],
        ['孙丽 29 本科 讲师 13800138002 随便 兼职', at(450)],
      ]),
    });
    const rows = teachers.documents[0]!.tables!.teachers!;
    expect(rows.map((r) => [r.role?.value, r.employment?.value])).toEqual([
      ['theory', 'full-time'],
      ['practice', 'part-time'],
      ['随便', 'part-time'],
    ]);
    expect(rows[2]!.role?.review).toBe(DOUBT.notRecognised);
    const schedule = await extractPacket([{ name: 's.png', bytes: page }], {
      ocr: engine([
        ['课程表', [380, 100, 860, 140]],
        ['日期 时间 授课内容 授课形式 授课教师 课时', at(300)],
        ['2027-06-05 08:30-11:30 安全用电 理论 张伟 4', at(350)],
        ['2027-06-06 08:30-11:30 接线实操 实操 赵敏 4', at(400)],
        ['2027-06-07 19:00-21:00 案例 线上 张伟 2', at(450)],
      ]),
    });
    const sessions = schedule.documents[0]!.tables!.sessions!;
    expect(sessions.map((r) => r.mode?.value)).toEqual(['theory', 'practice', 'online']);
    expect(sessions.map((r) => [r.startTime?.value, r.endTime?.value])).toEqual([
      ['08:30', '11:30'],
      ['08:30', '11:30'],
      ['19:00', '21:00'],
    ]);
  });
});

describe('Qidong 附件1 material list', () => {
  it('reads each 提交材料 item and whether its box is ticked; a box not read at all is flagged', async () => {
    const x = await extractPacket([{ name: 'qidong.png', bytes: page }], {
      ocr: engine([
        ['启东市培训机构（企业）签协备案申请表', [300, 100, 940, 140]],
        ['培训单位全称 启东市华东职业培训学校 ☑培训机构 □企业', at(200)],
        ['1 张三 男', at(260, 90, 400)],
        ['（培训机构）提交材料', at(300, 90, 400)],
        ['☑1办学许可证、营业执照', at(350, 420, 1100)],
        ['□2房屋产权证明或租赁合同', at(400, 420, 1100)],
        ['√3验资报告、教学设施、设备证明材料 □4专职教师不少于 3人，不少于教师总数 1/4.', at(450, 420, 1100)],
        ['5相关职业（工种）师资证明材料', at(500, 420, 1100)],
      ]),
    });
    const d = x.documents[0]!;
    expect(d.fields.applicantKind?.value).toBe('institution');
    expect(d.tables!.materials!.map((r) => [r.item?.value, r.checked?.value])).toEqual([
      ['办学许可证、营业执照', true],
      ['房屋产权证明或租赁合同', false],
      ['验资报告、教学设施、设备证明材料', true],
      ['专职教师不少于3人,不少于教师总数1/4.', false], // text values normalised as everywhere
      ['相关职业（工种）师资证明材料', false],
    ]);
    expect(d.tables!.materials![4]!.checked?.review).toBe(DOUBT.tickNotRead);
    expect(d.tables!.materials![1]!.checked?.review).toBeUndefined();
  });
});

describe('Qidong 附件1 occupations', () => {
  it('lists the occupations of 申报签协职业（工种）, wrapped label and all, each with its level where written', async () => {
    const x = await extractPacket([{ name: 'qidong.png', bytes: page }], {
      ocr: engine([
        ['启东市培训机构（企业）签协备案申请表', [300, 100, 940, 140]],
        ['培训单位全称 启东市华东职业培训学校', at(200)],
        ['申报签协', at(262, 90, 200)],
        ['电工（四级）、焊工 五级，育婴员', [300, 270, 900, 298]],
        ['职业（工种）', at(286, 90, 220)],
      ]),
    });
    const d = x.documents[0]!;
    expect(d.tables!.occupations!.map((r) => [r.name?.value, r.level?.value ?? null])).toEqual([
      ['电工', '四级'],
      ['焊工', '五级'],
      ['育婴员', null],
    ]);
    expect(d.fields.declaredOccupations).toBeUndefined();
  });
});
