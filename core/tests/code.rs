//! Result codes: round trips and every way a code can be wrong.

mod util;

use proptest::prelude::*;
use readiness_core::{decode, encode, Answer, Answers, ErrorKind, Model, QuestionKind, Verdict, MAX_CODE_LEN};
use util::{all, best, forge, q, worst};

fn kind(code: &str) -> ErrorKind {
    decode(code).expect_err("the bad code was accepted").kind()
}

/// Any valid set of answers, complete or partial.
fn answers_strategy() -> impl Strategy<Value = Answers> {
    let model = Model::current();
    let per_question: Vec<BoxedStrategy<Option<Answer>>> = model
        .questions()
        .map(|(_, _, question)| {
            let n = question.choices.len();
            let answer: BoxedStrategy<Answer> = match question.kind {
                QuestionKind::TicketReview => proptest::array::uniform5(proptest::option::of(0u8..3))
                    .prop_map(|v| Answer::Tickets(v.map(|x| x.map(|x| Verdict::try_from(x).unwrap()))))
                    .boxed(),
                QuestionKind::Checklist => (0u8..(1 << n)).prop_map(Answer::Checked).boxed(),
                _ => (0..n as u8).prop_map(Answer::Choice).boxed(),
            };
            proptest::option::of(answer).boxed()
        })
        .collect();
    per_question.prop_map(|slots| {
        let mut answers = Answers::new();
        for ((index, _, _), slot) in Model::current().questions().zip(slots) {
            match slot {
                // An all-empty ticket review encodes as "unanswered".
                Some(Answer::Tickets(v)) if v.iter().all(Option::is_none) => {}
                Some(answer) => answers.set(index, answer).unwrap(),
                None => {}
            }
        }
        answers
    })
}

#[test]
fn complete_answers_round_trip() {
    for answers in [all(best), all(worst)] {
        // A code carries only the questions asked: `all(worst)` skips `spec.time`.
        assert_eq!(decode(&encode(&answers)).unwrap(), answers.without_hidden());
    }
    assert_eq!(all(best), all(best).without_hidden());
    assert_ne!(all(worst), all(worst).without_hidden());
}

#[test]
fn no_answers_round_trip() {
    assert_eq!(decode(&encode(&Answers::new())).unwrap(), Answers::new());
}

#[test]
fn a_partly_judged_ticket_review_round_trips() {
    let mut answers = Answers::new();
    let v = [Some(Verdict::Partly), None, Some(Verdict::No), None, Some(Verdict::Yes)];
    answers.set(q("tickets.last-five"), Answer::Tickets(v)).unwrap();
    assert_eq!(
        decode(&encode(&answers)).unwrap().get(q("tickets.last-five")),
        Some(Answer::Tickets(v))
    );
}

#[test]
fn codes_are_short_and_url_safe() {
    let code = encode(&all(best));
    assert!(code.len() <= 20, "{code} is {} characters", code.len());
    assert!(
        code.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "{code}"
    );
}

#[test]
fn an_empty_code_is_refused() {
    assert_eq!(kind(""), ErrorKind::EmptyCode);
}

#[test]
fn a_huge_code_is_refused_at_once() {
    let ten_megabytes = "A".repeat(10 * 1024 * 1024);
    assert_eq!(kind(&ten_megabytes), ErrorKind::CodeTooLong);
    assert_eq!(kind(&"A".repeat(MAX_CODE_LEN + 1)), ErrorKind::CodeTooLong);
}

#[test]
fn foreign_characters_are_refused() {
    assert_eq!(kind("abc+def/"), ErrorKind::InvalidCharacter);
    assert_eq!(kind("ab cd"), ErrorKind::InvalidCharacter);
    assert_eq!(kind("ééé"), ErrorKind::InvalidCharacter);
}

#[test]
fn a_truncated_code_is_refused() {
    let code = encode(&all(best));
    for cut in 1..code.len() {
        let short = &code[..cut];
        let k = kind(short);
        assert!(
            matches!(
                k,
                ErrorKind::Truncated | ErrorKind::ChecksumMismatch | ErrorKind::InvalidCharacter
            ),
            "{short}: {k:?}"
        );
    }
}

