// Which locale a widget (or form) shows, before the wasm runs: the same rule
// as the Rust side's `locale_choice::pick_locale` (a test runs both on the
// same cases). `C` is the loader's constants (`loader_contract`): the locale
// tags the package has and English's. `wanted` is data-locale; `languages`
// the page's lang, then the browser's. Returns one of `C.locales`.
export function pickLocale(C, wanted, languages) {
  const known = (tag) => {
    const lower = (tag || '').trim().toLowerCase();
    if (!lower) return null;
    return C.locales.find((t) => t === lower) || C.locales.find((t) => t === lower.split('-')[0]) || null;
  };
  const requested = (wanted || '').trim();
  if (requested && requested.toLowerCase() !== 'auto') return known(requested) || C.english;
  for (const tag of languages) {
    const found = known(tag);
    if (found) return found;
  }
  return C.english;
}
