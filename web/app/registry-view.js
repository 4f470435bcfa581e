// @ts-check
// The bureau's registry of institutions (CONTRACT: intake institutions import / list): who may open classes
// and claim, their agreement term and standing; the bureau uploads its registry file here.
import { $, esc } from './dom.js';
import { t } from './i18n.js';
import { api } from './session.js';
import { state } from './state.js';
import { closeForm, complaintForm, inspectionForm } from './inspection-view.js';

/** @typedef {import('../../lib/cases/registry.ts').RegistryEntry} RegistryEntry */

/** @param {string} jurisdiction the city chosen in the filters ('' for all the user may see) */
export async function showRegistry(jurisdiction) {
  state.selected = null;
  const r = await api('/api/institutions' + (jurisdiction ? `?jurisdiction=${jurisdiction}` : ''));
  if (!r.ok) return;
  /** @type {{ institutions: RegistryEntry[] }} */
  const { institutions } = await r.json();
  const me = state.me;
  const city = jurisdiction || (me && me.role === 'bureau' ? me.jurisdictions[0] : '');
  // Reviewers and the bureau record inspections and close rectifications (the API checks the city again).
  const inspects = me?.role === 'bureau' || me?.role === 'reviewer';
  $('detail').innerHTML = `<h2 id="registry-title">${esc(t('registry'))} (${institutions.length})</h2>
    ${me?.role === 'bureau' ? `<div class="panel" id="registry-upload"><strong>${esc(t('registryImport'))}</strong> <span class="muted">${esc(t(city))}</span>
      <p class="muted">${esc(t('registryColumns'))}</p>
      <input id="reg-file" type="file" accept=".csv,.xlsx"> <button class="act" id="reg-send">${esc(t('send'))}</button><div id="reg-msg"></div></div>` : ''}
    <div id="inspection-panel"></div>
    <table id="registry"><tr><th>${esc(t('jurisdiction'))}</th><th>${esc(t('institutionId'))}</th><th>${esc(t('institution'))}</th><th>${esc(t('status'))}</th><th>${esc(t('agreement'))}</th>${inspects ? `<th>${esc(t('inspections'))}</th>` : ''}</tr>
    ${institutions.map((i, n) => `<tr><td>${esc(t(i.jurisdiction))}</td><td>${esc(i.institution)}</td><td>${esc(i.name)}<div class="muted">${esc(i.creditCode)}</div></td>
      <td>${esc(t('st.' + (i.status ?? 'none')))}${i.reason ? `<div class="muted">${esc(i.reason)}</div>` : ''}
      ${(i.rectifications ?? []).map((m) => `<div class="muted">${esc(t('rectificationOpen', { d: m.on, due: m.dueBy ?? '—' }))}${inspects ? ` <button class="close-rect" data-case="${esc(m.caseId)}">${esc(t('closeRectification'))}</button>` : ''}</div>`).join('')}</td>
      <td class="muted">${esc(i.agreementStart ?? '')} – ${esc(i.agreementEnd ?? '')}</td>${inspects ? `<td><button class="inspect" data-n="${n}">${esc(t('recordInspection'))}</button> <button class="complain" data-n="${n}">${esc(t('recordComplaint'))}</button></td>` : ''}</tr>`).join('')}</table>`;
  const panel = $('inspection-panel');
  const again = () => showRegistry(jurisdiction);
  for (const b of document.querySelectorAll('button.inspect')) /** @type {HTMLButtonElement} */ (b).onclick = () => inspectionForm(panel, institutions[Number(/** @type {HTMLButtonElement} */ (b).dataset.n)], again);
  for (const b of document.querySelectorAll('button.complain')) /** @type {HTMLButtonElement} */ (b).onclick = () => complaintForm(panel, institutions[Number(/** @type {HTMLButtonElement} */ (b).dataset.n)], again);
  for (const b of document.querySelectorAll('button.close-rect')) /** @type {HTMLButtonElement} */ (b).onclick = () => closeForm(panel, /** @type {HTMLButtonElement} */ (b).dataset.case ?? '', again);
  const send = document.getElementById('reg-send');
  if (!send) return;
  send.onclick = async () => {
    const input = /** @type {HTMLInputElement} */ ($('reg-file'));
    const file = input.files?.[0];
    if (!file) { $('reg-msg').textContent = t('chooseFirst'); return; }
    const res = await api(`/api/institutions/import?jurisdiction=${city}&file=${encodeURIComponent(file.name)}`, { method: 'POST', body: await file.arrayBuffer() });
    const body = await res.json();
    if (!res.ok) {
      $('reg-msg').innerHTML = `<p class="error">${esc(body.error)}</p>${(body.problems ?? []).map((/** @type {{ line: number, message: string }} */ p) => `<div class="muted">${esc(t('line', { n: p.line }))}: ${esc(p.message)}</div>`).join('')}`;
      return;
    }
    await showRegistry(jurisdiction);
    $('reg-msg').textContent = t('imported', { n: body.rows, c: body.created, u: body.updated, s: body.unchanged });
  };
}
