//! `cargo run -p whop-app -- <company id>` with `WHOP_API_KEY` set: prints every affiliate id.

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let company = std::env::args().nth(1).ok_or("usage: whop-app <company id>")?;
    let client = whop_client::Client::from_env()?;
    for id in whop_app::affiliate_ids(&client, &company).await? {
        println!("{id}");
    }
    Ok(())
}
