//! Anonymous counts (issue 23): a beacon of `POST /count` checked and turned
//! into the key of the day's counter it adds one to. Only the beacon's five
//! fields and the receiver's day (UTC) make the key; the address is used for
//! the rate limit in memory and never stored, the user agent never read.

use readiness_contract::count::{valid_path, valid_variant, Beacon, MAX_PATH, MAX_VARIANT};
use readiness_core::{Locale, Model};

use crate::error::ApiError;
use crate::store::CountKey;

/// The largest beacon body read (a beacon is about 120 bytes).
pub const MAX_BEACON_BYTES: usize = 1024;

/// The counter `beacon` adds one to on `day` (`YYYY-MM-DD`), or which field is wrong.
pub fn key_of(beacon: Beacon, day: String) -> Result<CountKey, ApiError> {
    if !valid_path(&beacon.path) {
        return Err(ApiError::invalid(
            "path",
            format!("a page's path: starts with /, no query or fragment, at most {MAX_PATH} characters"),
        ));
    }
    if !Locale::tags().contains(&beacon.locale.as_str()) {
        return Err(ApiError::invalid(
            "locale",
            format!("one of {}", Locale::tags().join(", ")),
        ));
    }
    if !valid_variant(&beacon.variant) {
        return Err(ApiError::invalid(
            "variant",
            format!("1–{MAX_VARIANT} of a-z, 0-9, - and _"),
        ));
    }
    let current = Model::current().version;
    if beacon.model_version == 0 || beacon.model_version > current {
        return Err(ApiError::invalid("model_version", format!("1 to {current}")));
    }
    Ok(CountKey {
        day,
        path: beacon.path,
        locale: beacon.locale,
        variant: beacon.variant,
        model_version: beacon.model_version,
        milestone: beacon.milestone,
    })
}

/// Today (UTC) as `YYYY-MM-DD`: the only time a count keeps.
pub fn today() -> String {
    let date = time::OffsetDateTime::now_utc().date();
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use readiness_contract::count::Milestone;

    fn beacon() -> Beacon {
        Beacon {
            milestone: Milestone::Started,
            path: "/blog/five-signs".into(),
            locale: "da".into(),
            variant: "b".into(),
            model_version: Model::current().version,
        }
    }

    #[test]
    fn a_good_beacon_becomes_its_key_and_a_bad_field_is_named() {
        let key = key_of(beacon(), "2026-12-05".into()).unwrap();
        assert_eq!(
            (key.path.as_str(), key.locale.as_str(), key.variant.as_str()),
            ("/blog/five-signs", "da", "b")
        );
        assert_eq!(key.milestone, Milestone::Started);
        type Spoil = fn(&mut Beacon);
        let cases: [(&str, Spoil); 5] = [
            ("path", |b| b.path = "/a?email=x@y.z".into()),
            ("locale", |b| b.locale = "xx".into()),
            ("variant", |b| b.variant = "B C".into()),
            ("model_version", |b| b.model_version = 0),
            ("model_version", |b| b.model_version = 200),
        ];
        for (field, spoil) in cases {
            let mut b = beacon();
            spoil(&mut b);
            match key_of(b, "2026-12-05".into()) {
                Err(ApiError::Invalid { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
        assert_eq!(today().len(), 10);
    }

    #[test]
    fn the_contracts_sign_count_is_the_models() {
        assert_eq!(readiness_contract::count::SIGNS, readiness_core::SignId::ALL.len());
    }
}
