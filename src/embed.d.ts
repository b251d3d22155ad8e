// Type declarations of the readiness widget's package (`embed.js`): the JS
// API, the <readiness-assessment> element and its attributes, and the detail
// of every event. Shipped as `types` in the npm package by `cargo xtask dist`.
// `tests/loader_drift.rs` checks it against the Rust side's names (events,
// options, sign ids, statuses); e2e/tests/typescript.rs type-checks a consumer.

/** A sign of the article, by id. */
export type SignId = 'tickets' | 'documentation' | 'spec-ownership' | 'feedback' | 'unblocking';
/** Where one sign stands. */
export type SignStatus = 'strong' | 'close' | 'gap' | 'not-answered';
/** The overall picture of a result. */
export type Overall = 'ready' | 'nearly' | 'focused' | 'groundwork' | 'incomplete';
/** A step of the widget. */
export type Step = 'intro' | SignId | 'result' | 'team';
/** A yes/no option: `true`, `"true"`, `"yes"` mean yes; `false`, `"false"`, `"no"` mean no. */
export type YesNo = boolean | 'true' | 'false' | 'yes' | 'no';

/** The options of `mount()` and `update()`: the data-attribute names in camelCase. */
export interface ReadinessOptions {
  contactUrl?: string;
  endpoint?: string;
  endpointFormat?: 'json' | 'form';
  consentText?: string;
  fallbackContact?: string;
  locale?: string;
  theme?: 'auto' | 'light' | 'dark';
  instance?: string;
  remember?: YesNo;
  retryDelay?: number | string;
  lazy?: YesNo;
  prefetch?: 'idle' | 'none';
  reserve?: string;
  loadError?: string;
  /** An https booking page (Cal.com, Calendly, HubSpot meetings or any): "Book a call about these gaps" on the result. */
  bookingUrl?: string;
  /** A copy file (JSON of locale keys to your own words) for this widget. */
  copy?: string;
  /** Where anonymous counts go (the reference endpoint: `/count`); without it nothing is counted. */
  metrics?: string;
  /** Intro variants (copy files separated by spaces) of an A/B test; one is drawn per page view. */
  introVariants?: string;
  /** Context for sales: `contextCampaign: 'spring-26'` is `data-context-campaign`. */
  [context: `context${string}`]: string | undefined;
  /** Internal (the widget's stylesheet base); not part of the interface: do not set. */
  assets?: never;
}

/** The attributes of <readiness-assessment> (the same options, kebab-case, without `data-`). */
export interface ReadinessAssessmentAttributes {
  'contact-url'?: string;
  endpoint?: string;
  'endpoint-format'?: 'json' | 'form';
  'consent-text'?: string;
  'fallback-contact'?: string;
  locale?: string;
  theme?: 'auto' | 'light' | 'dark';
  instance?: string;
  remember?: 'true' | 'false';
  'retry-delay'?: string;
  lazy?: 'true' | 'false';
  prefetch?: 'idle' | 'none';
  reserve?: string;
  'load-error'?: string;
  'booking-url'?: string;
  copy?: string;
  metrics?: string;
  'intro-variants'?: string;
  /** Context for sales (at most 10, one line each, up to 100 characters). */
  [context: `context-${string}`]: string | undefined;
}

/** What `mount()` returns. */
export interface WidgetHandle {
  /** New options, merged over the current ones; the answers stay. */
  update(options?: ReadinessOptions): void;
  /** Unmounts the app and empties the element. */
  destroy(): void;
}

/** Mounts a widget into `element` (its data-* attributes, then `options`). */
export function mount(element: Element, options?: ReadinessOptions): Promise<WidgetHandle>;
/** Fills a contact form from the handed-over result; resolves to the number of fields filled. */
export function prefill(form: HTMLFormElement, code?: string | null): Promise<number>;

