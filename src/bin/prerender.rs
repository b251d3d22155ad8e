//! Prints the prerendered intro of every locale as JSON, for `cargo xtask
//! dist` to put into the loader's manifest; with the argument `locales`, the
//! locale files the loader fetches on demand (every locale but English).

fn main() {
    if std::env::args().nth(1).as_deref() == Some("locales") {
        println!("{}", readiness_widget::prerender::locale_files());
    } else {
        println!(
            "{}",
            readiness_widget::prerender::to_json(&readiness_widget::prerender::all())
        );
    }
}
