//! A spec written the way publishers ship them for their mock servers
//! (`tests/specs/publisher.yml`: path variables only in the templates, responses without
//! `description`, bodies without `required`, and the other accepted deviations) compiles under
//! `deny(warnings)`, and every one of its 22 operations round-trips: against the generated
//! mock here, and against Prism when `.ci/run` has started it (`PUBLISHER_PRISM_URL`).
#![deny(warnings)]

mod publisher {
    whop_api::whop_api!("tests/specs/publisher.yml", mock = true);
}

use publisher::{
    Client, CompanyInput, CreateInvoiceParams, CreateProductParams, PauseMembershipParams,
    RefundPaymentParams, Visibility,
};

/// Calls every operation once; the number of calls made.
async fn call_every_operation(client: &Client) -> Result<usize, whop_api::Error> {
    let company = CompanyInput::new().title("Acme");
    client.companies().list().await?;
    client.companies().create(&company).await?;
    client.companies().get("biz_1").await?;
    client.companies().update("biz_1", &company).await?;
    client.companies().members().get_company("biz_1", "user_1").await?;
    client.memberships().list().await?;
    client.memberships().get("mem_1").await?;
    client.memberships().cancel("mem_1").await?;
    client.memberships().pause("mem_1", &PauseMembershipParams::new().void_payments(true)).await?;
    client.memberships().resume("mem_1").await?;
    client.invoices().list().await?;
    client.invoices().create(&CreateInvoiceParams::new("biz_1", 10.5)).await?;
    client.invoices().get("inv_1").await?;
    client.invoices().mark_invoice_paid("inv_1").await?;
    client.invoices().void("inv_1").await?;
    client.products().list().await?;
    client
        .products()
        .create(&CreateProductParams::new().title("Course").visibility(Visibility::Hidden))
        .await?;
    client.products().get("prod_1").await?;
    client.products().delete("prod_1").await?;
    client.payments().get("pay_1").await?;
    client.payments().refund("pay_1", &RefundPaymentParams::new().partial_amount(2.5)).await?;
    client.users().get("user_1").await?;
    Ok(22)
}

#[tokio::test]
async fn every_operation_round_trips_against_the_generated_mock() {
    // Made-up ids everywhere: the stateless mock answers each call with its example.
    let mock = publisher::mock::MockServer::start_stateless().await.expect("mock server");
    assert_eq!(call_every_operation(&mock.client()).await.expect("every operation"), 22);
    assert_eq!(mock.server().received().len(), 22, "one request each");
}

#[tokio::test]
#[ignore = "needs Prism on PUBLISHER_PRISM_URL; .ci/run starts it (README: conformance tests)"]
async fn every_operation_round_trips_against_prism() {
    let url = std::env::var("PUBLISHER_PRISM_URL").expect("PUBLISHER_PRISM_URL is set where Prism runs");
    let client = Client::builder().api_key("k").base_url(url).build().expect("client");
    assert_eq!(call_every_operation(&client).await.expect("every operation"), 22);
}
