//! Helpers shared by the integration tests.
#![allow(dead_code)]

use readiness_core::{Answer, Answers, Model, QuestionIndex, QuestionKind, SignId, Verdict};

/// The index of a question by id; panics with the id when it is unknown.
#[track_caller]
pub fn q(id: &str) -> QuestionIndex {
    Model::current()
        .question_index(id)
        .unwrap_or_else(|_| panic!("no question `{id}` in the model"))
}

/// The position of the option worth `points` in a choice question.
#[track_caller]
pub fn option_worth(id: &str, points: u8) -> u8 {
    let question = Model::current().question(q(id));
    question
        .choices
        .iter()
        .position(|c| c.points == points)
        .unwrap_or_else(|| panic!("`{id}` has no option worth {points}")) as u8
}

/// The best possible answer to a question.
pub fn best(index: QuestionIndex) -> Answer {
    let question = Model::current().question(index);
    match question.kind {
        QuestionKind::TicketReview => Answer::Tickets([Some(Verdict::Yes); 5]),
        QuestionKind::Checklist => Answer::Checked(((1u16 << question.choices.len()) - 1) as u8),
        QuestionKind::SingleChoice | QuestionKind::PickComment => {
            Answer::Choice(question.choices.iter().position(|c| c.points == 100).unwrap() as u8)
        }
    }
}

/// The worst possible answer to a question.
pub fn worst(index: QuestionIndex) -> Answer {
    let question = Model::current().question(index);
    match question.kind {
        QuestionKind::TicketReview => Answer::Tickets([Some(Verdict::No); 5]),
        QuestionKind::Checklist => Answer::Checked(0),
        QuestionKind::SingleChoice | QuestionKind::PickComment => Answer::Choice(
            question
                .choices
                .iter()
                .enumerate()
                .min_by_key(|(_, c)| c.points)
                .unwrap()
                .0 as u8,
        ),
    }
}

/// Every question answered with `pick`.
pub fn all(pick: impl Fn(QuestionIndex) -> Answer) -> Answers {
    let mut answers = Answers::new();
    for (index, _, _) in Model::current().questions() {
        answers.set(index, pick(index)).unwrap();
    }
    answers
}

/// Every question answered best, except one sign's questions answered worst.
pub fn all_best_but(weak: &[SignId]) -> Answers {
    let mut answers = all(best);
    for sign in weak {
        for index in Model::current().sign_questions(*sign) {
            answers.set(index, worst(index)).unwrap();
        }
    }
    answers
}

/// The result-code alphabet (base64url), copied rather than imported: an
/// independent copy keeps the code tests honest.
const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Builds a code with a valid checksum around arbitrary bytes.
pub fn forge(bytes: &[u8]) -> String {
    // Same CRC and alphabet as the crate; an independent copy keeps this test honest.
    let mut crc: u16 = 0xFFFF;
    for byte in bytes {
        crc ^= u16::from(*byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    let mut all = bytes.to_vec();
    all.extend(crc.to_be_bytes());
    let mut out = String::new();
    for chunk in all.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The bytes of a code (checksum included), for tests that forge variants of a real code.
pub fn code_bytes(code: &str) -> Vec<u8> {
    let values: Vec<u32> = code
        .bytes()
        .map(|c| ALPHABET.iter().position(|a| *a == c).unwrap() as u32)
        .collect();
    let mut out = Vec::new();
    for chunk in values.chunks(4) {
        let n = chunk.iter().enumerate().fold(0, |n, (i, v)| n | v << (18 - 6 * i));
        out.extend((0..chunk.len() - 1).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    out
}
