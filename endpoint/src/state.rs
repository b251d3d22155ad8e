//! What every request shares: the application's state, built once by
//! [`crate::serve`] and handed to the router (`app.rs`).

use std::sync::Arc;

use crate::admin::{Admin, AdminState};
use crate::config::Config;
use crate::origin::AllowedOrigins;
use crate::outbox::Destination;
use crate::ratelimit::RateLimit;
use crate::store::Store;

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// Settings.
    pub config: Arc<Config>,
    /// Submissions per client address.
    pub limit: Arc<RateLimit>,
    /// Who may POST, parsed at start.
    pub origins: Arc<AllowedOrigins>,
    /// The sales view's keys and sign-in limit; `None` when no admin token is configured.
    pub admin: Option<Arc<Admin>>,
    /// Where each accepted submission is delivered (one outbox row each).
    pub destinations: Arc<[Destination]>,
    /// Wakes the outbox worker when a submission is stored.
    pub outbox: Arc<tokio::sync::Notify>,
    /// Issue 22: the plan e-mail, when an SMTP relay is configured (`None`: `POST /plan` is 404).
    pub plan: Option<Arc<crate::plan::PlanState>>,
    /// Beacons per client address at `POST /count` (issue 23).
    pub count_limit: Arc<RateLimit>,
}

impl AppState {
    /// The part the sales view uses.
    pub fn admin_state(&self) -> AdminState {
        AdminState {
            store: self.store.clone(),
            admin: self.admin.clone(),
            trusted_hops: self.config.trusted_hops,
        }
    }
}
