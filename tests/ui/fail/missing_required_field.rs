// A params struct cannot be built without its required fields.
mod whop {
    whop_api::whop_api!("../../../spec/affiliates.yml");
}

fn main() {
    let _ = whop::CreateAffiliateParams { company_id: "biz_1".into() };
    let _ = whop::CreateAffiliateParams::new("biz_1");
}
