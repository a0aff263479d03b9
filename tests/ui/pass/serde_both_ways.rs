// By default every generated type both encodes and decodes: a response can be served as JSON
// (axum's `Json(affiliate)`), stored and read back; `full_serde = true`, the option's old
// name, still means the same.
#![deny(warnings)]

mod whop {
    whop_api::whop_api!("../../../spec/affiliates.yml");
}

mod old_name {
    whop_api::whop_api!("../../../spec/affiliates.yml", full_serde = true);
}

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(value: T) {
    let text = serde_json::to_string(&value).unwrap_or_default();
    let back: Result<T, _> = serde_json::from_str(&text);
    assert_eq!(back.ok(), Some(value));
}

fn main() {
    round_trip(whop::CreateAffiliateParams::new("biz_1", "user_1"));
    round_trip(old_name::CreateAffiliateParams::new("biz_1", "user_1"));
    let affiliate: Result<whop::Affiliate, _> = serde_json::from_str("{}");
    let _ = affiliate.map(round_trip);
    let user = whop::AffiliateUser { id: "user_1".to_owned(), name: None, username: Some("jane".to_owned()) };
    round_trip(user);
}
