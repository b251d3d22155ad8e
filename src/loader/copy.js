// Copy overrides (issue 21): data-copy="/copy/campaign.json" (or mount(el, { copy })) names a
// copy file, a flat JSON object from the locale's keys (`ui.intro_heading`,
// `questions.tickets.last-five.prompt`; every key with its English string: copy-keys.json in the
// package) to a campaign's own words. The loader fetches it (once per URL) in parallel with the
// package, and waits for it before the prerendered intro shows, so the default text never
// flashes. It writes the strings into the prerendered intro and first sign by their
// data-copy-key (textContent only, never markup), filling {placeholders} from data-copy-fill,
// and hands the file to the wasm (addCopy), whose core checks every entry as it checks a
// locale file: an unknown key or a placeholder mismatch is a console warning and the default.
// A file that cannot load or is not a JSON object: a warning, the default words.

import { optionsOf } from './options.js';

const files = new Map();
const copies = new WeakMap();

// How long the prerendered intro waits for a copy file: a file that has not arrived by then
// is dropped for this page view (a warning, the default words), so a slow or hanging host
// never keeps the widget from showing.
const WAIT_MS = 3000;

// The copy file for this widget (its options win over its attributes), or null.
export function loadCopy(C, element, options = {}, wait = WAIT_MS) {
  const url = String(options[C.options.copy] ?? optionsOf(C, element)[C.options.copy] ?? '').trim();
  copies.delete(element);
  if (!url) return Promise.resolve(null);
  if (!files.has(url)) {
    const signal = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(wait) : undefined;
    files.set(url, fetch(url, { signal })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((copy) => {
        if (!copy || typeof copy !== 'object' || Array.isArray(copy)) throw new Error('not a JSON object');
        return copy;
      })
      .catch((error) => {
        console.warn(`readiness widget: could not load the copy file ${url} (${error.message}); showing the default text`);
        return null;
      }));
  }
  return files.get(url).then((copy) => {
    if (copy) copies.set(element, { url, copy });
    return copy;
  });
}

const names = (text) => [...text.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);

// Writes the copy into prerendered markup: a string replaces the element's text when its
// placeholders are those the element has values for (else the wasm warns and keeps the default).
export function paintCopy(C, element, section) {
  const file = copies.get(element);
  if (!file) return;
  for (const node of section.querySelectorAll(`[${C.attributes.copyKey}]`)) {
    const text = file.copy[node.getAttribute(C.attributes.copyKey)];
    if (typeof text !== 'string' || !text.trim()) continue;
    const values = new Map((node.getAttribute(C.attributes.copyFill) || '').split(';').filter(Boolean).map((pair) => pair.split('=')));
    const used = names(text);
    if (used.some((n) => !values.has(n)) || [...values.keys()].some((n) => !used.includes(n))) continue;
    node.textContent = text.replace(/\{([^}]*)\}/g, (_, n) => values.get(n));
  }
}

// Hands this widget's copy file to the wasm module before it mounts.
export function handCopy(module, element) {
  const file = copies.get(element);
  if (file) module.addCopy(file.url, file.copy);
  return module;
}
