// The readiness widget's loader: the one module script of the embed snippet.
//
//   <readiness-assessment contact-url="/contact" endpoint="/contact"></readiness-assessment>
//   <div data-readiness-assessment data-contact-url="/contact" data-endpoint="/contact"></div>
//   <script type="module" src="https://…/widget/embed.js"></script>
//
// It registers the <readiness-assessment> custom element and mounts each
// `div` snippet, also one inserted after load; a widget removed from the page
// is destroyed with all it started (`./loader/lifecycle.js`), so single-page
// sites can navigate freely.
//
// It reserves room for each widget so the article does not jump. When a widget
// nears the viewport it starts the glue and the wasm (compiled while it
// streams in), adopts the stylesheet it carries, shows the intro prerendered
// at build time at once, and on Start the first sign's step,
// prerendered too: real radios and checkboxes the visitor answers before the
// wasm has arrived (a question asked only after a given answer appears as in
// the app). A Next pressed meanwhile shows busy and is honoured by the app,
// which mounts when the wasm is ready and takes over what was ticked, where
// focus was and the pending Next (`embed::adopt` on the Rust side). One wasm
// module per page: the article's holds the whole journey (intro, questions,
// result, contact hand-off, plan); a page opened on a team link gets the team
// page's build instead, the same plus the team view. On a contact page,
// <form data-readiness-prefill> is filled by a module of its own. The wasm
// carries English only: a widget in another locale fetches that locale's file
// (a JSON list of strings) in parallel with the wasm and hands it over
// (addLocale) before mounting; a missing or malformed file means English,
// with a console warning. With data-prefetch="idle" (the default) the
// package is fetched at idle time after the page has loaded, unless the
// visitor asked to save data or is on 2G. No inline scripts or styles, no
// eval: fine under a strict CSP with script-src 'self' 'wasm-unsafe-eval'.
//
// Everything it knows of the Rust side (option names, storage keys, page
// fragments, locale tags, selectors, words) comes from `./loader/constants.js`
// and `./loader/manifest.js`, which `cargo xtask dist` writes from Rust
// (`loader_contract`, `prerender`) before it bundles this file.

import { C } from './loader/constants.js';
import { MANIFEST } from './loader/manifest.js';
import { pickLocale } from './loader/locale.js';
import { watchCrashes } from './loader/crash.js';
import { attributeOptions, isElement, optionsOf } from './loader/options.js';
import { defineElement, watchDocument } from './loader/lifecycle.js';
import { loadCopy, paintCopy, handCopy } from './loader/copy.js';
import { count, noteCounting } from './loader/count.js';
import { chooseVariant } from './loader/variant.js';

const O = C.options;
const S = C.selectors;
const base = new URL('.', import.meta.url);
const at = (file) => new URL(file, base).href;
const handles = new WeakMap();
// The widgets the loader runs (the element and the `div` snippet), by host:
// { done, timers, inner, handle } — what `detach` stops.
const live = new Map();
const styleLoads = new WeakMap();
const localeFiles = new Map();
let prefillModule;
let glue;
let compiled;
let loading;

// The page's one module: the team page's (with the team view) on a team link, else the
// article's, chosen once per page. The article's module reloads the page on a team link
// when the visitor asks for the team view, so a page never starts a second one.
let files;
const pageModule = () => (files ??= hashHas(C.fragments.team) ? MANIFEST.team : MANIFEST);

