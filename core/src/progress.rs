//! "Since last time": how each sign moved between an earlier finished result and this one.

use crate::report::{Report, Status};
use crate::sign::SignId;

/// One sign's change between two results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignChange {
    /// Which sign.
    pub sign: SignId,
    /// The earlier score.
    pub before: u8,
    /// The score now.
    pub after: u8,
}

impl SignChange {
    /// Points gained (positive) or lost (negative).
    pub fn delta(&self) -> i16 {
        i16::from(self.after) - i16::from(self.before)
    }
}

/// Per sign, the change from `earlier` to `now`; signs unanswered in either are left out.
///
/// ```
/// use readiness_core::{assess, changes, Answers};
/// let empty = assess(&Answers::new());
/// assert!(changes(&empty, &empty).is_empty());
/// ```
pub fn changes(earlier: &Report, now: &Report) -> Vec<SignChange> {
    SignId::ALL
        .into_iter()
        .filter_map(|sign| {
            let (before, after) = (earlier.sign(sign), now.sign(sign));
            (before.status != Status::NotAnswered && after.status != Status::NotAnswered).then_some(SignChange {
                sign,
                before: before.score,
                after: after.score,
            })
        })
        .collect()
}

/// A change as people write it: `+15`, `−5` (a true minus sign), `0`.
///
/// ```
/// assert_eq!(readiness_core::signed(15), "+15");
/// assert_eq!(readiness_core::signed(-5), "\u{2212}5");
/// assert_eq!(readiness_core::signed(0), "0");
/// ```
pub fn signed(delta: i16) -> String {
    match delta {
        d if d > 0 => format!("+{d}"),
        d if d < 0 => format!("\u{2212}{}", d.unsigned_abs()),
        _ => "0".to_owned(),
    }
}
