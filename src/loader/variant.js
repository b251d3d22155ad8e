// Intro variants (issue 23): data-intro-variants="/copy/short.json /copy/long.json" lists
// two or more copy files (the copy file format of data-copy, see docs/embedding.md), one
// per variant, named by the file's name without `.json` (`short`, `long`: a-z, 0-9, -
// and _, as `C.count.variantPattern` from `readiness_contract::count`). Each page view
// draws one at random (pickVariant: no storage, no identifier; a reload may draw
// another); the widget shows it as its copy (the data-copy mechanism, copy.js) and
// counts under its name.

import { pickVariant } from './count.js';

// The listed variants as { name, url }; a file whose name is not a variant name is
// left out with a warning. `C` is the loader's constants.
import { optionsOf } from './options.js';

export function variantsOf(C, value) {
  const pattern = new RegExp(C.count.variantPattern);
  const out = [];
  for (const url of String(value || '').split(/\s+/).filter(Boolean)) {
    const name = url.split(/[?#]/)[0].split('/').pop().replace(/\.json$/i, '');
    if (pattern.test(name) && !out.some((v) => v.name === name)) out.push({ name, url });
    else console.warn(`readiness widget: data-intro-variants: \`${url}\` is left out (a variant file is named a-z, 0-9, - or _, up to 32, plus .json, each once)`);
  }
  return out;
}

// This page view's variant of the widget in `element` ({ name, url }), or null without
// variants. The drawn file becomes the widget's copy file (data-copy, which the copy
// loader and the app read next), so the prerendered intro and the app show the same words.
export function chooseVariant(C, element, random = Math.random) {
  const variant = pickVariant(variantsOf(C, optionsOf(C, element)[C.options.introVariants]), random);
  if (variant) {
    if (optionsOf(C, element)[C.options.copy]) console.warn('readiness widget: data-intro-variants replaces data-copy (each variant file is the whole copy file)');
    element.dataset[C.options.copy] = variant.url;
  }
  return variant;
}
