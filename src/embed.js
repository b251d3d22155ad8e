// The readiness widget's loader: the one module script of the embed snippet.
//
//   <div data-readiness-assessment data-contact-url="/contact" data-endpoint="/contact"></div>
//   <script type="module" src="https://…/widget/embed.js"></script>
//
// It reserves room for each widget so the article does not jump. When a widget
// nears the viewport it starts the glue, the wasm (compiled while it streams
// in) and the stylesheet together, shows the intro prerendered at build time
// as soon as its stylesheet has loaded, remembers a press on Start, and mounts
// the app when the wasm is ready. That first module is the intro and the
// questions only: the result, the contact hand-off and the team comparison are
// the full module, fetched at idle once the first one is mounted and handed the
// finished check (a page that opens on more than a fresh start, with stored
// answers, a shared result or a team link, mounts the full module directly).
// The team view's figures are a third wasm module, fetched only when the page
// opens with a team link (#team=) or a team view opens; prefill, too, is a
// module of its own, fetched only by a page with a form to fill. The wasm modules carry English only: a widget, team view or
// form in another locale fetches that locale's file (a JSON list of strings)
// in parallel with the wasm and hands it over (addLocale) before mounting; a
// missing or malformed file means English, with a console warning. With data-prefetch="idle" (the default) the
// package is fetched at idle time after the page has loaded, unless the visitor
// asked to save data or is on 2G. On a contact page, <form data-readiness-prefill>
// is filled from the result. No inline scripts or styles, no eval: fine under
// a strict CSP with script-src 'self' 'wasm-unsafe-eval'.

const base = new URL('.', import.meta.url);
// `cargo xtask dist` replaces the next line with the content-hashed file names
// (the on-demand modules' under `full`, `team` and `prefill`, the locale files but English's under
// `locales`) and the prerendered intro of every locale.
const MANIFEST = { glue: 'readiness_widget.js', wasm: 'readiness_widget_bg.wasm', css: 'widget.css', full: { glue: 'readiness_full.js', wasm: 'readiness_full_bg.wasm' }, team: { glue: 'readiness_team.js', wasm: 'readiness_team_bg.wasm' }, prefill: { glue: 'readiness_prefill.js', wasm: 'readiness_prefill_bg.wasm' }, locales: {}, intro: {} }; // @manifest
const at = (file) => new URL(file, base).href;
const handles = new WeakMap();
const styleLoads = new WeakMap();
const teamHosts = new WeakSet();
const modules = new Map();
const localeFiles = new Map();
let glue;
let compiled;
let loading;

