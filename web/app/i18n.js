// @ts-check
// Chinese first; English for those who want it. Findings, clauses and notices stay in Chinese: they are
// the bureau's words and the law's.

/** @typedef {'zh' | 'en'} Lang */

/** @type {Record<Lang, Record<string, string>>} */
export const I18N = {
  zh: {
    title: '职业技能培训材料受理', jurisdiction: '地区', all: '全部', status: '结果', type: '类型', institution: '机构', from: '自', to: '至', refresh: '刷新',
    ledger: '台账', verify: '文书查验', upload: '上传材料包', send: '上传', caseNumber: '案件编号', received: '时间', loading: '加载中…', none: '暂无案件',
    drop: '也可将文件拖到此处。PDF、JPG、PNG、TIFF 每个不超过 100 MB；课程视频 MP4、MOV 不超过 2 GB。',
    pick: '选择一个案件查看审核意见、识别结果和通知书。', shaoxing: '绍兴', zibo: '淄博', liaocheng: '聊城', heze: '菏泽', qidong: '启东',
    'o.accepted': '予以受理', 'o.supplement-required': '补正材料', 'o.rejected': '不予受理', 'o.warning': '书面警告',
    't.class-opening': '开班申请', 't.institution-filing': '机构申报', 't.change-request': '变更申请', 't.attendance': '签到考勤', 't.assessment-application': '考核申请', 't.subsidy-claim': '补贴结报',
    pages: '页', revision: '第{n}版', notices: '通知书与文书', current: '现行', superseded: '已被替代', findings: '审核意见', noFindings: '无',
    basis: '依据', rule: '规则', pagesView: '材料页面', legend: '蓝框：识别的字段；橙框：置信度低，请核对；绿框：已人工更正。点击方框可更正。',
    documents: '识别的材料', field: '字段', value: '值', confidence: '置信度', page: '页', correct: '更正', rows: '行',
    correctTitle: '更正字段', newValue: '更正为', reason: '理由', save: '保存并重新审核', cancel: '取消',
    decideTitle: '审核决定', decide: '作出决定', audit: '处理记录', when: '时间', who: '操作人', action: '操作', detail: '内容',
    'a.received': '收件', 'a.validated': '规则审核', 'a.notice-issued': '出具文书', 'a.field-corrected': '更正字段', 'a.decided': '作出决定',
    'a.held-for-review': '待人工审核', 'a.signed-off': '审核签发', 'a.back-filed': '补录', 'a.personal-data-viewed': '查看完整证件号码',
    unmask: '显示完整证件号码和电话', unmaskReason: '查看理由（记入处理记录）', unmasked: '已显示完整号码，本次查看已记入处理记录',
    heldTitle: '待审核签发：通知书尚未发出', heldSince: '自 {w} 起等待', signOffNote: '审核意见（可不填）', signOff: '签发（{o}）', heldForOthers: '审核人员签发后通知书方可发出。',
    queue: '待审核', queueTitle: '待审核案件（先到先审）', waited: '已等待', proposed: '拟作结果', reasons: '原因', queueEmpty: '没有待审核的案件', minutes: '{n} 分钟', hours: '{n} 小时', days: '{n} 天',
    'us.under-review': '待审核', 'us.decided': '已发出', notCounted: '未计入汇总的班级（开班未受理或待审核）', search: '搜索', searchHint: '机构、班级编号或学员姓名', fullPage: '查看原图',
    users: '用户管理', userName: '用户名', userRole: '角色', userActive: '正常', userDisabled: '已停用', enable: '启用', disable: '停用', resetPassword: '重置密码',
    passwordReset: '{u} 的新密码：{p}（仅显示一次，请转交本人）', userNowDisabled: '{u} 已停用', userNowActive: '{u} 已启用',
    role_institution: '培训机构', role_reviewer: '审核人员', role_bureau: '人社部门',
    chooseFirst: '请先选择文件', refused: '上传被拒绝', uploaded: '已上传（材料包 {p}），受理结果稍后显示在列表中', chosen: '已选择 {n} 个文件：{list}',
    publicity: '公示名单', ledgerTitle: '培训班期台账', byPeriod: '按期间', byInstitution: '按机构', byOccupation: '按职业（工种）',
    classes: '班期', trainees: '参训人数', subsidised: '补贴人数', amount: '补贴金额（元）', className: '班级', period: '期间', opening: '开班', claim: '结报',
    classFile: '班级档案', dossier: '下载档案（ZIP）', caseList: '案件', backFiled: '补录', name: '姓名', idNumber: '身份证号码', approved: '开班核准', attendance: '出勤率',
    archive: '档案材料', checkByHand: '需人工核对', filed: '已归档', missing: '缺', noArchiveList: '所在地文件未列明档案清单',
    'cs.not-opened': '未开班备案', 'cs.opening-pending': '开班待补正', 'cs.opening-refused': '开班未受理', 'cs.opened': '已开班', 'cs.claim-pending': '结报待补正', 'cs.claim-refused': '结报未受理', 'cs.claimed': '已结报',
    registry: '机构名录', registryImport: '导入机构名录', registryColumns: 'CSV 或 Excel：机构编号、机构名称、统一社会信用代码、协议起始日期、协议终止日期、状态（正常/暂停/退出）。有一行出错则整份不导入。',
    institutionId: '机构编号', agreement: '协议期', 'st.active': '正常', 'st.suspended': '暂停', 'st.exited': '退出', 'st.none': '—',
    complaintTitle: '登记投诉举报', receivedOn: '收到日期', channel: '来源渠道', optional: '可不填', complaintSummary: '投诉举报内容', reporter: '举报人', reporterContact: '联系方式',
    reporterConfidential: '举报人信息加密保存，查看须说明理由并记入处理记录', verified: '经查属实', severeImpact: '造成恶劣社会影响', recordComplaint: '登记投诉', complaintRecorded: '已登记（案件 {c}）：{o}，{s}',
    't.complaint': '投诉举报', 'a.complaint-recorded': '登记投诉',
    inspections: '监督检查', rectifications: '责令整改', inspectionTitle: '记录监督检查', classCode: '班级编号', insClassName: '培训班名称', inspectedOn: '检查日期', inspectors: '检查人员', present: '实到人数', enrolled: '应到人数',
    whatWasSeen: '检查所见（可不填）', recordInspection: '记录检查', inspectionRecorded: '已记录（案件 {c}）：{o}，{s}', closeRectification: '整改完成', rectifiedHow: '整改情况（补课、补交材料等）',
    rectificationOpen: '整改中：{d} 起，期限 {due}', 't.inspection': '监督检查', 'a.inspection-recorded': '记录检查', 'a.rectification-closed': '整改完成',
    line: '第{n}行', imported: '已导入 {n} 家：新增 {c}，变更 {u}，未变 {s}', classLink: '班级档案 {c}',
    readingQueued: '识别中', readingPage: '识别中：第 {n}/{m} 页', readingFile: '（{f}）',
    storeRefused: '{f}: 存储拒绝（{s}）', netError: '{f}: 网络错误', notFound: '案件不存在或无权查看', saved: '已保存，第{n}版', needReason: '请填写理由',
  },
  en: {
    title: 'Vocational training intake', jurisdiction: 'City', all: 'All', status: 'Outcome', type: 'Type', institution: 'Institution', from: 'From', to: 'To', refresh: 'Refresh',
    ledger: 'Ledger', verify: 'Verify a document', upload: 'Upload a packet', send: 'Upload', caseNumber: 'Case number', received: 'Received', loading: 'Loading…', none: 'No cases',
    drop: 'Or drop files here. PDF, JPG, PNG, TIFF up to 100 MB each; lesson videos MP4, MOV up to 2 GB.',
    pick: 'Pick a case to see its findings, what was read and its notices.', shaoxing: 'Shaoxing', zibo: 'Zibo', liaocheng: 'Liaocheng', heze: 'Heze', qidong: 'Qidong',
    'o.accepted': 'Accepted', 'o.supplement-required': 'Supplement required', 'o.rejected': 'Rejected', 'o.warning': 'Written warning',
    't.class-opening': 'Class opening', 't.institution-filing': 'Institution filing', 't.change-request': 'Change request', 't.attendance': 'Attendance', 't.assessment-application': 'Assessment application', 't.subsidy-claim': 'Subsidy claim',
    pages: 'pages', revision: 'revision {n}', notices: 'Notices and documents', current: 'current', superseded: 'superseded', findings: 'Findings', noFindings: 'None',
    basis: 'basis', rule: 'rule', pagesView: 'Pages', legend: 'Blue: fields read; orange: low confidence, please check; green: corrected by a reviewer. Click a box to correct it.',
    documents: 'Documents read', field: 'Field', value: 'Value', confidence: 'Confidence', page: 'Page', correct: 'Correct', rows: 'rows',
    correctTitle: 'Correct a field', newValue: 'New value', reason: 'Reason', save: 'Save and re-check', cancel: 'Cancel',
    decideTitle: 'Decision', decide: 'Decide', audit: 'Audit trail', when: 'When', who: 'Who', action: 'Action', detail: 'Detail',
    'a.received': 'received', 'a.validated': 'rules checked', 'a.notice-issued': 'notice issued', 'a.field-corrected': 'field corrected', 'a.decided': 'decided',
    'a.held-for-review': 'held for review', 'a.signed-off': 'signed off', 'a.back-filed': 'back-filed', 'a.personal-data-viewed': 'whole ID numbers viewed',
    unmask: 'Show whole ID numbers and phones', unmaskReason: 'Why (kept in the audit trail)', unmasked: 'Whole numbers shown; this view is in the audit trail',
    heldTitle: 'Held for sign-off: no notice issued yet', heldSince: 'waiting since {w}', signOffNote: 'Note (optional)', signOff: 'Sign off ({o})', heldForOthers: 'The notice goes out once a reviewer signs it off.',
    queue: 'Review queue', queueTitle: 'Cases waiting for review (oldest first)', waited: 'Waiting', proposed: 'Proposed', reasons: 'Why', queueEmpty: 'No case waits for review', minutes: '{n} min', hours: '{n} h', days: '{n} d',
    'us.under-review': 'waiting', 'us.decided': 'issued', notCounted: 'Classes left out of the totals (opening not accepted, or waiting for review)', search: 'Search', searchHint: 'institution, class code or trainee name', fullPage: 'Full size',
    users: 'Users', userName: 'User', userRole: 'Role', userActive: 'active', userDisabled: 'disabled', enable: 'Enable', disable: 'Disable', resetPassword: 'Reset password',
    passwordReset: 'New password for {u}: {p} (shown once; pass it on)', userNowDisabled: '{u} disabled', userNowActive: '{u} enabled',
    role_institution: 'institution', role_reviewer: 'reviewer', role_bureau: 'bureau',
    chooseFirst: 'Choose files first', refused: 'Upload refused', uploaded: 'Uploaded (packet {p}); the result will appear in the list shortly', chosen: '{n} file(s) chosen: {list}',
    publicity: 'Publicity list', ledgerTitle: 'Class ledger', byPeriod: 'By period', byInstitution: 'By institution', byOccupation: 'By occupation',
    classes: 'Classes', trainees: 'Trainees', subsidised: 'Subsidised', amount: 'Subsidy (CNY)', className: 'Class', period: 'Period', opening: 'Opening', claim: 'Claim',
    classFile: 'Class file', dossier: 'Download the dossier (ZIP)', caseList: 'Cases', backFiled: 'back-filed', name: 'Name', idNumber: 'ID number', approved: 'Approved', attendance: 'Attendance',
    archive: 'Archive items', checkByHand: 'check by hand', filed: 'filed', missing: 'missing', noArchiveList: "The city's documents list no archive items",
    'cs.not-opened': 'not opened', 'cs.opening-pending': 'opening pending', 'cs.opening-refused': 'opening refused', 'cs.opened': 'opened', 'cs.claim-pending': 'claim pending', 'cs.claim-refused': 'claim refused', 'cs.claimed': 'claimed',
    registry: 'Registry', registryImport: 'Import the registry', registryColumns: 'CSV or Excel: 机构编号, 机构名称, 统一社会信用代码, 协议起始日期, 协议终止日期, 状态 (正常/暂停/退出). One bad row and nothing is imported.',
    institutionId: 'Institution id', agreement: 'Agreement', 'st.active': 'active', 'st.suspended': 'suspended', 'st.exited': 'exited', 'st.none': '—',
    complaintTitle: 'Register a complaint', receivedOn: 'Received on', channel: 'Source', optional: 'optional', complaintSummary: 'What the complaint says', reporter: 'Complainant', reporterContact: 'Contact',
    reporterConfidential: 'kept sealed; seeing it needs a reason, recorded in the trail', verified: 'Verified', severeImpact: 'Grave social impact', recordComplaint: 'Complaint', complaintRecorded: 'Registered (case {c}): {o}, {s}',
    't.complaint': 'Complaint', 'a.complaint-recorded': 'Complaint registered',
    inspections: 'Inspections', rectifications: 'Rectifications ordered', inspectionTitle: 'Record an inspection', classCode: 'Class code', insClassName: 'Class name', inspectedOn: 'Inspected on', inspectors: 'Inspectors', present: 'Present', enrolled: 'Enrolled',
    whatWasSeen: 'What was seen (optional)', recordInspection: 'Record', inspectionRecorded: 'Recorded (case {c}): {o}, {s}', closeRectification: 'Rectified', rectifiedHow: 'What was done (make-up lesson, papers handed in …)',
    rectificationOpen: 'Rectifying since {d}, due {due}', 't.inspection': 'Inspection', 'a.inspection-recorded': 'Inspection recorded', 'a.rectification-closed': 'Rectification closed',
    line: 'line {n}', imported: 'Imported {n}: {c} new, {u} changed, {s} unchanged', classLink: 'Class file {c}',
    readingQueued: 'being read', readingPage: 'reading page {n} of {m}', readingFile: ' ({f})',
    storeRefused: '{f}: refused by storage ({s})', netError: '{f}: network error', notFound: 'No such case, or not yours to see', saved: 'Saved, revision {n}', needReason: 'Give a reason',
  },
};

