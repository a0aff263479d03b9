//! What the stateful mock makes of each operation, for the project's specs: the table
//! `whop-api-codegen check` prints, as data.

use whop_api_codegen::{check, Options};

/// `collection path | item type | operationId:role ...` per collection, then
/// `operationId: why` per stateless operation.
fn table(path: &str) -> Vec<String> {
    let source = std::fs::read_to_string(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let summary = check(&source, &Options::default());
    assert!(summary.diagnostics.is_empty(), "{:?}", summary.diagnostics);
    let found = summary.collections;
    let collections = found.collections.iter().map(|c| {
        let ops: Vec<String> =
            c.operations.iter().map(|(id, role)| format!("{id}:{}", role.label())).collect();
        format!("{} | {} | {}", c.path, c.item, ops.join(" "))
    });
    collections.chain(found.stateless.iter().map(|(id, why)| format!("{id}: {why}"))).collect()
}

#[test]
fn the_sample_has_five_collections_one_nested_and_one_without_create() {
    assert_eq!(
        table("spec/whop-sample.yml"),
        [
            "/affiliates | Affiliate | createAffiliate:create listAffiliate:list retrieveAffiliate:retrieve",
            "/affiliates/{id}/overrides | OverrideRetrieveResponse | createOverrideAffiliate:create listOverrideAffiliate:list retrieveOverrideAffiliate:retrieve updateOverrideAffiliate:update deleteOverrideAffiliate:delete",
            "/memberships | Membership | listMembership:list retrieveMembership:retrieve updateMembership:update addFreeDaysMembership:action cancelMembership:action pauseMembership:action resumeMembership:action uncancelMembership:action",
            "/plans | Plan | createPlan:create listPlan:list retrievePlan:retrieve updatePlan:update deletePlan:delete",
            "/products | Product | createProduct:create listProduct:list retrieveProduct:retrieve updateProduct:update deleteProduct:delete",
            "archiveAffiliate: answers no object with an `id`",
            "unarchiveAffiliate: answers no object with an `id`",
        ]
    );
}

#[test]
fn the_publisher_fixture_keeps_lists_that_are_no_cursor_pages_stateless() {
    assert_eq!(
        table("tests/specs/publisher.yml"),
        [
            "/companies | Company | createCompany:create getCompany:retrieve updateCompany:update",
            "/companies/{company_id}/members | User | getCompanyMember:retrieve",
            "/memberships | Membership | getMembership:retrieve cancelMembership:action pauseMembership:action resumeMembership:action",
            "/invoices | Invoice | createInvoice:create getInvoice:retrieve markInvoicePaid:action voidInvoice:action",
            "/products | Product | createProduct:create getProduct:retrieve deleteProduct:delete",
            "/payments | Payment | getPayment:retrieve refundPayment:action",
            "/users | User | getUser:retrieve",
            "listCompanies: answers no cursor page and no object with an `id`",
            "listMemberships: answers no cursor page and no object with an `id`",
            "listInvoices: answers no cursor page and no object with an `id`",
            "listProducts: answers no cursor page and no object with an `id`",
        ]
    );
}

#[test]
fn the_seed_alone_is_no_collection() {
    assert_eq!(
        table("spec/affiliates.yml"),
        ["createAffiliate: no create and read of its type on one collection path"]
    );
}
