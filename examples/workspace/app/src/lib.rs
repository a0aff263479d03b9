//! Application code over the workspace's client: nothing here knows about the macro.

use whop_client::{Client, Error, ListAffiliateParams};

/// The ids of every affiliate of a company, across all pages.
///
/// # Errors
/// The first error of any page.
pub async fn affiliate_ids(client: &Client, company_id: &str) -> Result<Vec<String>, Error> {
    let mut affiliates = client.affiliates().list_stream(&ListAffiliateParams::new(company_id));
    let mut ids = Vec::new();
    while let Some(affiliate) = affiliates.next().await {
        ids.push(affiliate?.id);
    }
    Ok(ids)
}
