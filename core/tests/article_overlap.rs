//! No string of any locale may repeat the source article: the test fails when a
//! string shares 8 or more consecutive words with it (case and punctuation
//! ignored). We write in our own words from the article's facts.
//!
//! The article lives outside the repository (`../shared/source/five-signs-article.txt`
//! from the project root); in a clone without it the test says it skipped.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Consecutive words that count as copying.
const RUN: usize = 8;

/// Lowercase words, apostrophes dropped (`don't` → `dont`), any other
/// punctuation a word break.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['\'', '’', '‘'], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn runs(words: &[String]) -> impl Iterator<Item = String> + '_ {
    words.windows(RUN).map(|w| w.join(" "))
}

/// Every string value of a TOML document, with its dotted path.
fn strings(value: &toml::Value, path: String, out: &mut Vec<(String, String)>) {
    match value {
        toml::Value::String(s) => out.push((path, s.clone())),
        toml::Value::Table(t) => t.iter().for_each(|(k, v)| {
            strings(
                v,
                if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                },
                out,
            )
        }),
        toml::Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, v)| strings(v, format!("{path}[{i}]"), out)),
        _ => {}
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The shared runs of `text` with the article's runs.
fn overlaps(article: &HashSet<String>, text: &str) -> Vec<String> {
    runs(&words(text)).filter(|r| article.contains(r)).collect()
}

#[test]
fn no_locale_string_repeats_eight_words_of_the_article() {
    let article_path = project_root().join("../shared/source/five-signs-article.txt");
    let Ok(article) = std::fs::read_to_string(&article_path) else {
        println!(
            "skipped: {} is not here (a clone without the shared folder)",
            article_path.display()
        );
        return;
    };
    let article_words = words(&article);
    let article_runs: HashSet<String> = runs(&article_words).collect();
    assert!(
        article_runs.len() > 1000,
        "the article looks empty: {}",
        article_path.display()
    );

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/locales");
    let mut found = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let value = toml::Value::Table(std::fs::read_to_string(&path).unwrap().parse::<toml::Table>().unwrap());
        let mut all = Vec::new();
        strings(&value, String::new(), &mut all);
        for (field, text) in all {
            checked += 1;
            for run in overlaps(&article_runs, &text) {
                found.push(format!(
                    "{}: {field}: “{run}”",
                    path.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    assert!(checked > 100, "no locale strings were read from {}", dir.display());
    assert!(
        found.is_empty(),
        "strings that repeat the article:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_catches_a_copied_sentence_whatever_its_case_and_punctuation() {
    let article: HashSet<String> = runs(&words(
        "Not perfectly. Not without any questions ever. But largely — without a kickoff call.",
    ))
    .collect();
    assert!(!overlaps(&article, "NOT PERFECTLY, not without any questions ever; but largely").is_empty());
    // Seven shared words are allowed.
    assert!(overlaps(&article, "not perfectly not without any questions ever").is_empty());
    assert_eq!(words("who's there—now"), ["whos", "there", "now"]);
}
