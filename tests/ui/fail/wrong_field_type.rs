// Field types come from the spec: `company_id` is a string, `total_referrals_count` an integer.
mod whop {
    whop_api::whop_api!("../../../spec/affiliates.yml");
}

fn main() {
    let _ = whop::CreateAffiliateParams { company_id: 42, user_identifier: "user_1".to_owned() };
    let count: Option<String> = Option::<whop::Affiliate>::None.map(|a| a.total_referrals_count);
    let _ = count;
}
