//! Result codes: a compact, URL-safe, versioned, checked encoding of a set of
//! answers, for `#result=…` links and the contact hand-off.
//!
//! Layout, before base64url (no padding): one byte of model version, the
//! answers packed as bits in question order, zero bits to the byte, then a
//! CRC-16 of everything before it. Per question:
//! - ticket review: 2 bits per ticket (0 unanswered, 1 yes, 2 partly, 3 no);
//! - checklist: 1 bit "answered", then 1 bit per item;
//! - choice: `0` unanswered or option + 1, in as few bits as hold the options.
//!
//! A question hidden by its `shown_when` is written as unanswered, and a code
//! of the current version that answers one is refused ([`ErrorKind::HiddenAnswer`]).
//!
//! A code of an older model version (one kept in `content/models/`) is read
//! with that version's layout and mapped onto the current model by the rule in
//! `model.toml` (`upgrade`); the answers are then scored by today's rules.
//!
//! A code of the current model is about 15 characters long.

use crate::answer::{Answer, Answers, Verdict};
use crate::error::{Error, ErrorKind};
use crate::model::{Model, Question, QuestionKind, TICKETS};

/// Longer input is refused before any decoding work.
pub const MAX_CODE_LEN: usize = 64;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes answers, complete or partial, as a result code.
///
/// ```
/// use readiness_core::{decode, encode, Answer, Answers, Model};
/// let mut answers = Answers::new();
/// answers.set(Model::current().question_index("unblock.speed").unwrap(), Answer::Choice(0)).unwrap();
/// let code = encode(&answers);
/// assert_eq!(decode(&code).unwrap(), answers);
/// ```
pub fn encode(answers: &Answers) -> String {
    let model = Model::current();
    let mut bits = BitWriter::default();
    for (index, _, question) in model.questions() {
        write_answer(
            &mut bits,
            question,
            answers.get(index).filter(|_| answers.is_shown(index)),
        );
    }
    let mut bytes = vec![model.version];
    bytes.extend(bits.finish());
    let check = crc16(&bytes);
    bytes.extend(check.to_be_bytes());
    base64url(&bytes)
}

/// Decodes a result code of the current model, or of an older one that is
/// kept (mapped onto the current model); anything else is an error.
///
/// ```
/// use readiness_core::{decode, ErrorKind};
/// assert_eq!(decode("").unwrap_err().kind(), ErrorKind::EmptyCode);
/// assert_eq!(decode("not a code!").unwrap_err().kind(), ErrorKind::InvalidCharacter);
/// ```
pub fn decode(code: &str) -> Result<Answers, Error> {
    let body = checked_body(code)?;
    let model = Model::current();
    let layout = if body[0] == model.version {
        model
    } else {
        Model::older(body[0]).ok_or(Error::new(ErrorKind::UnsupportedVersion(body[0])))?
    };
    let mut bits = BitReader::new(&body[1..]);
    let mut read = Vec::with_capacity(layout.question_count());
    for (_, _, question) in layout.questions() {
        read.push(read_answer(&mut bits, question)?);
    }
    bits.expect_end()?;
    if layout.version != model.version {
        return Ok(upgrade(layout, &read));
    }
    let mut answers = Answers::new();
    for (index, _, _) in model.questions() {
        if let Some(answer) = read[index.get()] {
            answers.set(index, answer)?;
        }
    }
    if answers != answers.without_hidden() {
        return Err(Error::new(ErrorKind::HiddenAnswer));
    }
    Ok(answers)
}

/// Maps answers read with an older model's layout onto the current model, by
/// the rule written in `model.toml`:
/// 1. a question with `[[upgrades]]` entries for that version goes to each
///    entry's `to` question (a question split in two has two entries), each
///    option by the entry's `options`, else by id;
/// 2. otherwise a question whose id exists today keeps its answer, each option
///    (or item) matched by id, when the kind is the same;
/// 3. whatever has no match is dropped and counts as unanswered (its sign
///    re-normalises over the other questions), as are answers to questions
///    hidden today by `shown_when`.
pub(crate) fn upgrade(old: &Model, read: &[Option<Answer>]) -> Answers {
    let model = Model::current();
    let mut answers = Answers::new();
    for ((_, _, question), answer) in old.questions().zip(read) {
        let Some(answer) = answer else { continue };
        let rules: Vec<_> = model
            .upgrades
            .iter()
            .filter(|u| u.from == old.version && u.question == question.id)
            .map(Some)
            .collect();
        // Without a rule, the question of the same id; with rules, each rule's
        // target (a question split in two has two).
        let targets = if rules.is_empty() { vec![None] } else { rules };
        for rule in targets {
            let target_id = rule.map_or(question.id, |r| r.to);
            let Ok(target) = model.question_index(target_id) else {
                continue;
            };
            if let Some(mapped) = map_answer(question, *answer, model.question(target), rule) {
                let _ = answers.set(target, mapped);
            }
        }
    }
    answers.without_hidden()
}

