// @ts-check
// One class's file (一班一档): where it stands, its cases in the order received, its trainees — approved on
// the opening, their attendance, subsidised or not and why — the items of the city's archive list still
// missing, and the dossier to download.
import { $, esc } from './dom.js';
import { t } from './i18n.js';
import { api, download } from './session.js';
import { state } from './state.js';

/** @typedef {import('../../lib/cases/class-file.ts').ClassFile} ClassFile */

/** @param {string} jurisdiction @param {string} institution @param {string} code */
export async function showClass(jurisdiction, institution, code) {
  const base = `/api/classes/${encodeURIComponent(jurisdiction)}/${encodeURIComponent(institution)}/${encodeURIComponent(code)}`;
  const r = await api(base);
  if (!r.ok) { $('detail').innerHTML = `<p class="error">${esc(t('notFound'))}</p>`; return; }
  /** @type {{ class: ClassFile }} */
  const { class: f } = await r.json();
  state.selected = null;
  const yes = (/** @type {boolean | null} */ v) => (v === null ? '—' : v ? '✓' : '✗');
  $('detail').innerHTML = `<h2 id="class-title">${esc(t('classFile'))} ${esc(f.classCode)} <span class="tag">${esc(t('cs.' + f.status))}</span></h2>
    <p>${esc(f.className ?? '')} · ${esc(t(f.jurisdiction))} · ${esc(f.institution)} · <button class="link" id="dossier">${esc(t('dossier'))}</button></p>
    <h3>${esc(t('caseList'))} (${f.cases.length})</h3>
    <table id="class-cases"><tr><th>${esc(t('received'))}</th><th>${esc(t('caseNumber'))}</th><th>${esc(t('type'))}</th><th>${esc(t('status'))}</th></tr>
    ${f.cases.map((c) => `<tr class="case" data-id="${esc(c.caseId)}"><td>${esc(c.date)}${c.backFiled ? ` <span class="tag">${esc(t('backFiled'))}</span>` : ''}</td><td>${esc(c.caseId)}</td><td>${esc(t('t.' + c.submissionType))}</td>
      <td><span class="outcome ${esc(c.outcome)}">${esc(t('o.' + c.outcome))}</span> <span class="muted">${esc(c.findings.join(', '))}</span></td></tr>`).join('')}</table>
    <h3>${esc(t('trainees'))} (${f.trainees.length})</h3>
    <table id="class-trainees"><tr><th>#</th><th>${esc(t('name'))}</th><th>${esc(t('idNumber'))}</th><th>${esc(t('approved'))}</th><th>${esc(t('attendance'))}</th><th>${esc(t('subsidised'))}</th></tr>
    ${f.trainees.map((x) => `<tr class="${x.approved ? '' : 'review'}"><td>${x.seq ?? ''}</td><td>${esc(x.name)}</td><td class="muted">${esc(x.idNumber)}</td><td>${yes(x.approved)}</td>
      <td>${x.attendanceRate === null ? '—' : `${Math.round(x.attendanceRate * 100)}%`}</td><td>${yes(x.subsidised)}${x.why ? `<div class="muted">${esc(x.why)}</div>` : ''}</td></tr>`).join('')}</table>
    <h3>${esc(t('archive'))}</h3>
    ${f.archive.source ? `<ul id="class-archive">${f.archive.items.map((i) => `<li class="${i.present === false && !i.optional ? 'error' : ''}">${esc(i.label)}：${esc(i.present === null ? t('checkByHand') : i.present ? t('filed') : t('missing'))}</li>`).join('')}</ul>
      <p class="quote">${esc(t('basis'))}：${esc(f.archive.source.section)}“${esc(f.archive.source.quote)}”</p>` : `<p class="muted">${esc(t('noArchiveList'))}</p>`}`;
  $('dossier').onclick = () => download(`${base}/dossier`, `class-${f.classCode}.zip`);
  for (const tr of document.querySelectorAll('#class-cases tr.case')) {
    /** @type {HTMLElement} */ (tr).onclick = async () => (await import('./case-view.js')).showCase(tr.getAttribute('data-id') ?? '');
  }
}
