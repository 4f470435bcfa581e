// @ts-check
// One case: its outcome, notices, findings with their clauses, the pages with the fields read drawn on
// them, the documents read, and the audit trail. A reviewer corrects a field or decides the case here;
// the server judges it again and answers with the next revision.
import { $, esc } from './dom.js';
import { t, when } from './i18n.js';
import { DOCUMENT_LABEL, fieldLabel, TABLE_LABEL, valueLabel } from './labels.js';
import { API, api } from './session.js';
import { state } from './state.js';

/** @typedef {import('./state.js').CaseRecord} CaseRecord */
/** @typedef {import('./state.js').CaseView} CaseView */
/** @typedef {import('./state.js').AuditEvent} AuditEvent */
/** @typedef {import('./state.js').Field} Field */
/** @typedef {{ id: string, document: number, table?: string, row?: number, field: string, f: Field, label: string }} Target */

/** A value the server would send for review: below its threshold, or with a review note. @param {Field} f */
const low = (f) => (f.confidence ?? 1) < (state.current?.reviewThreshold ?? 1) || !!f.review;
/** @param {Field} f */
const cls = (f) => (f.correctedBy ? 'corrected' : low(f) ? 'review' : '');

/**
 * Every field and table cell of the case, with where it sits: the page view and the tables share them.
 * @param {CaseRecord} c
 * @returns {Target[]}
 */
function targets(c) {
  /** @type {Target[]} */
  const out = [];
  c.documents.forEach((d, di) => {
    for (const [k, f] of Object.entries(d.fields)) out.push({ id: `d${di}.${k}`, document: di, field: k, f, label: fieldLabel(k) });
    for (const [tn, rows] of Object.entries(d.tables ?? {})) rows.forEach((row, ri) => {
      for (const [k, f] of Object.entries(row)) out.push({ id: `d${di}.${tn}.${ri}.${k}`, document: di, table: tn, row: ri, field: k, f, label: fieldLabel(k, tn, ri) });
    });
  });
  return out;
}

/** @param {string} id */
export async function showCase(id) {
  state.selected = id;
  const r = await api(`/api/cases/${encodeURIComponent(id)}`);
  if (!r.ok) { $('detail').innerHTML = `<p class="error">${esc(t('notFound'))}</p>`; return; }
  state.current = await r.json();
  render();
  state.refreshList();
}

/** @param {Target} x @param {boolean} reviewable */
function row(x, reviewable) {
  return `<tr class="${cls(x.f)}" data-field="${esc(x.id)}"><td>${esc(x.label)}</td><td class="value">${esc(valueLabel(x.f.value))}${x.f.review ? `<div class="muted">${esc(x.f.review)}</div>` : ''}${x.f.correctedBy ? `<div class="muted">✓ ${esc(x.f.correctedBy)}</div>` : ''}</td>
    <td class="muted">${x.f.confidence ?? ''}${x.f.page ? ` <button class="link goto" data-page="${x.f.page}" data-goto="${esc(x.id)}">p.${x.f.page}</button>` : ''}</td><td>${reviewable ? `<button class="link" data-correct="${esc(x.id)}">${esc(t('correct'))}</button>` : ''}</td></tr>`;
}

/** What an audit event did, in a line. @param {AuditEvent} a */
function auditDetail(a) {
  /** @type {Record<string, any>} */
  const d = a.detail ?? {};
  if (a.action === 'field-corrected') return `${fieldLabel(d.field, d.table, d.row)}: ${valueLabel(d.from) || '—'} → ${valueLabel(d.to) || '—'}（${d.reason}）`;
  if (a.action === 'decided') return `${t('o.' + d.outcome)}（${d.reason}）`;
  if (a.action === 'held-for-review') return `${t('o.' + d.outcome)} · ${(d.reasons ?? []).join('；')}`;
  if (a.action === 'signed-off') return `${t('o.' + d.outcome)}${d.note ? `（${d.note}）` : ''}`;
  if (a.action === 'validated') return `${t('o.' + d.outcome)} · ${(d.findings ?? []).join(', ')}`;
  if (a.action === 'notice-issued') return String(d.key ?? '').split('/').pop();
  if (a.action === 'received') return `${(d.uploads ?? []).length} · ${d.pages ?? 0} ${t('pages')}`;
  return '';
}

