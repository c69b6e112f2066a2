//! Work in progress on this instance, by key: a duplicate request (a
//! double click, an eager retry, a supplier sending an event twice) that
//! reaches the same instance while the first one is still being written
//! waits here for the first one's answer instead of taking a database
//! connection to wait on the key's claim.
//!
//! This is only a shortcut: the database claim stays what makes a key act
//! once, across instances and restarts. A duplicate whose first request
//! fails or is cancelled takes the ordinary path and the claim decides, so
//! it gets exactly the answer it would have got without this map. Users:
//! `orders::in_flight` (submissions) and the supplier events of
//! `fulfilment`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::watch;

/// What a waiting duplicate learns: `Some(answer)` when the first request
/// succeeded, `None` when it did not.
type Outcome<T> = Option<Option<T>>;

/// Whose key (a person's, a supplier's) and the key.
type Key = (i32, String);

pub struct InFlight<T>(Arc<Mutex<HashMap<Key, watch::Receiver<Outcome<T>>>>>);

impl<T> Clone for InFlight<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<T> Default for InFlight<T> {
    fn default() -> Self {
        Self(Arc::default())
    }
}

impl<T> std::fmt::Debug for InFlight<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.lock().map(|m| m.len()).unwrap_or_default();
        f.debug_struct("InFlight").field("in_progress", &n).finish()
    }
}

/// The request's part in the work with its key.
pub enum Turn<T> {
    /// No other request with the key is in progress here: do the work,
    /// then tell the waiting duplicates with [`Lead::done`].
    Lead(Lead<T>),
    /// Another request with the key is in progress: [`Follow::answer`].
    Follow(Follow<T>),
}

pub struct Lead<T> {
    map: InFlight<T>,
    key: Key,
    tx: watch::Sender<Outcome<T>>,
}

pub struct Follow<T>(watch::Receiver<Outcome<T>>);

impl<T> InFlight<T> {
    /// Joins the work in progress with `owner`'s `key`.
    pub fn join(&self, owner: i32, key: &str) -> Turn<T> {
        let key = (owner, key.to_owned());
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
    pub(crate) fn len(&self) -> usize {
        self.0.lock().map(|m| m.len()).unwrap_or_default()
    }
}

impl<T: Clone> Lead<T> {
    /// Tells the waiting duplicates how the work ended.
    pub fn done(self, answer: Option<&T>) {
        self.tx.send_replace(Some(answer.cloned()));
        // `Drop` leaves the map.
    }
}

impl<T> Drop for Lead<T> {
    fn drop(&mut self) {
        // Also when the request is cancelled: the sender goes with `self`,
        // and the duplicates then take the ordinary path.
        if let Ok(mut map) = self.map.0.lock() {
            map.remove(&self.key);
        }
    }
}

impl<T: Clone> Follow<T> {
    /// The first request's answer, or `None` when it had none (refused,
    /// failed or cancelled): then do the work the ordinary way.
    pub async fn answer(mut self) -> Option<T> {
        let outcome = self.0.wait_for(Option::is_some).await.ok()?;
        outcome.clone().flatten()
    }
}

#[cfg(test)]
mod tests;
