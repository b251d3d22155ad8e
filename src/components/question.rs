//! One question, drawn by its kind with native fieldsets, radios and
//! checkboxes. Emits the new answer (or `None` when one is withdrawn).

use readiness_core::{fill, Answer, Locale, Model, QuestionIndex, QuestionKind, Verdict, TICKETS};
use yew::prelude::*;

/// What [`question`] shows.
pub struct QuestionProps {
    /// Which question.
    pub index: QuestionIndex,
    /// The current answer.
    pub answer: Option<Answer>,
    /// The words.
    pub locale: &'static Locale,
    /// Unique prefix for input names and ids (one per widget instance).
    pub prefix: AttrValue,
    /// Show that this question still needs an answer.
    pub missing: bool,
    /// Not asked yet (its `shown_when` does not hold): rendered hidden, only
    /// in the prerendered step, where the loader shows it once the answer allows.
    pub hidden: bool,
    /// A new answer, or `None` to withdraw it.
    pub on_answer: Callback<Option<Answer>>,
}

/// One question, keyed by its index within the step (a plain function: no
/// state of its own, and each component costs about a kilobyte of wasm).
pub fn question(props: &QuestionProps) -> Html {
    let model = Model::current();
    let question = model.question(props.index);
    // `<question id> <bits of the options that show it>`: the prerendered step's loader reads it.
    let shown_when = question
        .shown_when
        .map(|c| format!("{} {}", model.question(c.question).id, c.any_of));
    let text = props.locale.question(props.index);
    let id = format!("{}-{}", props.prefix, question.id.replace('.', "-"));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = [
        (!text.hint.is_empty()).then_some(hint_id.as_str()),
        props.missing.then_some(error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let body = match question.kind {
        QuestionKind::TicketReview => tickets(props, &id, text.options),
        QuestionKind::Checklist => checklist(props, &id, text.options),
        QuestionKind::SingleChoice | QuestionKind::PickComment => {
            choice(props, &id, text.options, question.kind == QuestionKind::PickComment)
        }
    };
    html! {
        <fieldset key={props.index.get()} class={classes!("rw-question", props.missing.then_some("rw-missing"))} data-question={question.id}
            aria-describedby={(!described.is_empty()).then_some(described)} data-shown-when={shown_when} hidden={props.hidden}>
            <legend class="rw-legend">{ text.prompt }</legend>
            if !text.hint.is_empty() {
                <p class="rw-hint" id={hint_id}>{ text.hint }</p>
            }
            if props.missing {
                <p class="rw-error" id={error_id}>{ props.locale.ui.none_answered }</p>
            }
            { body }
        </fieldset>
    }
}

fn radio(name: &str, label: &str, checked: bool, onchange: Callback<Event>, extra_class: Option<&'static str>) -> Html {
    html! {
        <label class={classes!("rw-option", extra_class)}>
            <input type="radio" name={name.to_owned()} {checked} {onchange} />
            <span class="rw-option-label">{ label.to_owned() }</span>
        </label>
    }
}

fn tickets(props: &QuestionProps, id: &str, labels: &'static [&'static str]) -> Html {
    let verdicts = match props.answer {
        Some(Answer::Tickets(v)) => v,
        _ => [None; TICKETS],
    };
    let ui = &props.locale.ui;
    (0..TICKETS)
        .map(|ticket| {
            let name = format!("{id}-t{}", ticket + 1);
            let options = Verdict::ALL.iter().zip(labels).map(|(verdict, label)| {
                let on_answer = props.on_answer.clone();
                let verdict = *verdict;
                let onchange = Callback::from(move |_: Event| {
                    let mut next = verdicts;
                    next[ticket] = Some(verdict);
                    on_answer.emit(Some(Answer::Tickets(next)));
                });
                radio(&name, label, verdicts[ticket] == Some(verdict), onchange, None)
            });
            html! {
                <fieldset class="rw-ticket">
                    <legend class="rw-ticket-legend">{ fill(ui.ticket_label, &[("n", &(ticket + 1).to_string())]) }</legend>
                    <div class="rw-inline-options">{ for options }</div>
                </fieldset>
            }
        })
        .collect()
}

fn checklist(props: &QuestionProps, id: &str, labels: &'static [&'static str]) -> Html {
    let ticked = match props.answer {
        Some(Answer::Checked(bits)) => Some(bits),
        _ => None,
    };
    let items = labels.iter().enumerate().map(|(i, label)| {
        let on_answer = props.on_answer.clone();
        let bit = 1u8 << i;
        let checked = ticked.is_some_and(|b| b & bit != 0);
        let onchange = Callback::from(move |_: Event| {
            let next = ticked.unwrap_or(0) ^ bit;
            // Unticking the last item leaves "nothing ticked yet", not "none exist".
            on_answer.emit((next != 0).then_some(Answer::Checked(next)));
        });
        html! {
            <label class="rw-option">
                <input type="checkbox" name={format!("{id}-{i}")} {checked} {onchange} />
                <span class="rw-option-label">{ *label }</span>
            </label>
        }
    });
    let none_checked = ticked == Some(0);
    let on_answer = props.on_answer.clone();
    let on_none = Callback::from(move |_: Event| on_answer.emit((!none_checked).then_some(Answer::Checked(0))));
    html! {
        <>
            { for items }
            <label class="rw-option rw-option-none">
                <input type="checkbox" name={format!("{id}-none")} checked={none_checked} onchange={on_none} />
                <span class="rw-option-label">{ props.locale.ui.checklist_none }</span>
            </label>
        </>
    }
}

fn choice(props: &QuestionProps, id: &str, labels: &'static [&'static str], comments: bool) -> Html {
    let chosen = match props.answer {
        Some(Answer::Choice(option)) => Some(option),
        _ => None,
    };
    labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let on_answer = props.on_answer.clone();
            let option = i as u8;
            let onchange = Callback::from(move |_: Event| on_answer.emit(Some(Answer::Choice(option))));
            radio(
                id,
                label,
                chosen == Some(option),
                onchange,
                comments.then_some("rw-comment"),
            )
        })
        .collect()
}