/// One older answer as an answer to one of today's questions, options matched
/// by the rule's map, else by id; `None` when nothing matches.
fn map_answer(
    question: &Question,
    answer: Answer,
    target: &Question,
    rule: Option<&crate::model::Upgrade>,
) -> Option<Answer> {
    let map_id = |id: &str| -> Option<u8> {
        let id = rule
            .and_then(|r| r.options.iter().find(|(from, _)| *from == id))
            .map_or(id, |(_, to)| *to);
        target.choices.iter().position(|c| c.id == id).map(|p| p as u8)
    };
    match (answer, target.kind) {
        (Answer::Choice(o), QuestionKind::SingleChoice | QuestionKind::PickComment) => question
            .choices
            .get(usize::from(o))
            .and_then(|c| map_id(c.id))
            .map(Answer::Choice),
        (Answer::Checked(bits), QuestionKind::Checklist) => Some(Answer::Checked(
            question
                .choices
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .filter_map(|(_, c)| map_id(c.id))
                .fold(0, |acc, p| acc | 1 << p),
        )),
        (Answer::Tickets(verdicts), QuestionKind::TicketReview) => Some(Answer::Tickets(verdicts)),
        _ => None,
    }
}

/// The model version a result code was made with (after its checks), so a
/// receiver can tell an older kept code from the current ones.
///
/// ```
/// use readiness_core::{code_version, encode, Answers, Model};
/// assert_eq!(code_version(&encode(&Answers::new())).unwrap(), Model::current().version);
/// assert_eq!(code_version("AVVL9LpQmfc").unwrap(), 1);
/// ```
pub fn code_version(code: &str) -> Result<u8, Error> {
    checked_body(code).map(|body| body[0])
}

/// The bytes before the checksum, after every check that needs no model.
fn checked_body(code: &str) -> Result<Vec<u8>, Error> {
    if code.is_empty() {
        return Err(Error::new(ErrorKind::EmptyCode));
    }
    if code.len() > MAX_CODE_LEN {
        return Err(Error::new(ErrorKind::CodeTooLong));
    }
    let mut bytes = unbase64url(code.as_bytes())?;
    if bytes.len() < 3 {
        return Err(Error::new(ErrorKind::Truncated));
    }
    let check = bytes.split_off(bytes.len() - 2);
    if crc16(&bytes).to_be_bytes() != check[..] {
        return Err(Error::new(ErrorKind::ChecksumMismatch));
    }
    Ok(bytes)
}

fn choice_width(options: usize) -> u32 {
    // Values 0..=options must fit.
    usize::BITS - options.leading_zeros()
}

fn write_answer(bits: &mut BitWriter, question: &Question, answer: Option<Answer>) {
    match question.kind {
        QuestionKind::TicketReview => {
            let verdicts = match answer {
                Some(Answer::Tickets(verdicts)) => verdicts,
                _ => [None; TICKETS],
            };
            for verdict in verdicts {
                bits.push(verdict.map_or(0, |v| u32::from(u8::from(v)) + 1), 2);
            }
        }
        QuestionKind::Checklist => {
            let items = question.choices.len() as u32;
            match answer {
                Some(Answer::Checked(ticked)) => {
                    bits.push(1, 1);
                    bits.push(u32::from(ticked), items);
                }
                _ => bits.push(0, 1 + items),
            }
        }
        QuestionKind::SingleChoice | QuestionKind::PickComment => {
            let value = match answer {
                Some(Answer::Choice(option)) => u32::from(option) + 1,
                _ => 0,
            };
            bits.push(value, choice_width(question.choices.len()));
        }
    }
}

