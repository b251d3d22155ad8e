//! The Yew components. The app owns the state; children get plain values in
//! props and emit domain values (answers, actions), never DOM events.

pub mod app;
pub mod chart;
pub mod contact_panel;
pub mod copy_link;
pub mod intro;
pub mod notice;
pub mod question;
pub mod result;
pub mod sign_step;
pub mod since;
pub mod team_chart;
pub mod team_panel;
pub mod team_view;
