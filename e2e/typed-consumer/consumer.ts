// A typed consumer of the npm package (e2e/tests/typescript.rs runs
// `tsc --noEmit` on it against pkg/embed.d.ts). Each @ts-expect-error line
// must be an error: declarations loose enough to accept it fail the check.
import { mount, prefill } from 'readiness-widget';
import type { CompleteDetail, LeadDetail, ReadinessDataLayerEntry, SignStatus } from 'readiness-widget';

const widget = document.createElement('readiness-assessment');
widget.setAttribute('endpoint', '/contact');
document.body.append(widget);

widget.addEventListener('readiness:lead', (event) => {
  const detail: LeadDetail = event.detail;
  const tickets: SignStatus = detail.statuses.tickets;
  const code: string = detail.resultCode;
  console.log(tickets, code, detail.instance, detail.overall, detail.modelVersion);
  // @ts-expect-error: a lead carries no personal data
  console.log(detail.email);
});

document.addEventListener('readiness:complete', (event) => {
  const detail: CompleteDetail = event.detail;
  const score: number = detail.scores['spec-ownership'].score;
  console.log(score, detail.plan[0], detail.signs.map((s) => s.status));
  // @ts-expect-error: not a sign
  console.log(detail.scores.salary);
});

window.addEventListener('readiness:step', (event) => {
  const answered: number = event.detail.answered;
  console.log(answered, event.detail.step === 'documentation');
});

const handle = await mount(document.body, { contactUrl: '/contact', theme: 'dark', lazy: false, retryDelay: 500 });
handle.update({ theme: 'light' });
// @ts-expect-error: not a theme
handle.update({ theme: 'purple' });
// @ts-expect-error: not an option
handle.update({ contactURL: '/contact' });
handle.destroy();

const form = document.querySelector('form');
if (form) {
  const filled: number = await prefill(form);
  console.log(filled, window.ReadinessWidget.mount === mount);
}

const entry: ReadinessDataLayerEntry = {
  event: 'readiness_error',
  readiness: { message: 'invalid embed options' },
};
console.log(entry);
// @ts-expect-error: a lead's entry carries a lead's detail
const wrong: ReadinessDataLayerEntry = { event: 'readiness_lead', readiness: { message: 'x' } };
console.log(wrong);

export {};
