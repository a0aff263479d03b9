//! The 28-operation sample of the Whop API compiles warning-free, and every resource method
//! (and every pagination stream) can be called as generated.
#![deny(warnings, missing_docs)]

/// The generated client.
pub mod whop {
    whop_api::whop_api!("../../../spec/whop-sample.yml");
}

use whop::*;

fn main() {
    let client = Client::builder().api_key("k").base_url("http://127.0.0.1:9").build().expect("config");
    let (a, m, p, pr) = (client.affiliates(), client.memberships(), client.plans(), client.products());

    let _ = a.create(&CreateAffiliateParams::new("biz_1", "user"));
    let _ = a.list(&ListAffiliateParams::new("biz_1").after("c").first(10).status(Status::Active));
    let _ = a.list_stream(&ListAffiliateParams::new("biz_1"));
    let _ = a.retrieve("aff_1");
    let _ = a.archive("aff_1");
    let _ = a.unarchive("aff_1");
    let standard = CreateOverrideAffiliateBodyStandard::new("aff_1", 10.0, "plan_1");
    let _ = a.overrides().create("aff_1", &CreateOverrideAffiliateBody::Standard(standard));
    let _ = a.overrides().list("aff_1", &ListOverrideAffiliateParams::new());
    let _ = a.overrides().list_stream("aff_1", &ListOverrideAffiliateParams::new());
    let _ = a.overrides().retrieve("aff_1", "ovr_1");
    let _ = a.overrides().update("aff_1", "ovr_1", &UpdateOverrideAffiliateParams::new());
    let _ = a.overrides().delete("aff_1", "ovr_1");

    let _ = m.list(&ListMembershipParams::new());
    let _ = m.list_stream(&ListMembershipParams::new());
    let _ = m.retrieve("mem_1");
    let _ = m.update("mem_1", &UpdateMembershipParams::new().metadata_null());
    let _ = m.add_free_days("mem_1", &AddFreeDaysMembershipParams::new(7));
    let _ = m.cancel("mem_1", &CancelMembershipParams::new());
    let _ = m.pause("mem_1", &PauseMembershipParams::new());
    let _ = m.resume("mem_1");
    let _ = m.uncancel("mem_1");

    let _ = p.create(&CreatePlanParams::new("biz_1", "prod_1"));
    let _ = p.list(&ListPlanParams::new("biz_1"));
    let _ = p.list_stream(&ListPlanParams::new("biz_1"));
    let _ = p.retrieve("plan_1");
    let _ = p.update("plan_1", &UpdatePlanParams::new());
    let _ = p.delete("plan_1");

    let _ = pr.create(&CreateProductParams::new("biz_1", "Title"));
    let _ = pr.list(&ListProductParams::new("biz_1"));
    let _ = pr.list_stream(&ListProductParams::new("biz_1"));
    let _ = pr.retrieve("prod_1");
    let _ = pr.update("prod_1", &UpdateProductParams::new());
    let _ = pr.delete("prod_1");
}