// Starts the glue and the wasm together; the wasm compiles while it downloads.
function fetchPackage() {
  const { glue: glueFile, wasm: wasmFile } = pageModule();
  glue ??= import(at(glueFile));
  compiled ??= WebAssembly.compileStreaming(fetch(at(wasmFile))).catch(() =>
    // A server without application/wasm: compile from bytes instead.
    fetch(at(wasmFile)).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`)))).then((b) => WebAssembly.compile(b)),
  );
  return Promise.all([glue, compiled]);
}

function load() {
  loading ??= fetchPackage().then(async ([wasm, module]) => {
    await wasm.default({ module_or_path: module });
    watchCrashes([pageModule().wasm, pageModule().glue], showCrashes);
    return wasm;
  });
  return loading;
}

// The module crashed: every widget on the page shows the crash notice and the way to reach
// the firm instead (never a frozen box), and a widget mounted later says so too.
function showCrashes(error) {
  loading = Promise.reject(error);
  loading.catch(() => {});
  for (const host of live.keys()) {
    const mount = host.shadowRoot?.querySelector(S.mount);
    if (!mount) continue;
    const words = wordsOf(host);
    const line = document.createElement('p');
    line.className = C.classes.fallbackHeading;
    line.textContent = words.crash;
    const notice = fallbackCard(line, ...contactLinks(host, words.contact));
    notice.setAttribute('role', 'alert');
    mount.replaceChildren(notice);
  }
}

// The contact page's module (glue + wasm). A failed load is forgotten, so a retry fetches again.
function loadPrefill() {
  prefillModule ??= import(at(MANIFEST.prefill.glue)).then(async (module) => {
    await module.default({ module_or_path: at(MANIFEST.prefill.wasm) });
    return module;
  });
  prefillModule.catch(() => (prefillModule = null));
  return prefillModule;
}

// A yes/no option set to no (as the Rust side reads it).
const no = (value) => value === false || C.falseValues.includes(String(value ?? '').trim());

// The way the visitor asked: Save-Data or a 2G connection fetch nothing ahead.
function saveData() {
  const connection = navigator.connection;
  return Boolean(connection && (connection.saveData || /2g$/.test(connection.effectiveType || '')));
}

// Stored answers or a kept submission for this widget: the app opens on them, not on the intro.
function stored(options) {
  if (no(options[O.remember])) return false;
  const key = `${C.storage.prefix}${(options[O.instance] || '').trim() || C.defaultInstance}`;
  try {
    return Boolean(localStorage.getItem(key) || localStorage.getItem(`${key}${C.storage.outbox}`));
  } catch {
    // Blocked storage: the app starts clean too.
    return false;
  }
}

// The page's fragment holds `key=…` (a shared result, a team link).
function hashHas(key) {
  return location.hash.replace(/^#/, '').split('&').some((part) => part.startsWith(`${key}=`));
}

// A shared result or a team link in the page's fragment.
const fragment = () => hashHas(C.fragments.result) || hashHas(C.fragments.team);

// A widget that opens on more than a fresh start shows no prerendered step.
const opensElsewhere = (options) => stored(options) || fragment();

// The locale a widget (or form) shows: one of the package's tags.
const opts = (element) => optionsOf(C, element);
const localeOf = (options) => pickLocale(C, options[O.locale], [document.documentElement.lang, ...(navigator.languages || [])]);

// A locale file's strings (fetched once per locale), or null: English (in the wasm), or a
// file that could not load (English, with a warning).
function localeFile(tag) {
  if (tag === C.english || !MANIFEST.locales[tag]) return Promise.resolve(null);
  if (!localeFiles.has(tag)) {
    localeFiles.set(tag, fetch(at(MANIFEST.locales[tag]))
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((strings) => {
        if (!Array.isArray(strings) || !strings.every((s) => typeof s === 'string')) throw new Error('not a list of strings');
        return strings;
      })
      .catch((error) => {
        console.warn(`readiness widget: could not load the locale file for \`${tag}\` (${error.message}); showing English`);
        return null;
      }));
  }
  return localeFiles.get(tag);
}

// Hands a fetched locale file to a wasm module.
function addLocale(module, strings) {
  if (strings) module.addLocale(strings);
  return module;
}

// The way to reach the firm when the widget cannot: data-fallback-contact, else
// data-contact-url (a mailto:, http(s): or site path only). Zero or one link.
function contactLinks(element, label) {
  const data = opts(element);
  const reach = data[O.fallbackContact] || data[O.contactUrl];
  if (!reach || !/^(mailto:|https?:|\/)/i.test(reach)) return [];
  const link = document.createElement('a');
  link.className = C.classes.button;
  link.href = reach;
  link.textContent = label;
  return [link];
}

// The widget's stylesheet, carried by the loader itself (a constructable
// stylesheet: no request in sequence before the intro can paint, and not
// subject to CSP style-src), one for every widget on the page.
let sheet;
const constructable = 'adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype;

