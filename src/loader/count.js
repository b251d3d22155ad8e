// Anonymous counts (issue 23), opt-in per widget with data-metrics="<counting URL>"
// (the reference endpoint counts at POST /count). One beacon per milestone and page
// view: seen (half the widget in the viewport), started (Start pressed), each later
// sign, the result, the contact form opened, sent, and the plan e-mailed or the
// booking opened where the widget has those. A beacon holds exactly the milestone,
// the page's path, the locale, the intro variant and the model version
// (`C.count.fields`, from `readiness_contract::count`): no identifier, nothing
// written to cookies or storage, no answers, no time. Nothing is sent under Global
// Privacy Control or Do Not Track. navigator.sendBeacon only: never awaited, never
// retried. The milestones come from the widget's own events (the app's
// `readiness:*` events; the prerendered intro's Start), so the wasm carries no
// counting code. `C` is the loader's constants (`loader_contract`).

// Whether the browser asks not to be tracked (GPC, or DNT in any of its spellings).
import { optionsOf } from './options.js';

export function optedOut(nav, win) {
  return nav.globalPrivacyControl === true || [nav.doNotTrack, win.doNotTrack, nav.msDoNotTrack].some((v) => v === '1' || v === 'yes');
}

// One intro variant of `names`, each equally likely: a fresh draw per page view, kept nowhere.
export function pickVariant(names, random = Math.random) {
  return names.length ? names[Math.min(names.length - 1, Math.floor(random() * names.length))] : null;
}

// The milestone of a widget event (`readiness:<name>`, its detail), or null.
export function milestoneOf(C, type, detail) {
  const K = C.count;
  const name = type.slice(K.eventPrefix.length);
  if (name === K.stepEvents[0] || name === K.stepEvents[1]) {
    const step = detail && detail.step;
    const sign = K.signIds.indexOf(step);
    if (sign >= 0) return K.signs[sign];
    return step === K.resultStep ? K.milestones.result : null;
  }
  return K.events[name] || null;
}

// The beacon's body: exactly the contract's fields, in its order.
export function beacon(C, milestone, path, locale, variant) {
  const values = [milestone, path, locale, variant, C.count.modelVersion];
  return JSON.stringify(Object.fromEntries(C.count.fields.map((field, i) => [field, values[i]])));
}

// Counts the milestones of the widget in `element` (its shadow root is `root`) shown
// in `locale` with intro `variant`, if data-metrics is set and the browser does not opt out.
// Returns what stops it (the widget's element left the page: its listeners and observer go).
export function count(C, element, root, locale, variant) {
  const url = (optionsOf(C, element)[C.options.metrics] || '').trim();
  if (!url || optedOut(navigator, window) || typeof navigator.sendBeacon !== 'function') return () => {};
  const stop = new AbortController();
  const { signal } = stop;
  let observer = null;
  const K = C.count;
  const done = new Set();
  const send = (milestone) => {
    if (!milestone || done.has(milestone)) return;
    done.add(milestone);
    try {
      navigator.sendBeacon(url, beacon(C, milestone, location.pathname, locale, variant || K.defaultVariant));
    } catch {
      // A bad URL or a blocked request: counting never gets in the visitor's way.
    }
  };
  if ('IntersectionObserver' in window) {
    observer = new IntersectionObserver((entries) => {
      // Half of the widget, or half of the viewport for a widget taller than that.
      if (entries.some((e) => e.isIntersecting && (e.intersectionRatio >= 0.5 || e.intersectionRect.height >= window.innerHeight / 2))) {
        observer.disconnect();
        send(K.milestones.seen);
      }
    }, { threshold: [0, 0.25, 0.5, 0.75, 1] });
    observer.observe(element);
  }
  // Start on the prerendered intro (the app's own Start says so with its step event too).
  root.addEventListener('click', (event) => {
    if (event.target.closest && event.target.closest(C.selectors.start)) send(K.signs[0]);
  }, { signal });
  for (const name of [...K.stepEvents, ...Object.keys(K.events)]) {
    element.addEventListener(`${K.eventPrefix}${name}`, (event) => send(milestoneOf(C, event.type, event.detail)), { signal });
  }
  return () => {
    stop.abort();
    observer?.disconnect();
  };
}

// With counting on, the prerendered intro says what is sent, as the app's intro does.
export function noteCounting(C, element, intro, sentence) {
  if (!(optionsOf(C, element)[C.options.metrics] || '').trim() || !sentence) return;
  const privacy = intro.querySelector(C.count.privacy);
  if (!privacy) return;
  const note = document.createElement('p');
  note.className = C.count.noteClass;
  note.textContent = sentence;
  privacy.after(note);
}
