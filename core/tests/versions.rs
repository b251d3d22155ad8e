//! Result codes of an older model version still open: read with that
//! version's layout (`content/models/v1.toml`), mapped onto the current model
//! by the rule in `model.toml`, and scored by today's rules.

mod util;

use readiness_core::{assess, decode, encode, Answer, ErrorKind, Model, SignId, Status, Verdict};
use util::{all, best, code_bytes, forge, q};

/// Made by `encode` on main at 1097225 (model version 1): every answer best.
const V1_BEST: &str = "AVVL9LpQmfc";
/// Made on main at 1097225: tickets all partly, done "mostly", no template,
/// architecture and conventions written, "ask", engineer-after, squeezed,
/// the bare-request comment, "sometimes", "within a few hours", "eventually".
/// Version 1 scored it 45, 30, 26, 38, 76.
const V1_MIXED: &str = "AaqXXdRgGRI";

#[test]
fn the_current_model_is_version_two_and_still_reads_version_one() {
    assert_eq!(Model::current().version, 2);
    assert_eq!(Model::readable_versions(), [1, 2]);
    assert!(Model::older(1).is_some());
}

#[test]
fn an_old_code_of_full_marks_opens_as_full_marks() {
    let answers = decode(V1_BEST).expect("a version 1 code opens");
    assert!(answers.is_complete());
    assert_eq!(answers, all(best));
    let report = assess(&answers);
    assert!(report
        .signs()
        .iter()
        .all(|s| s.status == Status::Strong && s.score == 100));
    assert_eq!(report.model_version(), 2);
    // Re-encoded, it is a code of today's version.
    assert_ne!(encode(&answers), V1_BEST);
    assert_eq!(decode(&encode(&answers)).unwrap(), answers);
}

#[test]
fn an_old_mixed_code_is_mapped_answer_by_answer() {
    let answers = decode(V1_MIXED).expect("a version 1 code opens");
    assert_eq!(
        answers.get(q("tickets.last-five")),
        Some(Answer::Tickets([Some(Verdict::Partly); 5]))
    );
    assert_eq!(answers.get(q("docs.written")), Some(Answer::Checked(0b0101)));
    // feedback.comment "bare-request" → feedback.recent "few" (documented in model.toml).
    let recent = Model::current().question(q("feedback.recent"));
    assert_eq!(answers.get(q("feedback.recent")), Some(Answer::Choice(2)));
    assert_eq!(recent.choices[2].id, "few");
    // unblock.speed "hours" → "same-day".
    assert_eq!(answers.get(q("unblock.speed")), Some(Answer::Choice(0)));
    // spec.time was answered, but "engineer-after" hides it today: dropped.
    assert_eq!(answers.get(q("spec.time")), None);
    assert!(answers.is_complete(), "every question asked today has an answer");

    let report = assess(&answers);
    let scores: Vec<u8> = report.signs().iter().map(|s| s.score).collect();
    // Tickets and docs score as before; specs re-normalise over the one question asked
    // (10); feedback maps to 38 again; a same-day answer now earns full marks (76).
    assert_eq!(scores, [45, 30, 10, 38, 76]);
    assert_eq!(report.sign(SignId::Unblocking).status, Status::Close);
}

#[test]
fn a_version_that_is_not_kept_is_refused_by_number() {
    // Version 1's layout with the version byte set to 3 fails its checksum first,
    // so forge a checksummed code of version 3 by hand.
    let code = decode("AwAAAA");
    assert!(code.is_err());
    let error = decode(&forge(&[3, 0, 0])).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnsupportedVersion(3));
}

#[test]
fn a_current_code_answering_a_hidden_question_is_refused() {
    let mut answers = all(best);
    answers.set(q("spec.who-when"), Answer::Choice(3)).unwrap();
    let clean = encode(&answers);
    // Encoding drops the hidden answer; decoding gives it back without it.
    assert_eq!(decode(&clean).unwrap().get(q("spec.time")), None);
    // A code forged to carry it is refused.
    let forged = encode_keeping_hidden(&answers);
    assert_eq!(decode(&forged).unwrap_err().kind(), ErrorKind::HiddenAnswer);
}

/// The current layout with every answer written, shown or not (what `encode` refuses to do).
fn encode_keeping_hidden(answers: &readiness_core::Answers) -> String {
    let shown = encode(answers);
    let mut bytes = code_bytes(&shown);
    bytes.truncate(bytes.len() - 2);
    // spec.time is the 7th question: 10 bits of tickets, 3 + 2 of tickets.done/template
    // (4 and 3 options), 5 of the checklist, 2 of docs.new-engineer, 3 of spec.who-when:
    // its 2 bits start at bit 25 of the answers.
    let bit = 8 + 25;
    let value = u8::try_from(answers.get(q("spec.time")).map_or(0, |a| match a {
        Answer::Choice(o) => o + 1,
        _ => 0,
    }))
    .unwrap();
    for (i, shift) in [(0, 1), (1, 0)] {
        if value >> shift & 1 == 1 {
            bytes[(bit + i) / 8] |= 1 << (7 - (bit + i) % 8);
        }
    }
    forge(&bytes)
}
