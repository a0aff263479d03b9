//! Create an affiliate with the client generated from `spec/affiliates.yml`.
//!
//! ```text
//! cargo run --example quickstart                      # offline: the generated mock on 127.0.0.1
//! WHOP_API_KEY=... cargo run --example quickstart -- biz_XXXX some_username   # the real API
//! ```
//!
//! With `WHOP_API_KEY` set, the call goes to the API (or to `WHOP_BASE_URL` when that is set).

mod whop {
    // `mock = true` also generates `whop::mock::MockServer` (feature `mock` of whop-api).
    whop_api::whop_api!("spec/affiliates.yml", mock = true);
}

#[tokio::main]
async fn main() -> Result<(), whop_api::Error> {
    let mut args = std::env::args().skip(1);
    let company_id = args.next().unwrap_or_else(|| "biz_xxxxxxxxxxxxxx".to_owned());
    let user = args.next().unwrap_or_else(|| "janesmith".to_owned());

    // Keep the mock alive for the whole run when there is no key.
    let (client, _mock) = if std::env::var_os(whop_api::API_KEY_ENV).is_some() {
        println!("calling the Whop API (WHOP_API_KEY is set)");
        (whop::Client::from_env()?, None)
    } else {
        let mock = whop::mock::MockServer::start().await?;
        println!("WHOP_API_KEY is not set: using the generated mock at {}", mock.url());
        (mock.client(), Some(mock))
    };

    let params = whop::CreateAffiliateParams::new(company_id, user);
    let affiliate = client
        .affiliates()
        .create(&params)
        .await
        .inspect_err(|error| eprintln!("the call failed: {error}"))?;
    println!(
        "created affiliate {} ({:?}) for user {:?} in company {}",
        affiliate.id, affiliate.status, affiliate.user.username, affiliate.company.title
    );
    println!("{affiliate:#?}");
    Ok(())
}
