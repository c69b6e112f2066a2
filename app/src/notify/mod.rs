//! Notifications: what happened to a person's orders and what waits for
//! them, in the app (`/aviseringar`, with the unread count in the header)
//! and by email when the person has an address and SMTP is configured.
//!
//! Other areas call [`service::notify`] inside the transaction of the
//! change they announce: the notification and its email row are written
//! with the change or not at all. Emails go out later, from the
//! `email_outbox` table, by the background job [`mail::send_due`] (see
//! `crate::jobs`): a mail server that is down delays the email and never
//! the decision.

pub mod dto;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(all(test, feature = "ssr"))]
mod tests;