// Starts the glue and the wasm together; the wasm compiles while it downloads.
function fetchPackage() {
  glue ??= import(at(MANIFEST.glue));
  compiled ??= WebAssembly.compileStreaming(fetch(at(MANIFEST.wasm))).catch(() =>
    // A server without application/wasm: compile from bytes instead.
    fetch(at(MANIFEST.wasm)).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`)))).then((b) => WebAssembly.compile(b)),
  );
  return Promise.all([glue, compiled]);
}

function load() {
  loading ??= fetchPackage().then(async ([wasm, module]) => {
    await wasm.default({ module_or_path: module });
    return wasm;
  });
  return loading;
}

// An on-demand module (glue + wasm): the full app (`full`), the team view's
// (`team`), which a visitor taking the check never fetches, or the contact
// page's prefill (`prefill`). A failed load is forgotten, so a retry fetches again.
function loadModule(name) {
  if (!modules.has(name)) {
    const files = MANIFEST[name];
    const promise = import(at(files.glue)).then(async (module) => {
      await module.default({ module_or_path: at(files.wasm) });
      promise.ready = true;
      return module;
    });
    promise.catch(() => modules.delete(name));
    modules.set(name, promise);
  }
  return modules.get(name);
}

// The way the visitor asked: Save-Data or a 2G connection fetch nothing ahead.
function saveData() {
  const connection = navigator.connection;
  return Boolean(connection && (connection.saveData || /2g$/.test(connection.effectiveType || '')));
}

// Stored answers or a kept submission for this widget (the full app reads them).
function stored(options) {
  if (options.remember === 'false' || options.remember === false) return false;
  const key = `readiness-widget:v1:${options.instance || 'default'}`;
  try {
    return Boolean(localStorage.getItem(key) || localStorage.getItem(`${key}:outbox`));
  } catch {
    // Blocked storage: the app starts clean too.
    return false;
  }
}

// A widget that opens on more than a fresh start mounts the full module directly.
const opensFull = (options) => stored(options) || /(^#|&)(result|team)=/.test(location.hash);

// The locale a widget (or form) shows, in the wasm's pick_locale order:
// data-locale unless `auto`, else the page's lang, then the browser's
// languages, else English. Returns the key of a locale file to fetch, or null
// for English (compiled in) and for a tag the package does not have (the wasm
// then shows English and, for data-locale, warns).
function localeFileFor(tagged) {
  const wanted = tagged.locale?.trim();
  const auto = !wanted || wanted.toLowerCase() === 'auto';
  const tags = auto ? [document.documentElement.lang, ...(navigator.languages || [])] : [wanted];
  for (const tag of tags.map((t) => (t || '').trim().toLowerCase()).filter(Boolean)) {
    const language = tag.split('-')[0];
    if (language === 'en') return null;
    const key = MANIFEST.locales[tag] ? tag : MANIFEST.locales[language] ? language : null;
    if (key) return key;
    if (!auto) return null;
  }
  return null;
}

// A locale file's strings (fetched once per locale), or null: English, with a warning.
function localeFile(key) {
  if (!key) return Promise.resolve(null);
  if (!localeFiles.has(key)) {
    localeFiles.set(key, fetch(at(MANIFEST.locales[key]))
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((strings) => {
        if (!Array.isArray(strings) || !strings.every((s) => typeof s === 'string')) throw new Error('not a list of strings');
        return strings;
      })
      .catch((error) => {
        console.warn(`readiness widget: could not load the locale file for \`${key}\` (${error.message}); showing English`);
        return null;
      }));
  }
  return localeFiles.get(key);
}

// Hands a fetched locale file to a wasm module (each module has its own copy of the words).
function addLocale(module, strings) {
  if (strings) module.addLocale(strings);
  return module;
}