fn read_answer(bits: &mut BitReader<'_>, question: &Question) -> Result<Option<Answer>, Error> {
    Ok(match question.kind {
        QuestionKind::TicketReview => {
            let mut verdicts = [None; TICKETS];
            for verdict in &mut verdicts {
                *verdict = match bits.take(2)? {
                    0 => None,
                    v => Some(Verdict::try_from((v - 1) as u8)?),
                };
            }
            verdicts
                .iter()
                .any(Option::is_some)
                .then_some(Answer::Tickets(verdicts))
        }
        QuestionKind::Checklist => {
            let answered = bits.take(1)? == 1;
            let ticked = bits.take(question.choices.len() as u32)?;
            match (answered, ticked) {
                (true, _) => Some(Answer::Checked(ticked as u8)),
                (false, 0) => None,
                (false, _) => return Err(Error::new(ErrorKind::AnswerOutOfRange)),
            }
        }
        QuestionKind::SingleChoice | QuestionKind::PickComment => {
            match bits.take(choice_width(question.choices.len()))? {
                0 => None,
                v if (v as usize) <= question.choices.len() => Some(Answer::Choice((v - 1) as u8)),
                _ => return Err(Error::new(ErrorKind::AnswerOutOfRange)),
            }
        }
    })
}

#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    used: u32,
}

impl BitWriter {
    /// Appends the low `width` bits of `value`, most significant first.
    fn push(&mut self, value: u32, width: u32) {
        for shift in (0..width).rev() {
            if self.used % 8 == 0 {
                self.bytes.push(0);
            }
            let bit = ((value >> shift) & 1) as u8;
            *self.bytes.last_mut().expect("pushed above") |= bit << (7 - self.used % 8);
            self.used += 1;
        }
    }

    fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

struct BitReader<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl<'a> BitReader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        BitReader { bytes, position: 0 }
    }

    fn take(&mut self, width: u32) -> Result<u32, Error> {
        let mut value = 0;
        for _ in 0..width {
            let byte = self
                .bytes
                .get(self.position / 8)
                .ok_or(Error::new(ErrorKind::Truncated))?;
            value = (value << 1) | u32::from((byte >> (7 - self.position % 8)) & 1);
            self.position += 1;
        }
        Ok(value)
    }

    /// Only zero padding may follow the last answer, and no whole byte.
    fn expect_end(mut self) -> Result<(), Error> {
        if self.bytes.len() > self.position.div_ceil(8) {
            return Err(Error::new(ErrorKind::TrailingData));
        }
        while self.position % 8 != 0 {
            if self.take(1)? != 0 {
                return Err(Error::new(ErrorKind::TrailingData));
            }
        }
        Ok(())
    }
}

/// CRC-16/CCITT-FALSE: catches every single-character typo and swap of a short code.
fn crc16(bytes: &[u8]) -> u16 {
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
    crc
}

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
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

fn unbase64url(text: &[u8]) -> Result<Vec<u8>, Error> {
    if !text.iter().all(|c| ALPHABET.contains(c)) {
        return Err(Error::new(ErrorKind::InvalidCharacter));
    }
    if text.len() % 4 == 1 {
        return Err(Error::new(ErrorKind::Truncated));
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let value = ALPHABET
                .iter()
                .position(|a| a == c)
                .ok_or(Error::new(ErrorKind::InvalidCharacter))?;
            n |= (value as u32) << (18 - 6 * i);
        }
        let produced = chunk.len() - 1;
        // A last character with bits beyond the data is not a code we made.
        if n & ((1 << (24 - 8 * produced)) - 1) != 0 {
            return Err(Error::new(ErrorKind::InvalidCharacter));
        }
        out.extend((0..produced).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..10u8 {
            let bytes: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37).wrapping_add(200)).collect();
            assert_eq!(unbase64url(base64url(&bytes).as_bytes()).unwrap(), bytes);
        }
    }

    #[test]
    fn base64url_refuses_non_canonical_last_character() {
        // "AB" carries one byte; B sets a bit beyond it.
        assert_eq!(unbase64url(b"AB").unwrap_err().kind(), ErrorKind::InvalidCharacter);
        assert_eq!(unbase64url(b"AA").unwrap(), vec![0]);
    }

    #[test]
    fn crc16_matches_the_standard_check_value() {
        // The catalogue check value of CRC-16/CCITT-FALSE for "123456789".
        assert_eq!(crc16(b"123456789"), 0x29B1);
    }

    #[test]
    fn choice_width_holds_every_option_and_none() {
        assert_eq!(choice_width(2), 2);
        assert_eq!(choice_width(3), 2);
        assert_eq!(choice_width(4), 3);
        assert_eq!(choice_width(7), 3);
    }

    #[test]
    fn bit_writer_and_reader_agree() {
        let mut w = BitWriter::default();
        w.push(0b101, 3);
        w.push(0xFF, 8);
        w.push(0, 2);
        let bytes = w.finish();
        let mut r = BitReader::new(&bytes);
        assert_eq!(r.take(3).unwrap(), 0b101);
        assert_eq!(r.take(8).unwrap(), 0xFF);
        assert_eq!(r.take(2).unwrap(), 0);
        r.expect_end().unwrap();
    }
}