// The widget's stylesheet in its shadow root; resolves once it applies (or failed:
// an unstyled widget still beats none). Without constructable stylesheets, a <link> to the file.
function linkStyle(root) {
  if (constructable) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(MANIFEST.cssText);
    }
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return Promise.resolve();
  }
  let link = root.querySelector('link[rel=stylesheet]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = at(MANIFEST.css);
    root.prepend(link);
  }
  if (!styleLoads.has(link)) {
    styleLoads.set(link, link.sheet ? Promise.resolve() : new Promise((resolve) => {
      link.addEventListener('load', resolve, { once: true });
      link.addEventListener('error', resolve, { once: true });
    }));
  }
  return styleLoads.get(link);
}

function preloadStyle() {
  if (constructable || document.querySelector('link[data-readiness-preload]')) return;
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'style';
  link.href = at(MANIFEST.css);
  link.dataset.readinessPreload = '';
  document.head.append(link);
}

function shadow(element) {
  return element.shadowRoot || element.attachShadow({ mode: 'open' });
}

// The prerendered steps for this widget's locale, unless the app will not open
// on the plain intro (stored progress, a shared result or a team link).
function prerendered(element) {
  const options = opts(element);
  return opensElsewhere(options) ? null : MANIFEST.steps[localeOf(options)] || null;
}

// Build-time markup of our own components (no visitor or host data in it), themed.
function card(element, html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  const section = template.content.firstElementChild;
  const theme = C.themes[(opts(element)[O.theme] || '').trim()];
  if (theme) section.classList.replace(C.themes.auto, theme);
  paintCopy(C, element, section);
  return section;
}

// The prerendered first sign behaves as the app's: a question asked only after a
// given answer (data-shown-when="<question> <bits>") shows when that answer is
// chosen, and a checklist's "none of these" and its items exclude each other.
function wireSign(sign) {
  const update = () => {
    for (const question of sign.querySelectorAll(S.conditional)) {
      const [on, bits] = question.getAttribute(C.attributes.shownWhen).split(' ');
      const radios = [...sign.querySelectorAll(S.question)].find((q) => q.getAttribute(C.attributes.question) === on)?.querySelectorAll('input') || [];
      const chosen = [...radios].findIndex((r) => r.checked);
      question.hidden = !(chosen >= 0 && Number(bits) & (1 << chosen));
    }
  };
  sign.addEventListener('change', (event) => {
    const input = event.target;
    const question = input.closest(S.question);
    if (input.type === 'checkbox' && input.checked && question) {
      const none = question.querySelector(S.none);
      for (const box of question.querySelectorAll('input')) {
        if (box !== input && (input === none || box === none)) box.checked = false;
      }
    }
    update();
  });
  update();
}

// Shows the prerendered intro (its stylesheet has loaded); Start opens the
// prerendered first sign, Back returns, Next waits for the app. Returns what
// the mount needs to know.
function showSteps(element, root, steps, entry) {
  const state = { mounted: false };
  const mountPoint = document.createElement('div');
  mountPoint.className = C.classes.mount;
  const intro = card(element, steps.html);
  const sign = card(element, steps.sign);
  noteCounting(C, element, intro, steps.counting);
  wireSign(sign);
  mountPoint.append(intro);
  root.append(mountPoint);
  intro.querySelector(S.start)?.addEventListener('click', () => {
    if (state.mounted) return;
    intro.replaceWith(sign);
    sign.querySelector(S.heading)?.focus();
  });
  sign.querySelector(S.back)?.addEventListener('click', () => {
    if (state.mounted) return;
    sign.replaceWith(intro);
    intro.querySelector(S.start)?.focus();
  });
  const next = sign.querySelector(S.next);
  next?.addEventListener('click', () => {
    if (state.mounted || next.getAttribute('aria-busy')) return;
    next.setAttribute('aria-busy', 'true');
    const status = sign.querySelector(S.status);
    if (status) status.textContent = steps.loading;
    // The visitor waits from now on: if the app has not come within a while, say so (it may still arrive and mount).
    const timer = setTimeout(() => state.mounted || entry.done || showLoadFailure(element, root, steps), 15000);
    entry.timers.push(timer);
  });
  return state;
}

