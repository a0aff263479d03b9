//! The expansions of the project's specs, linted as ordinary code (see Cargo.toml).
#![deny(warnings, missing_docs, clippy::all, clippy::pedantic)]

/// `spec/affiliates.yml`.
pub mod seed {
    include!("seed.rs");
}

/// `spec/whop-sample.yml`.
pub mod sample {
    include!("sample.rs");
}

/// `tests/specs/shapes.yml`.
pub mod shapes {
    include!("shapes.rs");
}

/// `spec/affiliates.yml` without the mock.
pub mod seed_plain {
    include!("seed_plain.rs");
}

/// `spec/whop-sample.yml` without the mock.
pub mod sample_plain {
    include!("sample_plain.rs");
}

/// `tests/specs/shapes.yml` without the mock.
pub mod shapes_plain {
    include!("shapes_plain.rs");
}

/// `spec/affiliates.yml` with `lean_serde`.
pub mod seed_lean {
    include!("seed_lean.rs");
}

/// `spec/whop-sample.yml` with `lean_serde`.
pub mod sample_lean {
    include!("sample_lean.rs");
}

/// `tests/specs/shapes.yml` with `lean_serde`.
pub mod shapes_lean {
    include!("shapes_lean.rs");
}

/// `tests/specs/idempotent.yml`: idempotency keys, `lean_serde`.
pub mod idempotent {
    include!("idempotent.rs");
}

/// `tests/specs/lifecycle.yml`: a stateful collection with lifecycle events, with the mock.
pub mod lifecycle {
    include!("lifecycle.rs");
}

/// `spec/whop-webhooks-sample.yml`: the webhook events enum, with the mock's examples.
pub mod webhooks {
    include!("webhooks.rs");
}

/// `spec/whop-webhooks-sample.yml`, only the webhook events.
pub mod webhooks_only {
    include!("webhooks_only.rs");
}

/// `tests/specs/bodies.yml`: every body kind, with the mock.
pub mod bodies {
    include!("bodies.rs");
}
