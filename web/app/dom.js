// @ts-check
// The page's elements by id, typed, and text made safe for HTML.

/**
 * The element with this id; the page is broken without it, so its absence throws.
 * @template {HTMLElement} [E=HTMLElement]
 * @param {string} id
 * @param {new () => E} [type]
 * @returns {E}
 */
export function $(id, type) {
  const el = document.getElementById(id);
  if (!el || (type && !(el instanceof type))) throw new Error(`the page has no #${id}${type ? ` (${type.name})` : ''}`);
  return /** @type {E} */ (el);
}

/** @param {unknown} s */
export const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => /** @type {Record<string, string>} */ ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
