//! Prints the prerendered intro of every locale as JSON, for `cargo xtask
//! dist` to put into the loader's manifest; with the argument `locales`, the
//! locale files the loader fetches on demand (every locale but English);
//! with `constants`, what the loader needs of the Rust side (`loader_contract`).

fn main() {
    if std::env::args().nth(1).as_deref() == Some("locales") {
        println!("{}", readiness_widget::prerender::locale_files());
    } else if std::env::args().nth(1).as_deref() == Some("constants") {
        println!("{}", readiness_widget::loader_contract::to_json());
    } else {
        println!(
            "{}",
            readiness_widget::prerender::to_json(&readiness_widget::prerender::all())
        );
    }
}
