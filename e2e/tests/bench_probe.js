// Injected before any page script by `cargo xtask bench` (CDP
// Page.addScriptToEvaluateOnNewDocument). On every animation frame it looks
// into the widget's shadow root (the vanilla page uses the same classes),
// records when each milestone is first on screen, and acts like a visitor:
// Start as soon as it exists, then on each step, after `window.__benchPace`
// ms (a person's pace; 0 by default), the first option of every question
// and Next, until the result.
(() => {
  const B = (window.__bench = { t: {}, unstyledFrames: 0, frames: 0, done: false, instances: [], clicks: 0 });
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (!original) continue;
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((result) => {
        B.instances.push(result.instance || result);
        return result;
      });
    };
  }
  const now = () => performance.now();
  const mark = (name) => {
    if (B.t[name] === undefined) B.t[name] = now();
  };
  // widget.css sets --rw-radius on .rw: present only once the stylesheet applies.
  const styled = (root) => {
    const card = root.querySelector('.rw');
    return !!card && getComputedStyle(card).getPropertyValue('--rw-radius').trim() !== '';
  };
  // Anything of the widget a visitor could see (the loader's reserved box is the host's, not the widget's).
  const visible = (root) =>
    [...root.children].some((e) => e.tagName !== 'LINK' && e.tagName !== 'STYLE' && e.textContent.trim() !== '');
  let lastStep = '';
  let seenAt = 0;
  let triedAt = -100;
  function answerStep(root) {
    const names = new Set([...root.querySelectorAll('.rw-sign input[type=radio]')].map((i) => i.name));
    for (const name of names) {
      if (!root.querySelector(`input[name="${name}"]:checked`)) {
        root.querySelector(`input[name="${name}"]`).click();
        B.clicks++;
      }
    }
    for (const question of root.querySelectorAll('.rw-sign fieldset.rw-question')) {
      const boxes = question.querySelectorAll('input[type=checkbox]');
      if (boxes.length && !question.querySelector('input[type=checkbox]:checked')) {
        boxes[0].click();
        B.clicks++;
      }
    }
    const next = root.querySelector('.rw-nav .rw-primary');
    if (next) {
      B.lastNext = now();
      next.click();
    }
  }
  function frame() {
    B.frames++;
    const host = document.querySelector('[data-readiness-assessment]');
    const root = host && host.shadowRoot;
    if (root && visible(root)) {
      const isStyled = styled(root);
      if (!isStyled) B.unstyledFrames++;
      // The first frame of the widget with its styles: the intro, unless Start was already pressed on an unstyled one.
      if (isStyled) mark('intro');
      const start = root.querySelector('.rw-intro .rw-primary');
      if (start && B.t.startPressed === undefined) {
        mark('start');
        start.click();
        mark('startPressed');
      }
      if (root.querySelector('.rw-sign fieldset.rw-question input')) {
        mark('question');
        // The step (the widget's "Sign n of 5"; not its answered count, which changes as the visitor answers).
        const step = (root.querySelector('.rw-progress-text span') || root.querySelector('.rw-progress-text') || {}).textContent || '';
        if (step !== lastStep) {
          lastStep = step;
          seenAt = now();
        }
        // After the pace on this step, answer and press Next (again every 10 frames until it moves on).
        if (now() - seenAt >= (window.__benchPace || 0) && B.frames - triedAt > 10) {
          triedAt = B.frames;
          answerStep(root);
        }
      }
      if (root.querySelector('.rw-result')) {
        mark('result');
        if (B.t.afterLastNext === undefined) B.t.afterLastNext = now() - B.lastNext;
        B.done = true;
        return;
      }
    }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
  B.report = () => {
    const entries = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')];
    return {
      t: B.t,
      unstyledFrames: B.unstyledFrames,
      frames: B.frames,
      // Every module instantiated (one per page since issue 18): their linear memories together.
      wasmBytes: B.instances.length ? B.instances.reduce((sum, i) => sum + (i.exports.memory ? i.exports.memory.buffer.byteLength : 0), 0) : null,
      requests: entries.map((e) => ({
        name: e.entryType === 'navigation' ? 'page' : new URL(e.name).pathname.split('/').pop(),
        start: e.startTime,
        end: e.responseEnd,
        bytes: e.transferSize,
      })),
    };
  };
})();