/** The case's HTML. @param {CaseView} view @param {Target[]} all @param {{ text: string, bad?: boolean }} [message] */
function caseHtml(view, all, message) {
  const { case: c, audit, pdfs, reviewable } = view;
  const base = `/api/cases/${encodeURIComponent(c.caseId)}`;
  return `
    <h2>${esc(c.caseNumber)} <span class="outcome ${esc(c.outcome)}" id="case-outcome">${esc(t('o.' + c.outcome))}</span> <span class="tag">${esc(t('revision', { n: c.revision ?? 1 }))}</span></h2>
    <p>${esc(c.institutionName ?? c.institution)} · ${esc(t('t.' + c.submissionType))} · ${c.pageCount} ${esc(t('pages'))} · ${esc(when(c.createdAt))}${c.class ? ` · <button class="link" id="class-link">${esc(t('classLink', { c: c.class.code }))}</button>` : ''}</p>
    ${message ? `<p id="review-msg" class="${message.bad ? 'error' : ''}">${esc(message.text)}</p>` : ''}
    <h3>${esc(t('notices'))}</h3>
    <ul id="notices">${pdfs.map((p) => `<li><a href="${API}${base}/pdfs/${p.index}" target="_blank" data-pdf="${p.index}" data-kind="${esc(p.kind)}">${esc(p.title)}</a>
      <span class="tag ${p.current ? 'current' : ''}">${esc(p.current ? t('current') : t('superseded'))}</span> <span class="muted">${esc(t('revision', { n: p.revision }))}</span></li>`).join('')}</ul>
    <h3>${esc(t('findings'))} (${c.findings.length})</h3>
    <div id="findings">${c.findings.length === 0 ? `<p class="muted">${esc(t('noFindings'))}</p>` : c.findings.map((f) => `
      <div class="finding ${f.severity === 'info' ? 'info' : ''}"><div>${esc(f.message)}</div>
      <div class="quote">${esc(t('basis'))}：${esc(f.source.section)}“${esc(f.source.quote)}” · ${esc(t('rule'))} ${esc(f.ruleId)}</div></div>`).join('')}</div>
    ${c.review ? `<div class="panel held" id="held"><strong>${esc(t('heldTitle'))}</strong> <span class="muted">${esc(t('heldSince', { w: when(c.review.since) }))}</span>
      <ul>${c.review.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>
      ${reviewable ? `<textarea id="s-note" placeholder="${esc(t('signOffNote'))}"></textarea><button class="act" id="s-send">${esc(t('signOff', { o: t('o.' + c.outcome) }))}</button>` : `<p class="muted">${esc(t('heldForOthers'))}</p>`}</div>` : ''}
    ${reviewable ? `<div class="panel" id="decide">
      <strong>${esc(t('decideTitle'))}</strong>
      <select id="d-outcome">${['accepted', 'supplement-required', 'rejected', 'warning'].map((o) => `<option value="${o}" ${o === c.outcome ? 'selected' : ''}>${esc(t('o.' + o))}</option>`).join('')}</select>
      <textarea id="d-reason" placeholder="${esc(t('reason'))}"></textarea>
      <button class="act" id="d-send">${esc(t('decide'))}</button></div>` : ''}
    <div class="panel" id="correct" hidden></div>
    ${view.unmaskable ? `<div class="panel" id="unmask"><input id="u-reason" placeholder="${esc(t('unmaskReason'))}" style="width:50%"> <button id="u-send">${esc(t('unmask'))}</button></div>` : ''}
    ${c.pageCount > 0 ? `<h3>${esc(t('pagesView'))}</h3>
    <div class="pager">${Array.from({ length: c.pageCount }, (_, i) => `<button data-page="${i + 1}" class="${i + 1 === state.page ? 'on' : ''}">${i + 1}</button>`).join('')}</div>
    <p class="muted">${esc(t('legend'))} <button class="link" id="page-full">${esc(t('fullPage'))}</button></p>
    <div class="page" id="page-view"><img id="page-img" alt="page ${state.page}">
      <svg id="page-boxes" preserveAspectRatio="none"></svg></div>` : ''}
    <h3>${esc(t('documents'))} (${c.documents.length})</h3>
    ${c.documents.map((d, di) => `<details open><summary>${esc(d.title ?? DOCUMENT_LABEL[d.type] ?? d.type)} <span class="muted">${esc(DOCUMENT_LABEL[d.type] ?? d.type)} · ${esc(t('page'))} ${d.pages.join(',')} · ${d.confidence}</span></summary>
      <table><tr><th>${esc(t('field'))}</th><th>${esc(t('value'))}</th><th>${esc(t('confidence'))}</th><th></th></tr>
      ${all.filter((x) => x.document === di && x.table === undefined).map((x) => row(x, reviewable)).join('')}</table>
      ${Object.entries(d.tables ?? {}).map(([tn, rows]) => `<p class="muted">${esc(TABLE_LABEL[tn] ?? tn)}: ${rows.length} ${esc(t('rows'))}</p>
        <table>${all.filter((x) => x.document === di && x.table === tn).map((x) => row(x, reviewable)).join('')}</table>`).join('')}
    </details>`).join('')}
    <h3>${esc(t('audit'))}</h3>
    <table id="audit"><tr><th>${esc(t('when'))}</th><th>${esc(t('who'))}</th><th>${esc(t('action'))}</th><th>${esc(t('detail'))}</th></tr>
    ${audit.map((a) => `<tr><td class="muted">${esc(when(a.at))}</td><td>${esc(a.actor)}</td><td>${esc(t('a.' + a.action))}</td><td class="muted">${esc(auditDetail(a))}</td></tr>`).join('')}</table>`;
}

/** The page image, fetched with the sign-in (an <img src> could not carry the ID token), and the fields' boxes on it. @param {string} base @param {Target[]} all @param {boolean} reviewable */
function showPage(base, all, reviewable) {
  const img = document.getElementById('page-img');
  if (!(img instanceof HTMLImageElement)) return;
  const onPage = all.filter((x) => x.f.page === state.page && Array.isArray(x.f.bbox));
  // A light preview first; the full page on demand (原图). The boxes are in the full page's pixels, which the
  // server names whatever size it sends.
  const size = { w: 0, h: 0 };
  const load = (/** @type {string} */ q) => api(`${base}/pages/${state.page}${q}`).then(async (r) => {
    if (!r.ok) return;
    size.w = Number(r.headers.get('x-page-width')) || 0;
    size.h = Number(r.headers.get('x-page-height')) || 0;
    img.src = URL.createObjectURL(await r.blob());
  });
  void load('');
  const full = document.getElementById('page-full');
  if (full) full.onclick = () => void load('?size=full');
  img.onload = () => {
    const svg = $('page-boxes');
    svg.setAttribute('viewBox', `0 0 ${size.w || img.naturalWidth} ${size.h || img.naturalHeight}`);
    svg.innerHTML = onPage.map((x) => {
      const [x0, y0, x1, y1] = /** @type {number[]} */ (x.f.bbox);
      return `<rect data-target="${esc(x.id)}" class="${x.f.correctedBy ? 'fixed' : low(x.f) ? 'low' : ''}${x.id === state.focus ? ' focus' : ''}" x="${x0 - 4}" y="${y0 - 4}" width="${x1 - x0 + 8}" height="${y1 - y0 + 8}"><title>${esc(x.label)}: ${esc(x.f.value)}</title></rect>`;
    }).join('');
    for (const el of svg.querySelectorAll('rect')) {
      /** @type {SVGRectElement} */ (el).onclick = () => { if (reviewable) openCorrection(all.find((x) => x.id === el.getAttribute('data-target'))); };
    }
  };
}

/** @param {{ text: string, bad?: boolean }} [message] */
export function render(message) {
  const view = state.current;
  if (!view) return;
  const all = targets(view.case);
  const base = `/api/cases/${encodeURIComponent(view.case.caseId)}`;
  $('detail').innerHTML = caseHtml(view, all, message);
  const klass = view.case.class;
  const link = document.getElementById('class-link');
  if (klass && link) link.onclick = async () => (await import('./class-view.js')).showClass(view.case.jurisdiction, view.case.institution, klass.code);
  // A notice opens at its short-lived presigned URL, which the API gives for the signed-in user.
  for (const a of document.querySelectorAll('a[data-pdf]')) {
    /** @type {HTMLAnchorElement} */ (a).onclick = async (e) => {
      e.preventDefault();
      const w = window.open('', '_blank');
      const r = await api(`${base}/pdfs/${/** @type {HTMLAnchorElement} */ (a).dataset.pdf}?redirect=0`);
      if (!w) return;
      if (r.ok) w.location = (await r.json()).url;
      else w.close();
    };
  }
  for (const b of document.querySelectorAll('.pager button')) /** @type {HTMLButtonElement} */ (b).onclick = () => { state.page = Number(/** @type {HTMLButtonElement} */ (b).dataset.page); render(); };
  showPage(base, all, view.reviewable);
  // A field's page link shows its page with its box picked out.
  for (const b of document.querySelectorAll('button.goto')) {
    const button = /** @type {HTMLButtonElement} */ (b);
    button.onclick = () => { state.page = Number(button.dataset.page); state.focus = button.dataset.goto ?? null; render(); document.getElementById('page-view')?.scrollIntoView({ block: 'start' }); };
  }
  for (const b of document.querySelectorAll('button[data-correct]')) /** @type {HTMLButtonElement} */ (b).onclick = () => openCorrection(all.find((x) => x.id === /** @type {HTMLButtonElement} */ (b).dataset.correct));
  const send = document.getElementById('d-send');
  if (send) send.onclick = () => act('decision', { outcome: $('d-outcome', HTMLSelectElement).value, reason: $('d-reason', HTMLTextAreaElement).value });
  const unmask = document.getElementById('u-send');
  if (unmask) unmask.onclick = () => showUnmasked($('u-reason', HTMLInputElement).value);
  const signOff = document.getElementById('s-send');
  if (signOff) signOff.onclick = () => act('sign-off', { note: $('s-note', HTMLTextAreaElement).value.trim() || undefined });
}

/**
 * The case again with whole ID numbers and phones, once the server has written the view to the audit
 * trail (its reason with it); the trail shown is read again so that the view appears in it.
 * @param {string} reason
 */
async function showUnmasked(reason) {
  if (!state.current) return;
  if (!reason.trim()) return render({ text: t('needReason'), bad: true });
  const id = state.current.case.caseId;
  const r = await api(`/api/cases/${encodeURIComponent(id)}/unmask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason }) });
  const answer = await r.json().catch(() => ({}));
  if (!r.ok) return render({ text: answer.error ?? String(r.status), bad: true });
  const again = await api(`/api/cases/${encodeURIComponent(id)}`);
  if (again.ok) state.current = await again.json();
  if (state.current) state.current = { ...state.current, case: answer.case, unmaskable: false };
  render({ text: t('unmasked') });
}

/** @param {Target | undefined} x */
function openCorrection(x) {
  if (!x || !state.current) return;
  const box = $('correct');
  box.hidden = false;
  const docType = state.current.case.documents[x.document]?.type ?? '';
  box.innerHTML = `<strong>${esc(t('correctTitle'))}</strong> <span class="muted">${esc(DOCUMENT_LABEL[docType] ?? docType)} · ${esc(x.label)}</span>
    <div>${esc(t('value'))}: <span class="muted">${esc(x.f.value)}</span></div>
    <label>${esc(t('newValue'))} <input id="c-value" value="${esc(/idNumber/i.test(x.field) ? '' : x.f.value)}" style="width:60%"></label>
    <textarea id="c-reason" placeholder="${esc(t('reason'))}"></textarea>
    <button class="act" id="c-save">${esc(t('save'))}</button> <button id="c-cancel">${esc(t('cancel'))}</button>`;
  box.scrollIntoView({ block: 'nearest' });
  $('c-cancel').onclick = () => { box.hidden = true; };
  $('c-save').onclick = () => act('corrections', {
    document: x.document, field: x.field, ...(x.table !== undefined ? { table: x.table, row: x.row } : {}),
    value: $('c-value', HTMLInputElement).value, reason: $('c-reason', HTMLTextAreaElement).value,
  });
}

/**
 * A correction, a decision or a sign-off: the server judges the case again (or issues its held notice)
 * and answers with its new revision.
 * @param {'corrections' | 'decision' | 'sign-off'} kind
 * @param {Record<string, unknown> & { reason?: string }} body
 */
async function act(kind, body) {
  if (!state.current) return;
  if (kind !== 'sign-off' && !String(body.reason ?? '').trim()) return render({ text: t('needReason'), bad: true });
  const r = await api(`/api/cases/${encodeURIComponent(state.current.case.caseId)}/${kind}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ revision: state.current.case.revision ?? 1, ...body }),
  });
  const answer = await r.json().catch(() => ({}));
  if (!r.ok) return render({ text: answer.error ?? String(r.status), bad: true });
  await showCase(state.current.case.caseId);
  render({ text: t('saved', { n: answer.case.revision }) });
  $('detail').scrollTop = 0; // the new outcome and notice are at the top
}