// The loader's own words (failure, crash, contact) in the widget's locale, else English.
const wordsOf = (element) => MANIFEST.steps[localeOf(opts(element))] || MANIFEST.steps[C.english];

// The card that stands where the widget cannot: `children` in the fallback's box.
function fallbackCard(...children) {
  const card = document.createElement('div');
  card.className = C.classes.fallback;
  card.append(...children);
  return card;
}

// The package could not load (offline, blocked, very old browser): the step
// shown says so and offers the fallback contact; what was ticked stays.
function showLoadFailure(element, root, steps, error) {
  if (error) console.error('readiness widget: could not load', error);
  // The widget's locale's words, also when no step was prerendered (stored progress, a link).
  const words = steps || wordsOf(element);
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.className = C.classes.error;
  note.textContent = opts(element)[O.loadError] || words.failed;
  const links = contactLinks(element, words.contact);
  const actions = root.querySelector(`${S.mount} ${S.actions}`);
  if (actions) {
    // The note above, the way to reach the firm where Start or Next was; Back stays.
    const hadFocus = actions.contains(root.activeElement) && !root.activeElement.matches(S.back);
    actions.before(note);
    const back = actions.querySelector(S.back);
    actions.replaceChildren(...(back ? [back] : []), ...links);
    // Focus was on the button that went (Start or Next): it moves to the note.
    if (hadFocus) {
      note.tabIndex = -1;
      note.focus();
    }
  } else {
    root.querySelector(S.mount)?.remove();
    root.append(fallbackCard(note, ...links));
  }
}

/**
 * Mounts a widget into `element`. Options use the data-attribute names in
 * camelCase (contactUrl, endpoint, locale, theme, instance, …) and win over
 * the element's attributes. Returns { update(options), destroy() }.
 */
export async function mount(element, options = {}) {
  handles.get(element)?.destroy();
  const words = localeFile(localeOf({ ...opts(element), ...options }));
  const copy = loadCopy(C, element, options);
  const wasm = await load();
  await linkStyle(shadow(element));
  await copy;
  return mountLoaded(handCopy(addLocale(wasm, await words), element), element, options).handle;
}

// Mounts the app; returns the public handle and the wasm's own (`inner`).
function mountLoaded(wasm, element, options) {
  let current = { ...options };
  // The app reads the prerendered step the loader showed (what was ticked, focus, a pending Next).
  const inner = wasm.mount(element, current);
  // The reserved height stays: the widget's card fills it (widget.css), so nothing below moves.
  const handle = {
    update(next = {}) {
      current = { ...current, ...next };
      inner.update(current);
    },
    destroy() {
      if (handles.get(element) !== handle) return;
      handles.delete(element);
      // Unmounts the Yew app (its effects' clean-ups run), empties the shadow root, frees the Rust side.
      inner.destroy();
      inner.free();
    },
  };
  handles.set(element, handle);
  return { handle, inner };
}

const idle = (fn) => (window.requestIdleCallback || ((f) => setTimeout(f, 200)))(fn, { timeout: 5000 });

/** Fills a contact form from the handed-over result; resolves to the number of fields filled. */
export async function prefill(form, code) {
  const [module, strings] = await Promise.all([loadPrefill(), localeFile(localeOf(form.dataset))]);
  return addLocale(module, strings).prefill(form, code ?? undefined);
}

function reserve(element) {
  if (!element.style.minHeight) element.style.minHeight = opts(element)[O.reserve] || '32rem';
}

