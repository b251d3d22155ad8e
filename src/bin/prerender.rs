//! Prints the prerendered intro of every locale as JSON, for `cargo xtask
//! dist` to put into the loader's manifest; with the argument `locales`, the
//! locale files the loader fetches on demand (every locale but English);
//! with `constants`, what the loader needs of the Rust side (`loader_contract`);
//! with `copy-keys [tag]`, every key a copy file may use with its string (issue 21).

fn main() {
    if std::env::args().nth(1).as_deref() == Some("locales") {
        println!("{}", readiness_widget::prerender::locale_files());
    } else if std::env::args().nth(1).as_deref() == Some("copy-keys") {
        let tag = std::env::args().nth(2).unwrap_or_else(|| "en".to_owned());
        print!("{}", readiness_widget::prerender::copy_keys_json(&tag));
    } else if std::env::args().nth(1).as_deref() == Some("constants") {
        println!("{}", readiness_widget::loader_contract::to_json());
    } else {
        println!(
            "{}",
            readiness_widget::prerender::to_json(&readiness_widget::prerender::all())
        );
    }
}