/** @type {Lang} */
let lang = localStorage.getItem('intake-lang') === 'en' ? 'en' : 'zh';

export const currentLang = () => lang;

/** @param {Lang} next */
export function setLang(next) {
  lang = next;
  localStorage.setItem('intake-lang', lang);
}

/**
 * A label in the chosen language, with {name} filled in.
 * @param {string} key
 * @param {Record<string, string | number>} [vars]
 */
export const t = (key, vars = {}) => (I18N[lang][key] ?? I18N.zh[key] ?? key).replace(/\{(\w+)\}/g, (_, v) => String(vars[v] ?? ''));

/** Every element marked data-t, in the chosen language. */
export function applyLang() {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  for (const el of document.querySelectorAll('[data-t]')) if (el instanceof HTMLElement) el.textContent = t(el.dataset.t ?? '');
  for (const el of document.querySelectorAll('[data-tp]')) if (el instanceof HTMLInputElement) el.placeholder = t(el.dataset.tp ?? '');
  const button = document.getElementById('lang');
  if (button) button.textContent = lang === 'en' ? '中文' : 'English';
  document.title = `${t('title')} · intake`;
}

/** A time as the bureau's clock reads it. @param {string} iso */
export const when = (iso) => new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' });

/** An amount of yuan. @param {number} n */
export const money = (n) => Number(n).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { minimumFractionDigits: 2 });