/** `readiness:ready` and `readiness:step`. */
export interface StepDetail {
  instance: string;
  step: Step;
  answered: number;
}
export type ReadyDetail = StepDetail;

/** One sign's score (0–100) and status. */
export interface SignScore {
  sign: SignId;
  score: number;
  status: SignStatus;
}

/** `readiness:complete` (and `readiness:prefilled`). */
export interface CompleteDetail {
  instance: string;
  signs: SignScore[];
  scores: Record<SignId, SignScore>;
  overall: Overall;
  /** The signs to work on, costliest first. */
  plan: SignId[];
  resultCode: string;
  modelVersion: number;
}
export type PrefilledDetail = CompleteDetail;

/** `readiness:lead`: the endpoint accepted a submission. No personal data. */
export interface LeadDetail {
  instance: string;
  resultCode: string;
  overall: Overall;
  statuses: Record<SignId, SignStatus>;
  modelVersion: number;
}

/** One sign of `readiness:team`. */
export interface TeamSign {
  sign: SignId;
  median: number;
  spread: number;
  status: SignStatus;
  disagrees: boolean;
  scores: number[];
}

/** `readiness:team`: the team comparison was computed. */
export interface TeamDetail {
  instance: string;
  members: number;
  signs: TeamSign[];
  medians: Record<SignId, number>;
  spreads: Record<SignId, number>;
  order: SignId[];
  overall: Overall;
  plan: SignId[];
}

/** `readiness:error`: the options are invalid. */
export interface ErrorDetail {
  message: string;
}

/** `readiness:plan`: the endpoint queued the visitor's plan e-mail (no address in it). */
export interface PlanDetail {
  instance: string;
  resultCode: string;
}

/** `readiness:booking`: the visitor opened the booking page. */
export interface BookingDetail {
  instance: string;
  service: 'cal.com' | 'calendly' | 'hubspot' | 'other';
  resultCode: string;
}

/** `readiness:contact`: the contact form opened. */
export interface ContactDetail {
  instance: string;
}

/** Every event the widget dispatches (bubbling, composed) on its element. */
export interface ReadinessEventMap {
  'readiness:ready': CustomEvent<ReadyDetail>;
  'readiness:step': CustomEvent<StepDetail>;
  'readiness:complete': CustomEvent<CompleteDetail>;
  'readiness:lead': CustomEvent<LeadDetail>;
  'readiness:team': CustomEvent<TeamDetail>;
  'readiness:error': CustomEvent<ErrorDetail>;
  'readiness:prefilled': CustomEvent<PrefilledDetail>;
  'readiness:plan': CustomEvent<PlanDetail>;
  'readiness:booking': CustomEvent<BookingDetail>;
  'readiness:contact': CustomEvent<ContactDetail>;
}

type EventName<K> = K extends `readiness:${infer N}` ? N : never;
type DetailOf<E> = E extends CustomEvent<infer D> ? D : never;

/** What the widget pushes to `window.dataLayer` (when the page has one). */
export type ReadinessDataLayerEntry = {
  [K in keyof ReadinessEventMap]: { event: `readiness_${EventName<K>}`; readiness: DetailOf<ReadinessEventMap[K]> };
}[keyof ReadinessEventMap];

/** <readiness-assessment>. */
export interface ReadinessAssessmentElement extends HTMLElement {
  addEventListener<K extends keyof ReadinessEventMap>(
    type: K,
    listener: (this: ReadinessAssessmentElement, event: ReadinessEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof ReadinessEventMap>(
    type: K,
    listener: (this: ReadinessAssessmentElement, event: ReadinessEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'readiness-assessment': ReadinessAssessmentElement;
  }
  // The events bubble and are composed: the document and the window see them too.
  interface DocumentEventMap extends ReadinessEventMap {}
  interface WindowEventMap extends ReadinessEventMap {}
  interface Window {
    ReadinessWidget: { mount: typeof mount; prefill: typeof prefill };
  }
}
