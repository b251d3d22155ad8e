//! The Yew components. The app owns the state; children get plain values in
//! props and emit domain values (answers, actions), never DOM events.

pub mod app;
pub mod chart;
pub mod contact_panel;
pub mod intro;
pub mod notice;
pub mod question;
pub mod result;
pub mod sign_step;
