// A spec without a `webhooks` map has no event enum: verifying into one of its data types
// says why, not only that a trait is missing.
mod whop {
    whop_api::whop_api!("../../../spec/affiliates.yml");
}

fn main() {
    let Ok(webhooks) = whop_api::Webhooks::new("whsec_c2VjcmV0") else { return };
    let _ = webhooks.verify_event::<whop::Affiliate>(Vec::<(String, String)>::new(), b"{}");
}
