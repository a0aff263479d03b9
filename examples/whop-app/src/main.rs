//! Serves the app: `WHOP_API_KEY`, `WHOP_APP_ID`, `WHOP_WEBHOOK_SECRET` and `WHOP_COMPANY_ID`
//! from the environment, on `PORT` (default 3000).

use std::sync::{Arc, Mutex};

use whop_app_example::{router, whop, App};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let app = App {
        whop: whop::Client::from_env()?,
        webhooks: whop_api::Webhooks::from_env()?,
        company_id: std::env::var("WHOP_COMPANY_ID")?,
        handled: Arc::new(Mutex::new(Vec::new())),
    };
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".to_owned());
    let listener = tokio::net::TcpListener::bind(("0.0.0.0", port.parse::<u16>()?)).await?;
    println!("listening on {}", listener.local_addr()?);
    axum::serve(listener, router(app)).await?;
    Ok(())
}
