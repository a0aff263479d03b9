//! The synthetic spec's client, in a crate of its own.
whop_api::whop_api!("../../../../target/anchors/synthetic.yml");
