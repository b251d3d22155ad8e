//! Prints the prerendered intro of every locale as JSON, for `cargo xtask
//! dist` to put into the loader's manifest.

fn main() {
    println!(
        "{}",
        readiness_widget::prerender::to_json(&readiness_widget::prerender::all())
    );
}
