//! One sign's questions, with progress, back and next.

use readiness_core::{fill, Answer, Answers, Locale, Model, QuestionIndex, SignId};
use yew::prelude::*;

use super::question::{question, QuestionProps};

/// What [`sign_step`] shows.
pub struct SignStepProps {
    /// Which sign.
    pub sign: SignId,
    /// All answers so far.
    pub answers: Answers,
    /// The words.
    pub locale: &'static Locale,
    /// Unique prefix for input names.
    pub prefix: AttrValue,
    /// "Next" was pressed with questions open.
    pub show_missing: bool,
    /// The step heading, focused when the step opens.
    pub heading: NodeRef,
    /// An answer changed (`None`: withdrawn).
    pub on_answer: Callback<(QuestionIndex, Option<Answer>)>,
    /// Next (or "see my result" on the last sign).
    pub on_next: Callback<()>,
    /// Back.
    pub on_back: Callback<()>,
    /// Rendered at build time: questions not asked yet are in the markup, hidden.
    pub prerendered: bool,
}

/// A sign's step.
pub fn sign_step(props: &SignStepProps) -> Html {
    let ui = &props.locale.ui;
    let model = Model::current();
    let text = props.locale.sign(props.sign);
    let number = props.sign.index() + 1;
    let total = SignId::ALL.len();
    let answered = props.answers.answered_count();
    let questions = props.answers.expected_count();
    let missing = props.answers.missing(props.sign);
    let last = number == total;

    // A question whose `shown_when` does not hold is not asked (it appears once the earlier answer allows it).
    let items = model
        .sign_questions(props.sign)
        .filter(|index| props.prerendered || props.answers.is_shown(*index))
        .map(|index| {
            let on_answer = props.on_answer.clone();
            question(&QuestionProps {
                index,
                answer: props.answers.get(index),
                locale: props.locale,
                prefix: props.prefix.clone(),
                missing: props.show_missing && missing.contains(&index),
                hidden: !props.answers.is_shown(index),
                on_answer: Callback::from(move |answer| on_answer.emit((index, answer))),
            })
        });
    let missing_names: Vec<&str> = missing.iter().map(|q| props.locale.question(*q).short).collect();

    html! {
        <div class="rw-step rw-sign">
            <p class="rw-progress-text">
                <span>{ fill(ui.step_progress, &[("current", &number.to_string()), ("total", &total.to_string())]) }</span>
                <span class="rw-progress-answered">
                    { fill(ui.answered_progress, &[("answered", &answered.to_string()), ("total", &questions.to_string())]) }
                </span>
            </p>
            <progress class="rw-progress" max={questions.to_string()} value={answered.to_string()} aria-hidden="true"></progress>
            <h2 class="rw-heading" tabindex="-1" ref={props.heading.clone()}>{ text.title }</h2>
            <p class="rw-summary">{ text.summary }</p>
            { for items }
            if props.show_missing && !missing.is_empty() {
                <p class="rw-error-summary" role="alert">
                    { fill(ui.missing_answers, &[("questions", &missing_names.join(", "))]) }
                </p>
            }
            <div class="rw-actions rw-nav">
                <button type="button" class="rw-button" onclick={props.on_back.reform(|_: MouseEvent| ())}>{ ui.back }</button>
                <button type="button" class="rw-button rw-primary" onclick={props.on_next.reform(|_: MouseEvent| ())}>
                    { if last { ui.see_result } else { ui.next } }
                </button>
            </div>
        </div>
    }
}
