// @ts-check
// The bureau's inspections (issue 21): a reviewer or bureau user records what inspectors found at a class,
// with photos; the city's rules decide (a 整改通知书, a 附件4 warning, an exit) and the notice waits for a
// sign-off in the review queue. An open rectification is closed here, with what was done and its evidence.
import { $, esc } from './dom.js';
import { t } from './i18n.js';
import { api } from './session.js';

/** @param {File} f */
const base64 = (f) => new Promise((resolve, reject) => {
  const r = new FileReader();
  r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
  r.onerror = () => reject(r.error);
  r.readAsDataURL(f);
});

/** @param {HTMLInputElement | null} input */
const evidenceOf = async (input) => Promise.all([...(input?.files ?? [])].map(async (f) => ({ name: f.name, data: await base64(f) })));

/**
 * The form for one institution's inspection, in the panel given.
 * @param {HTMLElement} panel
 * @param {{ jurisdiction: string, institution: string, name: string | null }} inst
 * @param {() => Promise<void>} done what to show after (the registry again)
 */
export async function inspectionForm(panel, inst, done) {
  const r = await api('/api/inspections/kinds');
  if (!r.ok) return;
  /** @type {{ kinds: { kind: string, words: string }[] }} */
  const { kinds } = await r.json();
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  panel.innerHTML = `<div class="panel" id="inspection-form"><strong>${esc(t('inspectionTitle'))}</strong> <span class="muted">${esc(inst.name ?? inst.institution)}</span>
    <p><label>${esc(t('classCode'))} <input id="ins-class" required></label> <label>${esc(t('insClassName'))} <input id="ins-class-name"></label>
    <label>${esc(t('inspectedOn'))} <input id="ins-date" type="date" value="${today}"></label></p>
    <p><label>${esc(t('inspectors'))} <input id="ins-inspectors" placeholder="张明、李华"></label>
    <label>${esc(t('present'))} <input id="ins-present" type="number" min="0" style="width:5em"></label> / <label>${esc(t('enrolled'))} <input id="ins-enrolled" type="number" min="1" style="width:5em"></label></p>
    <table id="ins-kinds">${kinds.map((k, i) => `<tr><td><label><input type="checkbox" id="ins-k-${i}" value="${esc(k.kind)}"> ${esc(k.words)}</label></td>
      <td><input id="ins-n-${i}" placeholder="${esc(t('whatWasSeen'))}"></td><td><input id="ins-f-${i}" type="file" multiple accept=".jpg,.jpeg,.png,.heic,.pdf,.mp4"></td></tr>`).join('')}</table>
    <button class="act" id="ins-send">${esc(t('recordInspection'))}</button> <button id="ins-cancel">${esc(t('cancel'))}</button><div id="ins-msg"></div></div>`;
  $('ins-cancel').onclick = () => { panel.innerHTML = ''; };
  $('ins-send').onclick = async () => {
    const val = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ ($(id)).value.trim();
    const findings = [];
    for (let i = 0; i < kinds.length; i++) {
      const box = /** @type {HTMLInputElement} */ ($(`ins-k-${i}`));
      if (box.checked) findings.push({ kind: box.value, note: val(`ins-n-${i}`), evidence: await evidenceOf(/** @type {HTMLInputElement} */ ($(`ins-f-${i}`))) });
    }
    const count = (/** @type {string} */ id) => (val(id) === '' ? undefined : Number(val(id)));
    const body = {
      jurisdiction: inst.jurisdiction, institution: inst.institution, classCode: val('ins-class'), ...(val('ins-class-name') ? { className: val('ins-class-name') } : {}),
      date: val('ins-date'), inspectors: val('ins-inspectors').split(/[、,，\s]+/).filter(Boolean), presentCount: count('ins-present'), enrolledCount: count('ins-enrolled'), findings,
    };
    const res = await api('/api/inspections', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = await res.json();
    if (!res.ok) { $('ins-msg').innerHTML = `<p class="error">${esc(answer.error)}</p>`; return; }
    await done();
    const c = answer.case;
    const note = document.getElementById('reg-msg') ?? panel;
    note.textContent = t('inspectionRecorded', { c: c.caseId, o: t('o.' + c.outcome), s: t('us.' + c.status) });
  };
}

/**
 * The bureau closes a rectification: what the institution did, with evidence.
 * @param {HTMLElement} panel
 * @param {string} caseId the inspection that opened it
 * @param {() => Promise<void>} done
 */
export function closeForm(panel, caseId, done) {
  panel.innerHTML = `<div class="panel" id="close-form"><strong>${esc(t('closeRectification'))}</strong> <span class="muted">${esc(caseId)}</span>
    <p><textarea id="close-note" rows="2" cols="60" placeholder="${esc(t('rectifiedHow'))}"></textarea></p>
    <input id="close-files" type="file" multiple accept=".jpg,.jpeg,.png,.heic,.pdf,.mp4"> <button class="act" id="close-send">${esc(t('closeRectification'))}</button><div id="close-msg"></div></div>`;
  $('close-send').onclick = async () => {
    const body = { note: /** @type {HTMLTextAreaElement} */ ($('close-note')).value, evidence: await evidenceOf(/** @type {HTMLInputElement} */ ($('close-files'))) };
    const res = await api(`/api/inspections/${encodeURIComponent(caseId)}/close`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) { $('close-msg').innerHTML = `<p class="error">${esc((await res.json()).error)}</p>`; return; }
    await done();
  };
}

/** How complaints reach the bureau (Liaocheng 七（二）'s sources; lib/cases/complaint.ts holds the list). */
const CHANNELS = ['实名举报', '匿名举报', '市民热线', '电话回访', '日常监管', '媒体报道', '上级部门', '审计监督', '纪检监察', '巡视巡察', '来信来访', '其他'];

/**
 * A complaint about one institution: where it came from, what it says, who made it (kept confidential),
 * and — once checked — whether it was borne out with a grave social impact.
 * @param {HTMLElement} panel
 * @param {{ jurisdiction: string, institution: string, name: string | null }} inst
 * @param {() => Promise<void>} done
 */
export function complaintForm(panel, inst, done) {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  panel.innerHTML = `<div class="panel" id="complaint-form"><strong>${esc(t('complaintTitle'))}</strong> <span class="muted">${esc(inst.name ?? inst.institution)}</span>
    <p><label>${esc(t('receivedOn'))} <input id="cp-date" type="date" value="${today}"></label>
    <label>${esc(t('channel'))} <select id="cp-channel">${CHANNELS.map((c) => `<option>${esc(c)}</option>`).join('')}</select></label>
    <label>${esc(t('classCode'))} <input id="cp-class" placeholder="${esc(t('optional'))}"></label></p>
    <p><textarea id="cp-summary" rows="2" cols="60" placeholder="${esc(t('complaintSummary'))}"></textarea></p>
    <p><label>${esc(t('reporter'))} <input id="cp-reporter"></label> <label>${esc(t('reporterContact'))} <input id="cp-contact"></label> <span class="muted">${esc(t('reporterConfidential'))}</span></p>
    <p><label><input type="checkbox" id="cp-verified"> ${esc(t('verified'))}</label> <label><input type="checkbox" id="cp-severe"> ${esc(t('severeImpact'))}</label></p>
    <button class="act" id="cp-send">${esc(t('recordComplaint'))}</button> <button id="cp-cancel">${esc(t('cancel'))}</button><div id="cp-msg"></div></div>`;
  $('cp-cancel').onclick = () => { panel.innerHTML = ''; };
  $('cp-send').onclick = async () => {
    const val = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ ($(id)).value.trim();
    const checked = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ ($(id)).checked;
    const body = {
      jurisdiction: inst.jurisdiction, institution: inst.institution, receivedDate: val('cp-date'), channel: /** @type {HTMLSelectElement} */ ($('cp-channel')).value,
      summary: /** @type {HTMLTextAreaElement} */ ($('cp-summary')).value.trim(), ...(val('cp-class') ? { classCode: val('cp-class') } : {}),
      ...(val('cp-reporter') ? { reporterName: val('cp-reporter') } : {}), ...(val('cp-contact') ? { reporterContact: val('cp-contact') } : {}),
      verified: checked('cp-verified'), severeImpact: checked('cp-severe'),
    };
    const res = await api('/api/complaints', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = await res.json();
    if (!res.ok) { $('cp-msg').innerHTML = `<p class="error">${esc(answer.error)}</p>`; return; }
    await done();
    const note = document.getElementById('reg-msg') ?? panel;
    note.textContent = t('complaintRecorded', { c: answer.case.caseId, o: t('o.' + answer.case.outcome), s: t('us.' + answer.case.status) });
  };
}
