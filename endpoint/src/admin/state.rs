//! What the sales view's handlers share: a part of the application's state
//! (`crate::state::AppState::admin_state`), so that this module needs nothing
//! above it.

use std::sync::Arc;

use super::auth::Admin;
use crate::store::Store;

/// The sales view's state.
#[derive(Clone)]
pub struct AdminState {
    /// The database.
    pub store: Store,
    /// The keys and the sign-in limit; `None` when no admin token is configured (all 404).
    pub admin: Option<Arc<Admin>>,
    /// Proxies in front (`--trusted-hops`), for the caller's address.
    pub trusted_hops: u8,
}
