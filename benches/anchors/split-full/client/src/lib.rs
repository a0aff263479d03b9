//! The whole API of `spec/whop-full.yml`, in a crate of its own.
whop_api::whop_api!("../../../../spec/whop-full.yml");
