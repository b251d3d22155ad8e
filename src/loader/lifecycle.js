// When widgets come and go: the <readiness-assessment> custom element's
// callbacks, and for the `div` snippet a MutationObserver on the document, so
// a widget inserted after load (a single-page site's navigation) mounts and a
// removed one is destroyed with everything it started. `attach(host)` and
// `detach(host)` are the loader's (idempotent: a host is attached once however
// often it connects); `changed(host, name)` an attribute of the element that
// changed. Moving a widget (removed and inserted in the same task) keeps it as
// it is: the teardown waits a microtask and looks whether the host is back.

import { isElement } from './options.js';

// Defines <readiness-assessment> (once, also when a second copy of the loader runs).
export function defineElement(C, { attach, detach, changed }) {
  if (customElements.get(C.marker)) return;
  customElements.define(C.marker, class extends HTMLElement {
    static get observedAttributes() {
      return C.optionAttributes;
    }

    connectedCallback() {
      attach(this);
    }

    disconnectedCallback() {
      queueMicrotask(() => this.isConnected || detach(this));
    }

    attributeChangedCallback(name, before, after) {
      if (before !== after && this.isConnected) changed(this, name);
    }
  });
}

// Watches the document for `div` widgets inserted or removed after load; returns the selector's
// current matches. Hosts inside other shadow roots are out of its sight: use the element there.
export function watchDocument(C, { attach, detach, live }) {
  const selector = `[data-${C.marker}]`;
  const scan = (node) => {
    if (node.matches(selector)) attach(node);
    if (node.firstElementChild) node.querySelectorAll(selector).forEach(attach);
  };
  new MutationObserver((records) => {
    let removed = false;
    for (const record of records) {
      for (const node of record.addedNodes) if (node.nodeType === 1) scan(node);
      removed ||= record.removedNodes.length > 0;
    }
    // Only the hosts the loader runs are looked at, not the removed subtrees.
    if (removed) for (const host of [...live()]) if (!host.isConnected && !isElement(C, host)) detach(host);
  }).observe(document.documentElement, { childList: true, subtree: true });
  return [...document.querySelectorAll(selector)];
}
