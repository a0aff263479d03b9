//! The webhook events enum: one variant per event of the spec's `webhooks` map, decoded by
//! the payload's `type`, with an `Unknown` variant that keeps any other event as JSON.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::emit::{doc_attr, ty};
use crate::ir::{EventDef, Events, FieldRef};
use crate::names::ident;

/// The enum, its accessors, and its decoding and encoding.
pub fn events(events: &Events, spec_name: &str) -> TokenStream {
    let name = Ident::new(&events.enum_name, Span::call_site());
    let unknown = Ident::new(&events.unknown, Span::call_site());
    let doc = enum_doc(events, spec_name);
    let variants = events.events.iter().map(|e| {
        let variant = Ident::new(&e.variant, Span::call_site());
        let payload = ty(&e.payload);
        let doc = doc_attr(&e.docs);
        quote!(#doc #variant(#payload))
    });
    let arm = |e: &EventDef, body: TokenStream| {
        let variant = Ident::new(&e.variant, Span::call_site());
        quote!(Self::#variant(event) => #body)
    };
    let type_arms = events.events.iter().map(|e| {
        let variant = Ident::new(&e.variant, Span::call_site());
        let tag = &e.tag;
        quote!(Self::#variant(_) => #tag)
    });
    let field =
        |e: &EventDef, access: &Option<FieldRef>, some: fn(TokenStream, bool) -> TokenStream| match access {
            Some(FieldRef { rust, optional, .. }) => {
                let field = ident(rust);
                arm(e, some(quote!(event.#field), *optional))
            }
            None => {
                let variant = Ident::new(&e.variant, Span::call_site());
                quote!(Self::#variant(_) => None)
            }
        };
    let id_arms = events.events.iter().map(|e| {
        field(e, &e.id, |f, optional| if optional { quote!(#f.as_deref()) } else { quote!(Some(&#f)) })
    });
    let timestamp_arms = events
        .events
        .iter()
        .map(|e| field(e, &e.timestamp, |f, optional| if optional { f } else { quote!(Some(#f)) }));
    let decode_arms = events.events.iter().map(|e| {
        let variant = Ident::new(&e.variant, Span::call_site());
        let tag = &e.tag;
        quote!(Some(#tag) => Self::#variant(__p::decode_payload(body)?))
    });
    let encode_arms =
        events.events.iter().map(|e| arm(e, quote!(__p::serde::Serialize::serialize(event, serializer))));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
            /// An event type this spec does not list (added after it was written), kept as its JSON.
            #unknown(__p::serde_json::Value),
        }

        impl #name {
            /// The event's `type` (for an unknown event, its `type` property, or `""`).
            #[must_use]
            pub fn event_type(&self) -> &str {
                match self {
                    #(#type_arms,)*
                    Self::#unknown(json) => json.get("type").and_then(__p::serde_json::Value::as_str).unwrap_or(""),
                }
            }

            /// The event's `id` property, when its payload has one: the key to process each
            /// event once.
            #[must_use]
            pub fn id(&self) -> Option<&str> {
                match self {
                    #(#id_arms,)*
                    Self::#unknown(json) => json.get("id").and_then(__p::serde_json::Value::as_str),
                }
            }

            /// When the event was sent: its `timestamp` property, when its payload has one.
            #[must_use]
            pub fn timestamp(&self) -> Option<__p::chrono::DateTime<__p::chrono::Utc>> {
                match self {
                    #(#timestamp_arms,)*
                    Self::#unknown(json) => json
                        .get("timestamp")
                        .and_then(__p::serde_json::Value::as_str)
                        .and_then(|text| text.parse().ok()),
                }
            }
        }

        impl __p::FromWebhook for #name {
            fn from_webhook(body: &[u8]) -> Result<Self, __p::WebhookError> {
                Result::Ok(match __p::event_type(body)?.as_deref() {
                    #(#decode_arms,)*
                    _ => Self::#unknown(__p::decode_payload(body)?),
                })
            }
        }

        impl __p::serde::Serialize for #name {
            fn serialize<S: __p::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#encode_arms,)*
                    Self::#unknown(json) => __p::serde::Serialize::serialize(json, serializer),
                }
            }
        }
    }
}

/// The enum's rustdoc: how to receive events, and the table of events.
fn enum_doc(events: &Events, spec_name: &str) -> TokenStream {
    let rows: Vec<String> = events
        .events
        .iter()
        .map(|e| format!("| `{}` | [`{}::{}`] |", e.tag, events.enum_name, e.variant))
        .collect();
    let text = format!(
        "A webhook event: one variant per event in the `webhooks` of `{spec_name}`, chosen by the \
         payload's `type`.\n\n\
         Verify and decode a delivery with `Webhooks::verify_event` (a receiver needs only the \
         webhook secret, from `WHOP_WEBHOOK_SECRET` or given), or `verify_webhook` on the client. \
         An event type the spec does not list decodes to [`{name}::{unknown}`] with its JSON, \
         so a receiver keeps working when new events appear.\n\n\
         | `type` | variant |\n|---|---|\n{rows}",
        name = events.enum_name,
        unknown = events.unknown,
        rows = rows.join("\n"),
    );
    let docs = crate::ir::Docs { paragraphs: vec![text] };
    doc_attr(&docs)
}
