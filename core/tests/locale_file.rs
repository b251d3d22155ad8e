//! Locale files (the strings the browser loads for a locale its wasm does
//! not carry): every locale survives the round trip, and a malformed file is
//! refused without a panic.

use proptest::prelude::*;
use readiness_core::{ErrorKind, Locale, Model, Picture, SignId, LOCALE_FILE_FORMAT};

/// The strings of `tag`'s locale under another tag, so that `load` parses them
/// instead of returning the compiled-in locale.
fn renamed(tag: &str, new_tag: &str) -> Vec<String> {
    let mut strings = Locale::get(tag).unwrap().to_strings();
    strings[2] = new_tag.to_owned();
    strings
}

#[test]
fn every_locale_reads_back_as_written() {
    for (n, original) in Locale::all().iter().enumerate() {
        let tag = format!("{}-X{n}", original.tag);
        let loaded = Locale::load(renamed(original.tag, &tag)).unwrap();
        assert_eq!(loaded.tag, tag);
        assert!(std::ptr::eq(Locale::get(&tag).unwrap(), loaded), "{tag} is registered");
        assert_eq!(loaded.name, original.name);
        assert_eq!(loaded.ui, original.ui);
        for picture in [
            Picture::Ready,
            Picture::Nearly,
            Picture::Focused,
            Picture::Groundwork,
            Picture::Incomplete,
        ] {
            assert_eq!(loaded.picture(picture), original.picture(picture));
        }
        for sign in SignId::ALL {
            assert_eq!(loaded.sign(sign), original.sign(sign));
        }
        for (index, _, _) in Model::current().questions() {
            assert_eq!(loaded.question(index), original.question(index));
        }
    }
}

#[test]
fn a_known_tag_returns_the_compiled_locale() {
    let da = Locale::get("da").unwrap();
    assert!(std::ptr::eq(Locale::load(da.to_strings()).unwrap(), da));
}

#[test]
fn wrong_format_version_or_shape_is_refused() {
    let good = renamed("da", "da-FMT");
    let cases: Vec<(&str, Vec<String>)> = vec![
        ("empty", Vec::new()),
        ("format", {
            let mut s = good.clone();
            s[0] = "readiness-locale/0".into();
            s
        }),
        ("model version", {
            let mut s = good.clone();
            s[1] = "99".into();
            s
        }),
        ("tag", {
            let mut s = good.clone();
            s[2] = "d a".into();
            s
        }),
        ("one string short", good[..good.len() - 1].to_vec()),
        ("one string more", {
            let mut s = good.clone();
            s.push("extra".into());
            s
        }),
        ("an empty ui string", {
            let mut s = good.clone();
            s[5] = "  ".into();
            s
        }),
    ];
    for (what, strings) in cases {
        assert_eq!(
            Locale::load(strings).unwrap_err().kind(),
            ErrorKind::BadLocaleFile,
            "{what}"
        );
    }
    assert_eq!(good[0], LOCALE_FILE_FORMAT);
}

#[test]
fn a_step_on_a_full_marks_option_or_a_missing_step_is_refused() {
    let en = Locale::english().to_strings();
    // The last question's strings end with its steps, before the conflicts' sentences;
    // find one full-marks (empty) and one costly step.
    let model = Model::current();
    let (_, _, last) = model.questions().last().unwrap();
    let steps_start = en.len() - model.conflicts.len() - last.choices.len();
    let full = last.choices.iter().position(|c| c.points == 100);
    let costly = last.choices.iter().position(|c| c.points < 100).unwrap();
    let mut missing = en.clone();
    missing[2] = "en-MISS".into();
    missing[steps_start + costly] = String::new();
    assert_eq!(Locale::load(missing).unwrap_err().kind(), ErrorKind::BadLocaleFile);
    if let Some(full) = full {
        let mut extra = en.clone();
        extra[2] = "en-EXTRA".into();
        extra[steps_start + full] = "Do more.".into();
        assert_eq!(Locale::load(extra).unwrap_err().kind(), ErrorKind::BadLocaleFile);
    }
}

proptest! {
    /// Whatever a file holds, loading it returns a result, never panics.
    #[test]
    fn any_strings_load_or_are_refused(strings in proptest::collection::vec(".{0,12}", 0..40), cut in 0usize..400) {
        let _ = Locale::load(strings);
        let mut good = renamed("id", "id-PROP");
        good.truncate(cut.min(good.len()));
        let whole = cut >= Locale::get("id").unwrap().to_strings().len();
        prop_assert_eq!(Locale::load(good).is_ok(), whole);
    }
}