// A widget near the viewport: stylesheet, glue and wasm start together; the
// prerendered intro shows once styled; the app mounts when the wasm is ready.
// `entry` is the host's in `live`: once `detach` marks it done, nothing more happens.
async function boot(element, entry) {
  const root = shadow(element);
  // Intro variants: one drawn per page view, shown as this widget's copy file, counted under its name.
  entry.stopCount = count(C, element, root, localeOf(opts(element)), chooseVariant(C, element)?.name);
  const styled = linkStyle(root);
  const loaded = load();
  // A locale other than English: its file comes along, in parallel.
  const words = localeFile(localeOf(opts(element)));
  const steps = prerendered(element);
  // data-copy: its strings are in the prerendered steps from the first paint.
  const copy = loadCopy(C, element);
  let state = null;
  try {
    await styled;
    await copy;
    if (entry.done) return;
    if (steps && !handles.has(element)) state = showSteps(element, root, steps, entry);
    const wasm = handCopy(addLocale(await loaded, await words), element);
    if (entry.done || handles.has(element)) return;
    if (state) state.mounted = true;
    // Failure notes of a slow load go; the app renders its own step in the same task.
    // The element's own attributes are its options (the `div`'s data-* the wasm reads itself).
    Object.assign(entry, mountLoaded(wasm, element, attributeOptions(C, element)));
  } catch (error) {
    if (!entry.done) showLoadFailure(element, root, steps, error);
  }
}

// data-prefetch="idle" (default): fetch the package once the page is idle, so a
// visitor who scrolls to the widget finds it ready; not on Save-Data or 2G. Once.
let prefetching = false;
function prefetchWhenIdle(element) {
  if (prefetching || (opts(element)[O.prefetch] || 'idle') !== 'idle' || saveData()) return;
  prefetching = true;
  const go = () => idle(() => {
    preloadStyle();
    fetchPackage().catch(() => {});
  });
  if (document.readyState === 'complete') go();
  else window.addEventListener('load', go, { once: true });
}

// One IntersectionObserver for every lazy widget (created when the first needs it).
let nearViewport;
function whenNear(element) {
  nearViewport ??= new IntersectionObserver((entries) => {
    for (const { isIntersecting, target } of entries) {
      if (!isIntersecting) continue;
      nearViewport.unobserve(target);
      const entry = live.get(target);
      if (entry) boot(target, entry);
    }
  }, { rootMargin: '400px 0px' });
  nearViewport.observe(element);
}

// A widget came into the page (connected element, a `div` found): reserve its
// room, start it now (data-lazy="false") or when it nears the viewport. Once per host.
function attach(element) {
  if (live.has(element)) return;
  const entry = { done: false, timers: [], inner: null, handle: null };
  live.set(element, entry);
  // The element's own stylesheet at once (its `:host` is a block, so the reserved height holds).
  if (isElement(C, element)) linkStyle(shadow(element));
  reserve(element);
  if (no(opts(element)[O.lazy]) || !('IntersectionObserver' in window)) boot(element, entry);
  else whenNear(element);
  prefetchWhenIdle(element);
}

// A widget left the page: everything it started stops (the pending load is
// ignored, its timers cleared, its observation ended, the app unmounted, the shadow root emptied).
function detach(element) {
  const entry = live.get(element);
  if (!entry) return;
  live.delete(element);
  entry.done = true;
  nearViewport?.unobserve(element);
  entry.timers.forEach(clearTimeout);
  entry.stopCount?.();
  if (entry.handle) entry.handle.destroy();
  element.shadowRoot?.replaceChildren();
}

// An attribute of the element changed: the options that name the widget's
// saved progress or its words (`C.remountAttributes`) remount it; others update the
// running app (a widget not running yet reads them when it mounts).
function changed(element, name) {
  const entry = live.get(element);
  if (!entry) return;
  if (C.remountAttributes.includes(name)) {
    detach(element);
    attach(element);
  } else if (entry.inner && handles.get(element) === entry.handle) {
    entry.inner.update(attributeOptions(C, element));
  }
}

function start() {
  for (const element of watchDocument(C, { attach, detach, live: () => live.keys() })) attach(element);
  for (const form of document.querySelectorAll(`form[data-${C.prefillMarker}]`)) {
    prefill(form).catch((error) => console.error('readiness prefill: could not load', error));
  }
}

// A second copy of the loader on the page (another URL) leaves the widgets to the first.
if (!window.ReadinessWidget) {
  defineElement(C, { attach, detach, changed });
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start, { once: true });
  } else {
    start();
  }
}

window.ReadinessWidget = { mount, prefill };
