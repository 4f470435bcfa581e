// @ts-check
// What the console calls a field: the words of the form it was read from (培训机构名称, 职称, 理论/实操), not
// the contract's keys. Keys without a label here show as they are.

/** @type {Record<string, string>} */
export const FIELD_LABEL = {
  institutionName: '培训机构名称', creditCode: '统一社会信用代码', legalRepresentative: '法定代表人', address: '地址', phone: '联系电话', email: '电子邮箱',
  postcode: '邮政编码', licenseNumber: '办学许可证（营业执照）号', issuingAuthority: '发证机关', bankName: '开户银行', bankAccount: '银行账号',
  theoryClassroomArea: '理论教室面积（㎡）', officeArea: '办公用房面积（㎡）', practiceArea: '实训场地面积（㎡）', totalBuildingArea: '总建筑面积（㎡）', workstations: '实训工位数',
  applicantKind: '申报主体', className: '培训班名称', classCode: '培训班级编号', occupation: '培训职业（工种）', level: '等级', trainingType: '培训类型',
  startDate: '开班日期', endDate: '结业日期', totalHours: '总课时', theoryHours: '理论课时', practicalHours: '实操课时', onlineHours: '线上课时',
  traineeCount: '学员人数', venue: '培训地点', headTeacher: '班主任', applicationDate: '申请日期', date: '日期', startTime: '开始时间', endTime: '结束时间',
  teacherSigned: '授课教师签名', signedCount: '签到人数', contactPerson: '联系人', followContact: '跟班联系人', changeContent: '变更内容',
  amount: '申请补贴金额（元）', certificateDate: '证书核发日期', claimMode: '申领方式',
  // table columns
  seq: '序号', name: '姓名', gender: '性别', idNumber: '身份证号码', category: '人员类别', age: '年龄', education: '文化程度', title: '职称',
  employment: '专（兼）职', role: '承担工作', quantity: '数量', model: '型号规格', traineesPerSession: '每次可容纳人数', item: '材料', checked: '已勾选',
  content: '授课内容', mode: '授课方式', teacher: '授课教师', hours: '课时', no: '编号', signed: '签名', scale: '培训规模',
};

/** @type {Record<string, string>} */
export const TABLE_LABEL = {
  trainees: '学员花名册', teachers: '师资', occupations: '申报职业（工种）及等级', equipment: '设施设备', materials: '提交材料', sessions: '课程安排', slots: '签到',
};

/** @type {Record<string, string>} */
export const DOCUMENT_LABEL = {
  'institution-application': '培训机构申报表', 'class-opening-application': '开班（办班）申请表', roster: '学员花名册', schedule: '课程表', 'teacher-list': '师资表',
  'sign-in-sheet': '学员签到表', 'change-request': '工作联系单', 'subsidy-claim-application': '补贴申请表', 'commitment-letter': '承诺书', 'id-card-copy': '身份证复印件',
  'certificate-copy': '证书复印件', 'lease-agreement': '租赁合同', 'training-contract': '办班合同', 'eligibility-proof': '身份（类别）证明', 'video-record': '课程视频', other: '其他材料',
};

/** @type {Record<string, string>} */
const VALUE_LABEL = {
  theory: '理论', practice: '实操', online: '线上', management: '管理人员', 'full-time': '专职', 'part-time': '兼职', institution: '培训机构', enterprise: '企业',
};

/** A field's name as its form words it; a table cell's with its table and row. @param {string} field @param {string} [table] @param {number} [row] */
export function fieldLabel(field, table, row) {
  const name = FIELD_LABEL[field] ?? field;
  return table === undefined ? name : `${TABLE_LABEL[table] ?? table} 第${(row ?? 0) + 1}行 · ${name}`;
}

/** A value as the form would say it (理论, 专职, 是/否); the value itself otherwise. @param {unknown} v */
export function valueLabel(v) {
  if (v === true) return '是';
  if (v === false) return '否';
  if (v === null || v === undefined) return '';
  return VALUE_LABEL[String(v)] ?? String(v);
}
