//! What a visitor did on the prerendered steps before the wasm arrived (pure).
//!
//! The build prerenders the intro and the first sign's step with the app's own
//! components (`prerender`), and the loader shows them as soon as the
//! stylesheet applies: Start, the native radios and checkboxes and Next all
//! work before the app runs. When the app mounts, `embed::adopt` reads that
//! form from the shadow root (what is ticked, whether Start and Next were
//! pressed, which control has focus) into an [`Early`], and the app starts
//! from it. The hand-in is explicit rather than Yew hydration: the visitor's
//! ticks are state the reducer must own (hydration would keep the DOM's
//! checked flags but not put them in `State`), the app's first render depends
//! on options the build cannot know (instance, theme, stored progress), and
//! hydration would add its code to the wasm.

use readiness_core::{Answer, Answers, Model, QuestionKind, SignId, Verdict, TICKETS};

/// The prerendered step the visitor reached, read when the app mounts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Early {
    /// Start was pressed: the first sign's step is showing.
    pub started: bool,
    /// The answers ticked on it.
    pub answers: Answers,
    /// Next was pressed (and shown busy): honoured as soon as the app runs.
    pub next: bool,
    /// The focused control, as its position among the step's focusable
    /// controls (`FOCUSABLE`), so focus stays where it was.
    pub focus: Option<usize>,
}

/// Which of the step's elements can hold focus, in document order: the
/// heading (focused when the step opens), every input, every button.
pub const FOCUSABLE: &str = ".rw-heading, input, button";

/// One question of the prerendered step as the DOM shows it: its id
/// (`data-question`) and the checked flag of each of its inputs, in order.
pub type FormQuestion = (String, Vec<bool>);

/// The answers a prerendered form holds. Inputs are read by position, the
/// same order the `question` component renders them: tickets ticket by
/// ticket (one radio per verdict), checklist items then "none of these",
/// choices in order. Unknown questions and malformed entries are skipped.
pub fn answers_from_form(questions: &[FormQuestion]) -> Answers {
    let model = Model::current();
    let mut answers = Answers::new();
    for (id, checked) in questions {
        let Ok(index) = model.question_index(id) else {
            continue;
        };
        let question = model.question(index);
        let position = |flags: &[bool]| flags.iter().position(|c| *c);
        let answer = match question.kind {
            QuestionKind::TicketReview => {
                let mut verdicts = [None; TICKETS];
                for (ticket, flags) in checked.chunks(Verdict::ALL.len()).take(TICKETS).enumerate() {
                    verdicts[ticket] = position(flags).map(|i| Verdict::ALL[i]);
                }
                verdicts
                    .iter()
                    .any(Option::is_some)
                    .then_some(Answer::Tickets(verdicts))
            }
            QuestionKind::Checklist => {
                let Some((none, items)) = checked.split_last() else {
                    continue;
                };
                let bits = items
                    .iter()
                    .take(8)
                    .enumerate()
                    .fold(0u8, |bits, (i, c)| if *c { bits | 1 << i } else { bits });
                (bits != 0 || *none).then_some(Answer::Checked(bits))
            }
            QuestionKind::SingleChoice | QuestionKind::PickComment => {
                position(checked).map(|i| Answer::Choice(i as u8))
            }
        };
        if let Some(answer) = answer {
            let _ = answers.set(index, answer);
        }
    }
    answers
}

/// The sign the prerendered step asks: the first.
pub const SIGN: SignId = SignId::Tickets;

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(on: &[usize], len: usize) -> Vec<bool> {
        (0..len).map(|i| on.contains(&i)).collect()
    }

    #[test]
    fn the_first_signs_form_reads_back_as_the_app_would_have_recorded_it() {
        let model = Model::current();
        let mut form = Vec::new();
        let mut expected = Answers::new();
        for index in model.sign_questions(SIGN) {
            let question = model.question(index);
            let (checked, answer) = match question.kind {
                QuestionKind::TicketReview => {
                    // Ticket 1 "partly", ticket 3 "no", the others not yet.
                    let mut checked = vec![false; TICKETS * Verdict::ALL.len()];
                    checked[1] = true;
                    checked[2 * Verdict::ALL.len() + 2] = true;
                    let mut verdicts = [None; TICKETS];
                    verdicts[0] = Some(Verdict::ALL[1]);
                    verdicts[2] = Some(Verdict::ALL[2]);
                    (checked, Answer::Tickets(verdicts))
                }
                QuestionKind::Checklist => (flags(&[0, 2], question.choices.len() + 1), Answer::Checked(0b101)),
                _ => (
                    flags(&[question.choices.len() - 1], question.choices.len()),
                    Answer::Choice(question.choices.len() as u8 - 1),
                ),
            };
            form.push((question.id.to_owned(), checked));
            expected.set(index, answer).unwrap();
        }
        assert_eq!(answers_from_form(&form), expected);
    }

    #[test]
    fn nothing_ticked_is_no_answer_and_none_of_these_is_one() {
        let model = Model::current();
        for (index, _, question) in model.questions() {
            let len = match question.kind {
                QuestionKind::TicketReview => TICKETS * Verdict::ALL.len(),
                QuestionKind::Checklist => question.choices.len() + 1,
                _ => question.choices.len(),
            };
            let form = vec![(question.id.to_owned(), vec![false; len])];
            assert_eq!(answers_from_form(&form).get(index), None, "{}", question.id);
            if question.kind == QuestionKind::Checklist {
                let form = vec![(question.id.to_owned(), flags(&[len - 1], len))];
                assert_eq!(answers_from_form(&form).get(index), Some(Answer::Checked(0)));
            }
        }
    }

    #[test]
    fn unknown_questions_and_empty_entries_are_skipped() {
        let form = vec![("no.such".to_owned(), vec![true]), ("tickets.done".to_owned(), vec![])];
        assert!(answers_from_form(&form).is_empty());
    }
}
