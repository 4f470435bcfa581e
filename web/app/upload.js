// @ts-check
// Institutions upload: the API checks names, types and sizes and presigns one POST per file; each file
// then goes straight to S3 with a progress bar; the packet shows in the list as being read, then as its case.
import { $ } from './dom.js';
import { t } from './i18n.js';
import { api } from './session.js';
import { state } from './state.js';

/** @type {File[]} */
let chosen = [];

/** @param {string} text @param {boolean} [bad] */
function upMsg(text, bad) {
  const m = $('up-msg');
  m.textContent = text;
  m.style.color = bad ? '#b71c1c' : '#1b5e20';
}

/** @param {FileList | File[] | null | undefined} files */
function choose(files) {
  chosen = [...(files ?? [])];
  upMsg(chosen.length ? t('chosen', { n: chosen.length, list: chosen.map((f) => f.name).join('、') }) : '');
}

/**
 * One file to its presigned POST, reporting the bytes sent.
 * @param {{ url: string, fields: Record<string, string> }} u
 * @param {File} file
 * @param {(sent: number) => void} onProgress
 */
function postFile(u, file, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(u.fields)) form.append(k, v);
    form.append('file', file);
    const x = new XMLHttpRequest();
    x.open('POST', u.url);
    x.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded);
    x.onload = () => (x.status < 300 ? resolve(undefined) : reject(new Error(t('storeRefused', { f: file.name, s: x.status }))));
    x.onerror = () => reject(new Error(t('netError', { f: file.name })));
    x.send(form);
  });
}

async function send() {
  const me = state.me;
  if (!me || me.role !== 'institution' || !chosen.length) return upMsg(t('chooseFirst'), true);
  const r = await api('/api/uploads', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jurisdiction: me.jurisdiction, submissionType: $('up-type', HTMLSelectElement).value, files: chosen.map((f) => ({ name: f.name, size: f.size })) }),
  });
  /** @type {{ error?: string, packet: string, uploads: { file: string, url: string, fields: Record<string, string> }[] }} */
  const body = await r.json();
  if (!r.ok) return upMsg(body.error ?? t('refused'), true);
  const bar = $('up-progress', HTMLProgressElement);
  const total = chosen.reduce((s, f) => s + f.size, 0);
  /** @type {Map<string, number>} */
  const done = new Map();
  bar.hidden = false;
  bar.value = 0;
  try {
    await Promise.all(body.uploads.map((u) => {
      const file = chosen.find((f) => f.name === u.file);
      if (!file) throw new Error(u.file);
      return postFile(u, file, (n) => { done.set(u.file, n); bar.value = [...done.values()].reduce((a, b) => a + b, 0) / total; });
    }));
    bar.value = 1;
    upMsg(t('uploaded', { p: body.packet }));
    state.refreshList(); // the packet shows as being read as soon as intake picks it up
    chosen = [];
    $('up-files', HTMLInputElement).value = '';
  } catch (e) {
    upMsg(e instanceof Error ? e.message : String(e), true);
  }
}

export function setUpUpload() {
  const input = $('up-files', HTMLInputElement);
  input.onchange = () => choose(input.files);
  const drop = $('upload');
  drop.ondragover = (e) => { e.preventDefault(); drop.style.background = '#fff4f4'; };
  drop.ondragleave = () => { drop.style.background = ''; };
  drop.ondrop = (e) => { e.preventDefault(); drop.style.background = ''; choose(e.dataTransfer?.files); };
  $('up-send').onclick = send;
}
