//! The sales view at `/admin`: server-rendered pages (maud) behind the
//! admin token, working without JavaScript under the site's strict CSP.
//!
//! - `GET /admin`: submissions, newest first, paged and filtered
//!   (a sign in gap or close, a date range);
//! - `GET /admin/submissions/{id}`: one submission: the readiness map scored
//!   again from its result code, contact fields, the consent text shown;
//!   `GET|POST /admin/submissions/{id}/erase`: erase that person's data;
//! - `GET /admin/overview`: per sign, how many are strong, close or gap;
//! - `GET /admin/export.csv`, `GET /admin/export.json`: the current filter;
//! - `GET /admin/funnel`, `GET /admin/funnel.csv`: the anonymous counts' funnel per page,
//!   period and locale, and the intro variants compared (issue 23);
//! - `GET|POST /admin/sign-in`, `POST /admin/sign-out`, `GET /admin/admin.css`.
//!
//! Without a configured token every route answers 404. Everything answers
//! `Cache-Control: no-store`. See [`auth`] for the rules of access.

pub mod access;
pub mod auth;
pub mod chart;
pub mod detail;
pub mod filter;
pub mod funnel;
pub mod handlers;
pub mod pages;
pub mod routes;
pub mod state;

pub use access::AdminError;
pub use auth::{Access, Admin};
pub use routes::router;
pub use state::AdminState;

/// The shortest admin token accepted at start.
pub const MIN_TOKEN_CHARS: usize = 16;
