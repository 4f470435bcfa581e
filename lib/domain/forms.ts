// What each document type looks like: title patterns for classification, field labels (with the
// synonyms real forms use) and table headers. Data, not code: a new form layout is a new entry.
import type { DocumentType } from './schemas.ts';

export type ValueKind = 'text' | 'date' | 'time' | 'number' | 'phone' | 'id' | 'code';

export interface FieldSpec {
  key: string;
  labels: string[];
  kind: ValueKind;
  /** A person's name: a doubtful surname is weighed by how common it is (surnames.ts). */
  person?: true;
  /**
   * Words such values are made of (职业技能培训学校, 有限公司, 期培训班): a character the recogniser doubted
   * is taken as the word's where the word's character was among its readings and the rest of the word
   * was read as written.
   */
  phrases?: string[];
  /** What a value of this field looks like: one that does not (级 for 四级, a character lost) is flagged. */
  pattern?: RegExp;
}

/** 职业技能等级 as the seeds write them: 五级 … 一级, 初级工 … 高级技师, 专项职业能力 (and 四级/中级工). */
export const LEVEL = /^[（(]?([一二三四五1-5]级|初级|中级|高级|技师|高级技师|专项(职业)?能力|无等级)/;

/** How training providers' names end (as institutionFromText in index.ts finds them in running text). */
export const PROVIDER_WORDS = ['职业技能培训学校', '职业技能培训中心', '职业培训学校', '职业技术学院', '有限责任公司', '股份有限公司', '职业技能培训', '职业培训', '培训学校', '技工学校', '职业学校', '培训中心', '有限公司'];
/** How class names end: 电工（四级）7期培训班. */
const CLASS_WORDS = ['期培训班', '培训班'];

/** CONTRACT's closed values: the first whose pattern the cell's text matches (full-time for 专职 …). */
export type Choices = [value: string, pattern: RegExp][];

export interface ColumnSpec {
  key: string;
  headers: string[];
  kind: ValueKind;
  choices?: Choices;
  person?: true;
  /** Words the column's values are made of (FieldSpec.phrases). */
  phrases?: string[];
}

export interface TableSpec {
  key: string;
  columns: ColumnSpec[];
  /**
   * Row groups named in a cell left of the columns (Zibo 附件2 表二: 理论讲师 / 实训讲师 / 管理人员 over
   * the rows they head): the group's value is the rows' `key` unless a row says otherwise.
   */
  groups?: { key: string; labels: Choices };
}

// CONTRACT: role `theory`/`practice`/`management`, employment `full-time`/`part-time`, mode `theory`/`practice`/`online`.
// 创业咨询师 and 创业导师: Zibo 附件1 三（一）2's entrepreneurship-training staff besides its lecturers.
const ROLE: Choices = [['management', /管理|班主任|management/i], ['consultant', /咨询师|consult/i], ['mentor', /导师|mentor/i], ['practice', /实训|实操|实习|技能|指导|practi/i], ['theory', /理论|讲授|theory/i]];
const EMPLOYMENT: Choices = [['part-time', /兼|外聘|聘请|part/i], ['full-time', /专|全职|在编|full/i]];
const MODE: Choices = [['online', /线上|网络|在线|网课|online/i], ['practice', /实操|实训|实践|实习|practi/i], ['theory', /理论|讲授|面授|theory/i]];
const TEACHER_COLUMNS: ColumnSpec[] = [
  { key: 'name', headers: ['姓名'], kind: 'text', person: true },
  { key: 'age', headers: ['年龄'], kind: 'number' },
  { key: 'education', headers: ['学历', '文化程度'], kind: 'text' },
  { key: 'title', headers: ['职称/资格', '职称或职业资格', '职称', '资格'], kind: 'text' },
  { key: 'phone', headers: ['联系电话', '电话'], kind: 'phone' },
  { key: 'role', headers: ['授课类型', '类型', '授课'], kind: 'text', choices: ROLE },
  { key: 'employment', headers: ['专（兼）职', '专(兼)职', '专兼职', '专/兼职', '专职/兼职', '用工形式'], kind: 'text', choices: EMPLOYMENT },
];

/** Zibo 附件2 表二's staff groups (理论讲师 / 实训讲师 / 管理人员), as the seeds' teacher lists also group them. */
const STAFF_GROUPS: NonNullable<TableSpec['groups']> = { key: 'role', labels: [['theory', /^理论(讲师|教师)$/], ['practice', /^实(训|操|习)(讲师|教师|指导)/], ['management', /^管理人员$/]] };

export interface FormSpec {
  type: DocumentType;
  /** Matched against the page's title region; the first spec that matches wins. */
  titles: RegExp[];
  /** Matched anywhere on a page without a known title (an ID card copy has no heading, only its card). */
  inBody?: RegExp[];
  fields: FieldSpec[];
  tables?: TableSpec[];
}

const institutionName: FieldSpec = {
  key: 'institutionName',
  labels: ['培训机构名称', '职业培训服务承接机构名称', '承接机构名称', '机构名称', '单位名称', '培训机构', '申报单位'],
  kind: 'text',
  phrases: PROVIDER_WORDS,
};
const classCode: FieldSpec = { key: 'classCode', labels: ['培训班级编号', '班级编号', '开班编号', '班级代码', '班号'], kind: 'code' };
const phone: FieldSpec = { key: 'phone', labels: ['联系电话', '联系方式', '电话', '手机'], kind: 'phone' };

/**
 * The groups trainees are listed by: the province's subsidised groups (RULES.md, 鲁人社字〔2022〕72号: 脱贫劳动力,
 * 农村转移就业劳动者, 失业人员, 就业困难人员, 企业转岗职工, 退役军人, 残疾人 …), Shaoxing's 在校学生 and 高校毕业生.
 */
const TRAINEE_GROUPS = ['城乡劳动者', '企业职工', '失业人员', '在校学生', '脱贫劳动力', '脱贫家庭子女', '应届毕业生', '农村转移就业劳动者', '就业困难人员', '企业转岗职工', '退役军人', '残疾人', '高校毕业生', '灵活就业人员'];

const personColumns: ColumnSpec[] = [
  { key: 'seq', headers: ['序号', '编号', '学号'], kind: 'number' },
  { key: 'name', headers: ['姓名', '学员姓名'], kind: 'text', person: true },
  { key: 'gender', headers: ['性别'], kind: 'text', choices: [['男', /^男$/], ['女', /^女$/]] },
  { key: 'idNumber', headers: ['身份证号码', '身份证号', '公民身份号码', '身份证件号码', '证件号码'], kind: 'id' },
  { key: 'phone', headers: ['联系电话', '手机号码', '联系方式', '手机号', '手机', '电话'], kind: 'phone' },
  { key: 'category', headers: ['人员类别', '培训对象类别', '学员类别', '类别', '人员类型', '人员身份'], kind: 'text', phrases: TRAINEE_GROUPS },
];

export const FORM_SPECS: FormSpec[] = [
  {
    type: 'sign-in-sheet',
    titles: [/签到表/],
    fields: [
      institutionName,
      classCode,
      { key: 'date', labels: ['授课时间', '日期', '上课时间'], kind: 'date' },
    ],
  },
  {
    type: 'change-request',
    titles: [/工作联系单/],
    fields: [
      institutionName,
      { key: 'contactPerson', labels: ['培训机构联系人', '联系人'], kind: 'text', person: true },
      phone,
      { key: 'className', labels: ['培训班名称', '班级名称'], kind: 'text', phrases: CLASS_WORDS },
      { key: 'followContact', labels: ['跟班联系人'], kind: 'text', person: true },
      { key: 'occupation', labels: ['职业（工种）名称', '职业(工种)名称', '职业（工种）', '职业(工种)', '工种'], kind: 'text' },
      { key: 'level', labels: ['等级'], kind: 'text', pattern: LEVEL },
      { key: 'changeContent', labels: ['变更内容', '变 更 内 容'], kind: 'text' },
      { key: 'date', labels: ['日期'], kind: 'date' },
    ],
  },
  {
    type: 'subsidy-claim-application',
    titles: [/结报.{0,8}申请表/, /补贴.{0,6}(申领|申请)表/, /经费结报/],
    fields: [
      institutionName,
      classCode,
      { key: 'occupation', labels: ['职业（工种）', '职业(工种)', '工种', '职业'], kind: 'text' },
      { key: 'level', labels: ['等级', '培训等级'], kind: 'text', pattern: LEVEL },
      // 直补个人 / 直补企业 / 机构代领 (Liaocheng 五): the claim deadline depends on it.
      { key: 'claimMode', labels: ['申领方式', '补贴申领方式', '申报方式'], kind: 'text' },
      { key: 'traineeCount', labels: ['结报人数', '培训人数', '人数'], kind: 'number' },
      { key: 'amount', labels: ['申请金额', '补贴金额', '金额'], kind: 'number' },
      { key: 'certificateDate', labels: ['证书发放日期', '发证日期', '合格凭证日期'], kind: 'date' },
      { key: 'applicationDate', labels: ['申请日期', '填报日期'], kind: 'date' },
    ],
  },
  {
    type: 'assessment-application-form',
    titles: [/考核.{0,4}(认定)?.{0,2}申请表/, /认定申请表/, /鉴定申请表/],
    fields: [
      institutionName,
      classCode,
      { key: 'occupation', labels: ['职业（工种）', '职业(工种)', '工种'], kind: 'text' },
      { key: 'level', labels: ['等级', '考核等级', '认定等级'], kind: 'text', pattern: LEVEL },
      { key: 'assessmentDate', labels: ['考核日期', '认定日期', '考核时间', '鉴定日期', '拟考核日期'], kind: 'date' },
      { key: 'candidateCount', labels: ['考核人数', '参加考核人数', '认定人数'], kind: 'number' },
      { key: 'applicationDate', labels: ['申请日期', '填报日期'], kind: 'date' },
    ],
  },
  {
    type: 'class-opening-application',
    titles: [/办班申请表/, /开班申请表/, /开班备案表/, /办班申请/, /开班申请/],
    fields: [
      institutionName,
      { key: 'className', labels: ['培训班名称', '班级名称', '培训班次名称'], kind: 'text', phrases: CLASS_WORDS },
      classCode,
      { key: 'occupation', labels: ['职业（工种）', '职业(工种)', '培训工种', '工种', '培训职业'], kind: 'text' },
      { key: 'level', labels: ['等级', '培训等级', '技能等级'], kind: 'text', pattern: LEVEL },
      { key: 'trainingType', labels: ['培训类型', '培训类别'], kind: 'text' },
      { key: 'startDate', labels: ['开班日期', '开班时间', '开课日期', '培训开始日期'], kind: 'date' },
      { key: 'endDate', labels: ['结业日期', '结业时间', '结束日期', '培训结束日期'], kind: 'date' },
      { key: 'totalHours', labels: ['总课时', '培训课时', '总学时'], kind: 'number' },
      { key: 'theoryHours', labels: ['理论课时', '理论学时'], kind: 'number' },
      { key: 'practicalHours', labels: ['实操课时', '实操学时', '实训课时'], kind: 'number' },
      { key: 'onlineHours', labels: ['线上课时', '线上学时', '网络课时'], kind: 'number' },
      // The online platform (Shaoxing 三（一）, Liaocheng 四（三）: 经人社部门认可/认定): named, for the reviewer to hold against the list.
      { key: 'onlinePlatform', labels: ['线上培训平台', '线上平台名称', '线上平台'], kind: 'text' },
      { key: 'traineeCount', labels: ['培训人数', '学员人数', '参训人数', '开班人数'], kind: 'number' },
      { key: 'venue', labels: ['培训地点', '培训场地', '上课地点'], kind: 'text' },
      { key: 'headTeacher', labels: ['跟班管理人员', '班主任', '跟班联系人', '跟班管理员'], kind: 'text', person: true },
      phone,
      { key: 'applicationDate', labels: ['申请日期', '填报日期', '申报日期'], kind: 'date' },
    ],
  },
  {
    type: 'roster',
    titles: [/学员信息表/, /花名册/, /结报人员名单/, /学员名单/, /学员.{0,4}(登记表|信息汇总表|名册)/, /参训人员(名单|信息表)/],
    fields: [institutionName, classCode],
    tables: [{ key: 'trainees', columns: personColumns }],
  },
  {
    type: 'schedule',
    titles: [/课程表/, /课程安排/, /教学计划/, /培训计划/, /教学日程/, /教学进度表/],
    fields: [classCode],
    tables: [
      {
        key: 'sessions',
        columns: [
          { key: 'date', headers: ['日期', '上课日期', '授课日期', '培训日期'], kind: 'date' },
          { key: 'time', headers: ['时间', '上课时间', '授课时间', '时间段', '时段'], kind: 'text' },
          { key: 'startTime', headers: ['开始时间', '起始时间', '上课开始时间'], kind: 'time' },
          { key: 'endTime', headers: ['结束时间', '下课时间', '上课结束时间'], kind: 'time' },
          { key: 'content', headers: ['授课内容', '课程内容', '培训内容', '课程名称', '内容'], kind: 'text' },
          { key: 'mode', headers: ['形式', '授课形式', '授课方式', '培训方式', '类型'], kind: 'text', choices: MODE },
          { key: 'teacher', headers: ['授课教师', '教师', '授课老师', '主讲教师', '任课教师'], kind: 'text', person: true },
          { key: 'hours', headers: ['课时', '学时', '课时数', '学时数'], kind: 'number' },
        ],
      },
    ],
  },
  {
    type: 'teacher-list',
    titles: [/师资表/, /人员配备表/, /教师花名册/, /师资情况/, /师资信息/, /授课教师.{0,4}(表|名单|名册)/, /教师(情况|信息|名单)表?/, /讲师(名单|信息表|情况表)/],
    fields: [institutionName],
    tables: [
      {
        key: 'teachers',
        columns: TEACHER_COLUMNS,
        groups: STAFF_GROUPS,
      },
    ],
  },
  {
    type: 'institution-application',
    titles: [/机构申报表/, /签协备案申请表/, /机构.{0,6}备案申请表/],
    fields: [
      { ...institutionName, labels: ['培训单位全称', ...institutionName.labels] },
      { key: 'creditCode', labels: ['统一社会信用代码', '信用代码'], kind: 'code' },
      { key: 'legalRepresentative', labels: ['法定代表人', '负责人'], kind: 'text', person: true },
      { key: 'contactPerson', labels: ['单位填报人', '填报人', '联系人'], kind: 'text', person: true },
      { key: 'address', labels: ['单位地址', '地址'], kind: 'text' },
      phone,
      { key: 'email', labels: ['电子邮箱', '邮箱'], kind: 'text' },
      { key: 'postcode', labels: ['邮政编码', '邮编'], kind: 'code' },
      { key: 'licenseNumber', labels: ['事业单位法人登记证（公办）或民办非企业登记证书、办学许可证号（民办）', '事业单位法人登记证（公办）', '事业单位法人登记证', '民办非企业登记证书', '办学许可证号', '许可证号', '登记证书号'], kind: 'text' }, // 人社民4103001234567号: the words are part of it
      { key: 'issuingAuthority', labels: ['颁证机关', '发证机关'], kind: 'text' },
      { key: 'bankName', labels: ['开户银行'], kind: 'text' },
      { key: 'bankAccount', labels: ['账号', '银行账号'], kind: 'code' },
      { key: 'theoryClassroomArea', labels: ['理论教室（平方米）', '理论教室面积', '理论教学场所面积', '理论教室使用面积', '理论教室'], kind: 'number' },
      { key: 'officeArea', labels: ['办公场所（平方米）', '办公用房面积', '办公场所面积', '办公面积', '办公场所'], kind: 'number' },
      { key: 'practiceArea', labels: ['实训场地（平方米）', '实训场地面积', '实操场地面积', '实训面积', '实训场地'], kind: 'number' },
      // Qidong 第四条 3: 总建筑面积 is the premises' own measure (its deed or lease), not the rooms added up.
      { key: 'totalBuildingArea', labels: ['办学场所总建筑面积', '总建筑面积', '建筑面积（平方米）', '建筑面积'], kind: 'number' },
      { key: 'workstations', labels: ['工位数', '实训工位'], kind: 'number' },
      // Entrepreneurship training (Zibo 附件1 二（二）) and enterprises (Qidong 第五条 2).
      // Qidong 附件1's 申报签协职业（工种） cell: the occupations as a list in one cell (made into the
      // occupations table by lib/extract/index.ts, which drops this key).
      { key: 'declaredOccupations', labels: ['申报签协职业（工种）', '申报签协职业', '申报签协'], kind: 'text' },
      { key: 'trainingCategory', labels: ['培训类别', '申报培训类别'], kind: 'text' },
      { key: 'startupClassrooms', labels: ['创业培训教室数', '创业能力培训教室数'], kind: 'number' },
      { key: 'startupClassroomArea', labels: ['最小教室面积', '单间教室面积', '每间教室面积'], kind: 'number' },
      { key: 'simulationPlaces', labels: ['创业实训容纳人数', '模拟实训人数'], kind: 'number' },
      { key: 'classroomSeats', labels: ['理论教室容纳人数', '理论教室座位数'], kind: 'number' },
    ],
    // Zibo 附件2 表一 (职业、等级、规模; 主要实训设备) and 表二 (人员配备 by 理论讲师 / 实训讲师 / 管理人员).
    tables: [
      {
        key: 'occupations',
        columns: [
          { key: 'name', headers: ['申报专业或职业（工种）', '申报职业（工种）', '申报专业', '培训职业（工种）', '职业（工种）'], kind: 'text' },
          { key: 'level', headers: ['培训等级', '等级'], kind: 'text' },
          { key: 'scale', headers: ['培训规模（人）', '培训规模', '规模（人）', '规模'], kind: 'number' },
        ],
      },
      {
        key: 'equipment',
        columns: [
          { key: 'name', headers: ['设备名称'], kind: 'text' },
          { key: 'quantity', headers: ['数量', '台（套）数'], kind: 'number' },
          { key: 'model', headers: ['型号', '规格型号', '规格'], kind: 'text' },
          { key: 'traineesPerSession', headers: ['期实训人数', '每期实训人数', '可供实训人数', '同时实训人数'], kind: 'number' },
        ],
      },
      {
        key: 'teachers',
        columns: TEACHER_COLUMNS,
        groups: STAFF_GROUPS,
      },
    ],
  },
  {
    // DB37/T 4498 6.2.3 《代领补贴协议书》: the institution and the trainees who let it claim for them. The seed
    // prescribes the agreement, not its layout: ours names the class and lists the trainees who sign it.
    type: 'proxy-agreement',
    titles: [/代领.{0,6}协议/, /委托代领/],
    fields: [
      institutionName,
      { key: 'classCode', labels: ['班级编号', '培训班级编号', '班级代码'], kind: 'code' },
      { key: 'occupation', labels: ['职业（工种）', '培训职业（工种）', '培训工种'], kind: 'text' },
      { key: 'amountPerTrainee', labels: ['每人代领补贴金额（元）', '代领补贴金额', '补贴标准（元/人）'], kind: 'number' },
      { key: 'agreementDate', labels: ['签订日期', '协议签订日期'], kind: 'date' },
    ],
    tables: [{ key: 'trainees', columns: [personColumns[0]!, personColumns[1]!, personColumns[3]!, { key: 'signature', headers: ['学员签名', '本人签名'], kind: 'text' }] }],
  },
  { type: 'training-contract', titles: [/办班合同/, /培训合同/, /培训协议/], fields: [] },
  { type: 'safety-commitment-letter', titles: [/安全生产承诺书/], fields: [] },
  {
    // Heze 第十一条（五） 培训承诺书 (and Shaoxing 附件1's): who commits, for which class, signed and dated.
    type: 'commitment-letter',
    titles: [/承诺书/],
    fields: [
      institutionName,
      { key: 'classCode', labels: ['班级编号', '培训班级编号', '班级代码'], kind: 'code' },
      { key: 'signer', labels: ['承诺人（签字）', '法定代表人（签字）', '承诺人', '负责人签字'], kind: 'text', person: true },
      { key: 'commitmentDate', labels: ['承诺日期', '签署日期'], kind: 'date' },
    ],
  },
  { type: 'enrolment-form', titles: [/入学登记表/], fields: [] },
  { type: 'lease-agreement', titles: [/租赁协议/, /租赁合同/], fields: [] },
  { type: 'venue-photo', titles: [/场地照片/, /教学场所照片/], fields: [] },
  {
    type: 'business-licence',
    titles: [/营业执照/, /办学许可证/, /民办非企业单位登记证书/, /事业单位法人(登记)?证/],
    // 有效期至 on a 办学许可证 or 登记证书 (营业期限 长期 reads as no date: nothing to hold against it).
    fields: [{ key: 'validUntil', labels: ['有效期至', '有效期限至', '有效期'], kind: 'date' }],
  },
  { type: 'premises-proof', titles: [/房屋产权/, /不动产权/, /房产证/, /产权证明/], fields: [] },
  { type: 'capital-equipment-proof', titles: [/验资报告/, /设施设备/, /设备(清单|证明|一览表)/, /教学设施/], fields: [] },
  { type: 'assessment-report', titles: [/办学能力评估/, /评估报告/], fields: [] },
  { type: 'assessment-plan', titles: [/结业考核方案/, /考核实施方案/, /考核方案/], fields: [] },
  { type: 'textbook-list', titles: [/教材清单/, /教材目录/], fields: [] },
  { type: 'practical-record', titles: [/实操.{0,6}记录单/, /实操情况记录/, /实操.{0,4}照片/], fields: [] },
  // Satisfaction in per cent (Qidong 第十四条 4: 满意度调查低于 80% is an exit trigger).
  { type: 'feedback-form', titles: [/情况反馈表/, /反馈表/, /满意度调查/], fields: [{ key: 'satisfactionRate', labels: ['满意度', '满意率', '总体满意度'], kind: 'number' }] },
  { type: 'online-learning-report', titles: [/学习报告/, /学员培训档案/, /人脸识别/], fields: [] },
  { type: 'id-card-copy', titles: [/身份证复印件/, /居民身份证/, /公民身份号码/], inBody: [/公民身份号码/, /居民身份证/], fields: [] },
  { type: 'eligibility-proof', titles: [/社保证明/, /就业失业/, /就业创业证/, /失业证/, /劳动合同/, /学生证/, /参保证明/, /参保缴费/, /缴费证明/, /在职证明/, /毕业证/], fields: [] },
  { type: 'certificate-copy', titles: [/资格证书/, /资格证/, /职业技能等级证书/, /等级证书/, /职称证/, /证书复印件/, /专项职业能力证书/, /培训合格证书?/, /结业证书/], fields: [] },
  // Generic titles last, so that the specific ones above (劳动合同, 租赁合同 …) win.
  { type: 'training-contract', titles: [/合同书?$/, /服务协议/], fields: [] },
];

/**
 * Qidong 附件1 (启东市培训机构（企业）签协备案申请表): the applicant's kind, ticked, and the materials each
 * kind submits, each behind a tick box (file 004, 附件1 “提交材料 □1办学许可证、营业执照 …”).
 */
export const QIDONG_FILING_BOXES = {
  applicantKind: [['institution', '培训机构'], ['enterprise', '企业']] as const,
  materials: {
    institution: ['办学许可证、营业执照', '房屋产权证明或租赁合同', '验资报告、教学设施、设备证明材料', '专职教师不少于3人，不少于教师总数1/4', '相关职业（工种）师资证明材料', '近2年办学能力评估报告'],
    enterprise: ['营业执照', '理论教学场所', '实操教学场所', '培训设施设备', '专职培训人员不少于3人', '相关职业（工种）师资证明材料'],
  },
};

export function specFor(type: DocumentType): FormSpec | undefined {
  return FORM_SPECS.find((s) => s.type === type);
}