#[test]
fn every_single_character_typo_is_caught() {
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let code = encode(&util::all_best_but(&[readiness_core::SignId::Feedback]));
    for position in 0..code.len() {
        for replacement in ALPHABET.chars() {
            let mut typo: Vec<char> = code.chars().collect();
            if typo[position] == replacement {
                continue;
            }
            typo[position] = replacement;
            let typo: String = typo.into_iter().collect();
            assert!(decode(&typo).is_err(), "typo {typo} of {code} was accepted");
        }
    }
}

#[test]
fn swapped_neighbours_are_caught() {
    let code: Vec<char> = encode(&all(worst)).chars().collect();
    for i in 0..code.len() - 1 {
        if code[i] == code[i + 1] {
            continue;
        }
        let mut swapped = code.clone();
        swapped.swap(i, i + 1);
        let swapped: String = swapped.into_iter().collect();
        assert!(decode(&swapped).is_err(), "{swapped}");
    }
}

#[test]
fn the_forger_makes_the_same_codes_as_the_crate() {
    let code = encode(&Answers::new());
    let bytes_len = Model::current().version; // only to show the first byte is the version
    assert_eq!(forge(&[bytes_len, 0, 0, 0, 0, 0, 0, 0, 0]).len(), forge(&[1; 9]).len());
    // Decoding a forged "nothing answered" of the right length equals the crate's own code.
    let payload_bytes = (code.len() * 6 / 8) - 3;
    let mut bytes = vec![Model::current().version];
    bytes.extend(vec![0; payload_bytes]);
    assert_eq!(forge(&bytes), code);
}

#[test]
fn another_model_version_is_refused_by_number() {
    let code = encode(&all(best));
    let payload_bytes = (code.len() * 6 / 8) - 3;
    let mut bytes = vec![Model::current().version + 1];
    bytes.extend(vec![0; payload_bytes]);
    assert_eq!(
        kind(&forge(&bytes)),
        ErrorKind::UnsupportedVersion(Model::current().version + 1)
    );
}

#[test]
fn an_out_of_range_choice_with_a_valid_checksum_is_refused() {
    // All ones: every choice field holds its maximum value, which exceeds the option count of some.
    let code = encode(&Answers::new());
    let payload_bytes = (code.len() * 6 / 8) - 3;
    let mut bytes = vec![Model::current().version];
    bytes.extend(vec![0xFF; payload_bytes]);
    let k = kind(&forge(&bytes));
    assert!(
        matches!(k, ErrorKind::AnswerOutOfRange | ErrorKind::TrailingData),
        "{k:?}"
    );
}

#[test]
fn extra_bytes_after_the_answers_are_refused() {
    let code = encode(&Answers::new());
    let payload_bytes = (code.len() * 6 / 8) - 3;
    let mut bytes = vec![Model::current().version];
    bytes.extend(vec![0; payload_bytes + 1]);
    assert_eq!(kind(&forge(&bytes)), ErrorKind::TrailingData);
}

#[test]
fn too_few_answer_bytes_are_refused_as_truncated() {
    let mut bytes = vec![Model::current().version];
    bytes.extend([0, 0]);
    assert_eq!(kind(&forge(&bytes)), ErrorKind::Truncated);
}

#[test]
fn errors_read_as_sentences() {
    assert_eq!(decode("").unwrap_err().to_string(), "the result code is empty");
    assert!(decode(&forge(&[99, 0])).unwrap_err().to_string().contains("version 99"));
}

proptest! {
    #[test]
    fn any_answers_round_trip(answers in answers_strategy()) {
        let code = encode(&answers);
        prop_assert!(code.len() <= MAX_CODE_LEN);
        prop_assert_eq!(decode(&code).unwrap(), answers.without_hidden());
    }

    #[test]
    fn decoding_arbitrary_text_never_panics(text in ".{0,100}") {
        let _ = decode(&text);
    }

    #[test]
    fn decoding_arbitrary_url_safe_text_never_panics(text in "[A-Za-z0-9_-]{0,70}") {
        if let Ok(answers) = decode(&text) {
            // Whatever decodes is canonical: it encodes back to the same text.
            prop_assert_eq!(encode(&answers), text);
        }
    }

    #[test]
    fn checksummed_random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
        let _ = decode(&forge(&bytes));
    }
}
