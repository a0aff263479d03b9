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
