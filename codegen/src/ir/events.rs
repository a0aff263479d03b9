//! The webhook events, as the emitter reads them.

use crate::ir::{Docs, FieldRef, Ty};

/// The webhook events, decoded into one enum.
#[derive(Debug, Clone)]
pub struct Events {
    /// The enum's name.
    pub enum_name: String,
    /// The variant that keeps an event the spec does not list, as JSON.
    pub unknown: String,
    /// The events, in spec order.
    pub events: Vec<EventDef>,
}

/// One webhook event.
#[derive(Debug, Clone)]
pub struct EventDef {
    /// The event's key in `webhooks` (`payment.succeeded`).
    pub name: String,
    /// The value of the payload's `type` property that selects this event: its `const` (or
    /// one-value `enum`), else the event's key in `webhooks`.
    pub tag: String,
    /// The enum variant.
    pub variant: String,
    /// The payload type.
    pub payload: Ty,
    /// Rustdoc of the variant.
    pub docs: Docs,
    /// The payload's `id` string field, if it has one.
    pub id: Option<FieldRef>,
    /// The payload's `timestamp` date-time field, if it has one.
    pub timestamp: Option<FieldRef>,
    /// Where the event's operation is in the spec.
    pub loc: crate::diag::Loc,
    /// JSON pointer of the event's operation.
    pub ptr: String,
    /// An example payload as JSON text (the spec's examples, or values that fit the schema);
    /// computed only for the mock.
    pub example: String,
}
