//! Submissions in progress on this instance. A double click or an eager
//! retry usually reaches the same instance while the first request is still
//! being written; that duplicate waits here for the first one's answer
//! instead of taking a database connection to wait on the key's claim.
//!
//! This is only a shortcut: the database claim (`order_request`) stays what
//! makes a key create one order, across instances and restarts. A duplicate
//! whose first request fails or is cancelled takes the ordinary path and
//! the claim decides, so it gets exactly the answer it would have got
//! without this map.

use super::dto::OrderDetail;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::watch;

/// What a waiting duplicate learns: `Some(order)` when the first request
/// created (or replayed) the order, `None` when it did not.
type Outcome = Option<Option<OrderDetail>>;

type Key = (i32, String);

#[derive(Clone, Default)]
pub struct InFlight(Arc<Mutex<HashMap<Key, watch::Receiver<Outcome>>>>);

impl std::fmt::Debug for InFlight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.lock().map(|m| m.len()).unwrap_or_default();
        f.debug_struct("InFlight").field("submissions", &n).finish()
    }
}

/// The request's part in a submission with its key.
pub enum Turn {
    /// No other request with the key is in progress here: submit, then
    /// tell the waiting duplicates with [`Lead::done`].
    Lead(Lead),
    /// Another request with the key is in progress: [`Follow::answer`].
    Follow(Follow),
}

pub struct Lead {
    map: InFlight,
    key: Key,
    tx: watch::Sender<Outcome>,
}

pub struct Follow(watch::Receiver<Outcome>);

impl InFlight {
    /// Joins the submissions in progress with `requester`'s `key`.
    pub fn join(&self, requester: i32, key: &str) -> Turn {
        let key = (requester, key.to_owned());
        let Ok(mut map) = self.0.lock() else {
            // A poisoned map only loses the shortcut.
            let (tx, _) = watch::channel(None);
            return Turn::Lead(Lead {
                map: InFlight::default(),
                key,
                tx,
            });
        };
        if let Some(rx) = map.get(&key) {
            return Turn::Follow(Follow(rx.clone()));
        }
        let (tx, rx) = watch::channel(None);
        map.insert(key.clone(), rx);
        Turn::Lead(Lead {
            map: self.clone(),
            key,
            tx,
        })
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.lock().map(|m| m.len()).unwrap_or_default()
    }
}

impl Lead {
    /// Tells the waiting duplicates how the submission ended.
    pub fn done(self, order: Option<&OrderDetail>) {
        self.tx.send_replace(Some(order.cloned()));
        // `Drop` leaves the map.
    }
}

impl Drop for Lead {
    fn drop(&mut self) {
        // Also when the request is cancelled: the sender goes with `self`,
        // and the duplicates then take the ordinary path.
        if let Ok(mut map) = self.map.0.lock() {
            map.remove(&self.key);
        }
    }
}

impl Follow {
    /// The first request's order, or `None` when it created none (refused,
    /// failed or cancelled): then submit the ordinary way.
    pub async fn answer(mut self) -> Option<OrderDetail> {
        let outcome = self.0.wait_for(Option::is_some).await.ok()?;
        outcome.clone().flatten()
    }
}

#[cfg(test)]
mod tests;