const opensTeam = () => /(^#|&)team=/.test(location.hash);

// The app asks for the team view's figures with an event on its host whose
// detail is the element to render them into (null: the view closed).
function serveTeam(element) {
  if (teamHosts.has(element)) return;
  teamHosts.add(element);
  element.addEventListener('rw-team-view', (event) => {
    const body = event.detail;
    // The app's team view carries the locale it shows (the tag) on its body.
    const words = body ? localeFile(localeFileFor(body.dataset)) : null;
    Promise.all([loadModule('team'), words])
      .then(([module, strings]) => (body ? addLocale(module, strings).render(body, element) : module.unmount(element)))
      .catch((error) => {
        console.error('readiness widget: could not load the team view', error);
        if (body) showTeamFailure(element, body);
      });
  });
}

// The team module could not load: the team view says so, in the app's words
// (on the body: data-failed, data-contact-label), and offers the fallback contact.
function showTeamFailure(element, body) {
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.className = 'rw-error-summary';
  note.textContent = body.dataset.failed || 'The team figures could not load. Reload the page to try again.';
  body.replaceChildren(note, ...contactLinks(element, body.dataset.contactLabel));
}

// The way to reach the firm when the widget cannot: data-fallback-contact, else
// data-contact-url (a mailto:, http(s): or site path only). Zero or one link.
function contactLinks(element, label) {
  const reach = element.dataset.fallbackContact || element.dataset.contactUrl;
  if (!reach || !/^(mailto:|https?:|\/)/i.test(reach)) return [];
  const link = document.createElement('a');
  link.className = 'rw-button';
  link.href = reach;
  link.textContent = label || 'Contact us';
  return [link];
}

// The widget's stylesheet in its shadow root; resolves once it applies (or failed:
// an unstyled widget still beats none).
function linkStyle(root) {
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
  if (document.querySelector('link[data-readiness-preload]')) return;
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

// The prerendered intro for this widget's locale, unless the app will not open
// on the plain intro (stored progress, a shared result or team link) or the locale is unknown.
function prerendered(element) {
  const data = element.dataset;
  // Stored progress, a shared result (#result=) or a team link (#team=) opens elsewhere than the plain intro.
  if (opensFull(data)) return null;
  // Same order as the wasm's pick_locale: data-locale unless `auto`, else the page's lang, then the browser's.
  const auto = !data.locale || data.locale.toLowerCase() === 'auto';
  const tags = auto ? [document.documentElement.lang, ...(navigator.languages || []), 'en'] : [data.locale, 'en'];
  for (const tag of tags.filter(Boolean)) {
    const entry = MANIFEST.intro[tag] || MANIFEST.intro[tag.split('-')[0].toLowerCase()];
    if (entry) return entry;
  }
  return null;
}

// Shows the intro in the shadow root (its stylesheet has loaded) and
// remembers a press on Start. Returns what the mount needs to know.
function showIntro(element, root, intro) {
  const state = { pressed: false, failed: null };
  const template = document.createElement('template');
  // Build-time markup of our own components (no visitor or host data in it).
  template.innerHTML = intro.html;
  const card = template.content.firstElementChild;
  const theme = element.dataset.theme;
  if (theme === 'light' || theme === 'dark') card.classList.replace('rw-theme-auto', `rw-theme-${theme}`);
  const mountPoint = document.createElement('div');
  mountPoint.className = 'rw-mount';
  mountPoint.append(card);
  root.append(mountPoint);
  const start = card.querySelector('.rw-intro .rw-primary');
  start?.addEventListener('click', () => {
    state.pressed = true;
    start.setAttribute('aria-busy', 'true');
    // If the wasm still has not come after a while, say so (it may still arrive and mount).
    setTimeout(() => state.mounted || showLoadFailure(element, root, intro), 15000);
  });
  return state;
}

// The package could not load (offline, blocked, very old browser): the intro
// says so and offers the fallback contact.
function showLoadFailure(element, root, intro, error) {
  if (error) console.error('readiness widget: could not load', error);
  const data = element.dataset;
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.className = 'rw-error-summary';
  note.textContent = data.loadError || intro?.failed || 'The readiness check could not load. Please reload the page to try again.';
  const links = contactLinks(element, intro?.contact);
  const parts = [note, ...links];
  const actions = root.querySelector('.rw-intro .rw-actions');
  if (actions) {
    // The note above, the way to reach the firm where Start was.
    actions.before(note);
    actions.replaceChildren(...links);
  } else {
    const card = document.createElement('div');
    card.className = 'rw rw-fallback';
    card.append(...parts);
    root.querySelector('.rw-mount')?.remove();
    root.append(card);
  }
}

/**
 * Mounts a widget into `element`. Options use the data-attribute names in
 * camelCase (contactUrl, endpoint, locale, theme, instance, …) and win over
 * the element's attributes. Returns { update(options), destroy() }.
 */
export async function mount(element, options = {}) {
  handles.get(element)?.destroy();
  const all = { ...element.dataset, ...options };
  const words = localeFile(localeFileFor(all));
  const full = opensFull(all);
  const wasm = await (full ? loadModule('full') : load());
  await linkStyle(shadow(element));
  return mountLoaded(addLocale(wasm, await words), element, options, full);
}

function mountLoaded(wasm, element, options, full) {
  serveTeam(element);
  let current = { ...options };
  let inner = wasm.mount(element, current);
  // The reserved height stays: the widget's card fills it (widget.css), so nothing below moves.
  const handle = {
    update(next = {}) {
      current = { ...current, ...next };
      inner.update(current);
    },
    destroy() {
      inner.destroy();
      handles.delete(element);
    },
    // The full module takes over in the same shadow root, in the same task (no frame between).
    takeOver(module, handover) {
      inner.release();
      inner = module.mount(element, { ...current, ...handover });
    },
  };
  handles.set(element, handle);
  if (!full) {
    serveHandover(element, handle, () => ({ ...element.dataset, ...current }));
    // The full module: at idle; with Save-Data, 2G or data-prefetch="none", once the visitor starts the check.
    const fetchFull = () => loadModule('full').catch(() => {});
    const all = { ...element.dataset, ...current };
    if (saveData() || all.prefetch === 'none') element.addEventListener('readiness:step', fetchFull, { once: true });
    else idle(fetchFull);
  }
  return handle;
}

const idle = (fn) => (window.requestIdleCallback || ((f) => setTimeout(f, 200)))(fn, { timeout: 5000 });

// The first-load app asks, with an event on its host, for the full module to
// open on the finished check (detail: code, startedAt, and the element where
// the loader says "loading" or "could not load" meanwhile).
function serveHandover(element, handle, options) {
  element.addEventListener('rw-handover', (event) => {
    const { code, startedAt, body } = event.detail;
    const handover = { handover: code };
    if (typeof startedAt === 'number') handover.startedAt = String(Math.round(startedAt));
    const attempt = () => {
      const module = loadModule('full');
      if (!module.ready) say(body, 'status', body.dataset.loading);
      Promise.all([module, localeFile(localeFileFor(options()))])
        .then(([full, strings]) => handle.takeOver(addLocale(full, strings), handover))
        .catch((error) => {
          console.error('readiness widget: could not load the result', error);
          const again = document.createElement('button');
          again.type = 'button';
          again.className = 'rw-button rw-primary';
          again.textContent = body.dataset.retry || 'Try again';
          again.addEventListener('click', attempt, { once: true });
          const actions = document.createElement('div');
          actions.className = 'rw-actions';
          actions.append(again, ...contactLinks(element, body.dataset.contactLabel));
          say(body, 'alert', body.dataset.failed || 'The result could not load. Your answers are kept.', actions);
        });
    };
    attempt();
  });
}

// A status or alert line in a body the app left to the loader (text only).
function say(body, role, text, ...more) {
  const note = document.createElement('p');
  note.setAttribute('role', role);
  note.className = role === 'alert' ? 'rw-error-summary' : 'rw-loading';
  note.textContent = text;
  body.replaceChildren(note, ...more);
}

/** Fills a contact form from the handed-over result; resolves to the number of fields filled. */
export async function prefill(form, code) {
  const [module, strings] = await Promise.all([loadModule('prefill'), localeFile(localeFileFor(form.dataset))]);
  return addLocale(module, strings).prefill(form, code ?? undefined);
}

function reserve(element) {
  if (!element.style.minHeight) element.style.minHeight = element.dataset.reserve || '32rem';
}

// A widget near the viewport: stylesheet, glue and wasm start together; the
// prerendered intro shows once styled; the app mounts when the wasm is ready.
async function boot(element) {
  const root = shadow(element);
  const styled = linkStyle(root);
  const full = opensFull(element.dataset);
  const loaded = full ? loadModule('full') : load();
  // A locale other than English: its file comes along, in parallel.
  const words = localeFile(localeFileFor(element.dataset));
  // A team link: the team view's module comes along, in parallel.
  if (opensTeam()) loadModule('team').catch(() => {});
  const intro = prerendered(element);
  let state = null;
  try {
    await styled;
    if (intro && !handles.has(element)) state = showIntro(element, root, intro);
    const wasm = addLocale(await loaded, await words);
    if (state) state.mounted = true;
    const hadFocus = root.activeElement?.matches('.rw-intro .rw-primary');
    mountLoaded(wasm, element, state?.pressed ? { start: 'true' } : {}, full);
    if (hadFocus && !state?.pressed) root.querySelector('.rw-intro .rw-primary')?.focus();
  } catch (error) {
    showLoadFailure(element, root, intro, error);
  }
}

// data-prefetch="idle" (default): fetch the package once the page is idle, so a
// visitor who scrolls to the widget finds it ready; not on Save-Data or 2G.
function prefetchWhenIdle(widgets) {
  if (!widgets.some((el) => (el.dataset.prefetch || 'idle') === 'idle') || saveData()) return;
  const go = () => idle(() => {
    preloadStyle();
    fetchPackage().catch(() => {});
  });
  if (document.readyState === 'complete') go();
  else window.addEventListener('load', go, { once: true });
}

function start() {
  const widgets = [...document.querySelectorAll('[data-readiness-assessment]')];
  widgets.forEach(reserve);
  const eager = widgets.filter((el) => el.dataset.lazy === 'false' || !('IntersectionObserver' in window));
  eager.forEach(boot);
  const observer = 'IntersectionObserver' in window && new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        boot(entry.target);
      }
    }
  }, { rootMargin: '400px 0px' });
  widgets.filter((el) => !eager.includes(el)).forEach((el) => observer.observe(el));
  prefetchWhenIdle(widgets);

  for (const form of document.querySelectorAll('form[data-readiness-prefill]')) {
    prefill(form).catch((error) => console.error('readiness prefill: could not load', error));
  }
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start, { once: true });
} else {
  start();
}

window.ReadinessWidget = { mount, prefill };
