// The readiness widget's loader: the one module script of the embed snippet.
//
//   <div data-readiness-assessment data-contact-url="/contact" data-endpoint="/api/contact"></div>
//   <script type="module" src="https://…/widget/embed.js"></script>
//
// It reserves room for each widget so the article does not jump, fetches the
// wasm only when a widget nears the viewport, and mounts one app per element.
// On a contact page, <form data-readiness-prefill> is filled from the result.
// No inline scripts or styles, no eval: fine under a strict CSP with
// script-src 'self' 'wasm-unsafe-eval'.

const base = new URL('.', import.meta.url);
const handles = new WeakMap();
let loading;

function load() {
  loading ??= import(new URL('readiness_widget.js', base).href).then(async (wasm) => {
    await wasm.default({ module_or_path: new URL('readiness_widget_bg.wasm', base) });
    return wasm;
  });
  return loading;
}

// Shown only when the package itself cannot load (offline, very old browser):
// the wasm, which carries the localized words, never arrived.
function showLoadFailure(element, error) {
  console.error('readiness widget: could not load', error);
  element.style.minHeight = '';
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.textContent = element.dataset.loadError || 'The readiness check could not load. Please reload the page to try again.';
  element.replaceChildren(note);
}

/**
 * Mounts a widget into `element`. Options use the data-attribute names in
 * camelCase (contactUrl, endpoint, locale, theme, instance, …) and win over
 * the element's attributes. Returns { update(options), destroy() }.
 */
export async function mount(element, options = {}) {
  const wasm = await load();
  handles.get(element)?.destroy();
  let current = { assets: base.href, ...options };
  const inner = wasm.mount(element, current);
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
  };
  handles.set(element, handle);
  return handle;
}

/** Fills a contact form from the handed-over result; resolves to the number of fields filled. */
export async function prefill(form, code) {
  const wasm = await load();
  return wasm.prefill(form, code ?? undefined);
}

function reserve(element) {
  if (!element.style.minHeight) element.style.minHeight = element.dataset.reserve || '32rem';
}

function boot(element) {
  mount(element).catch((error) => showLoadFailure(element, error));
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
