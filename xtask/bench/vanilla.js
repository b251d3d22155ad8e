// The bench's floor: a hand-written quiz in plain JS (no framework, no wasm),
// single-choice questions in five steps, then a score per step. Same class
// names as the widget so the bench's probe drives both; its CSS is a
// constructable stylesheet (no second request, fine under a strict CSP).
const css = `.rw{--rw-radius:10px;max-width:44rem;margin:0 auto;padding:1.5rem;border:1px solid #ccc;border-radius:var(--rw-radius);font:1rem/1.5 system-ui,sans-serif;color:#1c2330;background:#fff}
fieldset{border:0;padding:0;margin:0 0 1rem}legend{font-weight:600;margin-bottom:.4rem}label{display:block;padding:.45rem .6rem;border:1px solid #ddd;border-radius:6px;margin:.3rem 0}
button{font:inherit;padding:.55rem 1.1rem;border-radius:6px;border:1px solid #2457d6;background:#fff;color:#2457d6;margin-inline-end:.5rem}.rw-primary{background:#2457d6;color:#fff}`;
const steps = [
  ['Tickets', ['Does a ticket say what done means?', 'Is there a ticket template?']],
  ['Documentation', ['Is setup written down?', 'Are decisions written down?']],
  ['Specs', ['Who writes the spec?', 'When is the spec written?']],
  ['Feedback', ['How fast is a review?', 'Are reviews written?']],
  ['Unblocking', ['Who answers questions?', 'How fast is an answer?']],
];
const options = ['Always', 'Mostly', 'Rarely', 'Never'];
const answers = {};
const host = document.querySelector('[data-readiness-assessment]');
const root = host.attachShadow({ mode: 'open' });
const sheet = new CSSStyleSheet();
sheet.replaceSync(css);
root.adoptedStyleSheets = [sheet];
const card = document.createElement('section');
card.className = 'rw';
root.append(card);
const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};
const button = (text, primary, onclick) => el('button', { type: 'button', className: primary ? 'rw-button rw-primary' : 'rw-button', textContent: text, onclick });
function show(step) {
  let view;
  if (step < 0) {
    view = el('div', { className: 'rw-step rw-intro' }, el('h2', { textContent: 'Is your startup ready for a remote contractor?' }),
      el('p', { textContent: 'Ten questions, three minutes.' }), el('div', { className: 'rw-actions' }, button('Start the check', true, () => show(0))));
  } else if (step < steps.length) {
    const [title, questions] = steps[step];
    view = el('div', { className: 'rw-step rw-sign' }, el('p', { className: 'rw-progress-text', textContent: `Step ${step + 1} of ${steps.length}` }), el('h2', { textContent: title }));
    questions.forEach((prompt, q) => {
      const name = `q${step}-${q}`;
      view.append(el('fieldset', { className: 'rw-question' }, el('legend', { textContent: prompt }),
        ...options.map((label, i) => el('label', {}, el('input', { type: 'radio', name, checked: answers[name] === i, onchange: () => (answers[name] = i) }), ' ', label))));
    });
    view.append(el('div', { className: 'rw-actions rw-nav' }, button('Back', false, () => show(step - 1)),
      button('Next', true, () => questions.every((_, q) => answers[`q${step}-${q}`] !== undefined) && show(step + 1))));
  } else {
    view = el('div', { className: 'rw-step rw-result' }, el('h2', { textContent: 'Your readiness map' }),
      el('ul', {}, ...steps.map(([title, questions], s) => el('li', { textContent: `${title}: ${Math.round(100 - questions.reduce((sum, _, q) => sum + answers[`q${s}-${q}`], 0) * 100 / (3 * questions.length))}` }))));
  }
  card.replaceChildren(view);
  view.querySelector('h2').tabIndex = -1;
  if (step >= 0) view.querySelector('h2').focus();
}
show(-1);
