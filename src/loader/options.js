// A widget's options as the loader reads them, in camelCase (`dataset` keys):
// the `div` snippet's data-* attributes; on <readiness-assessment>, the same
// names without `data-` too (they win over data-*). `C` is the loader's
// constants (`loader_contract`).

// Attributes every HTML element may carry: never widget options.
const GLOBAL = new Set(('class id style slot part exportparts title lang dir hidden tabindex is role nonce inert autofocus '
  + 'translate draggable spellcheck contenteditable accesskey popover').split(' '));

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

// Whether `element` is the custom element (not the `div` snippet).
export const isElement = (C, element) => element.localName === C.marker;

// The custom element's own option attributes (`contact-url="/c"` → { 'contact-url': '/c' }):
// every attribute but data-*, aria-*, on* and the global ones, so an option the
// Rust side adds (or a typo, which it names) passes without a loader change.
export function attributeOptions(C, element) {
  const options = {};
  if (!isElement(C, element)) return options;
  for (const { name, value } of element.attributes) {
    if (GLOBAL.has(name) || /^(data-|aria-|on)/.test(name)) continue;
    options[name] = value;
  }
  return options;
}

// data-* and, on the element, its own option attributes, in camelCase.
export function optionsOf(C, element) {
  const options = { ...element.dataset };
  for (const [name, value] of Object.entries(attributeOptions(C, element))) options[camel(name)] = value;
  return options;
}
