//! A synthetic Whop-like spec of any size, shared by the expansion bench and the
//! `synthetic_spec` example that the build benchmarks feed to `whop_api!` and to progenitor.
//!
//! Each resource has the five operations of a Whop resource group (a cursor-paginated list with
//! filters, create, retrieve, a PATCH update and delete) and a 20-property object with nested
//! objects, nullable fields, enums, date-times, a list and a map: the shapes of the real API.
//! As in Whop's published spec, the list answers an inline copy of the object (its nested
//! objects and enums spelled out again), and a create body holds an inline object and a
//! `oneOf` of two titled shapes: about 4.4 types per operation before identical copies are
//! shared, as `whop-full.yml` has (954 types at 223 operations).

use std::fmt::Write;

/// Which OpenAPI dialect to write nullability in: 3.1 (`type: [string, 'null']`) or 3.0
/// (`nullable: true`, which progenitor reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// OpenAPI 3.1.
    V31,
    /// OpenAPI 3.0.
    V30,
}

/// A spec with about `operations` operations (rounded up to a multiple of five).
pub fn synthetic(operations: usize, dialect: Dialect) -> String {
    let (version, string_or_null, int_or_null, object_or_null) = match dialect {
        Dialect::V31 => {
            ("3.1.0", "{type: [string, 'null']}", "{type: [integer, 'null']}", "type: [object, 'null']")
        }
        Dialect::V30 => (
            "3.0.3",
            "{type: string, nullable: true}",
            "{type: integer, nullable: true}",
            "type: object, nullable: true",
        ),
    };
    let resources = operations.div_ceil(5);
    let mut out = format!(
        "openapi: {version}\ninfo:\n  title: Synthetic\n  version: 1.0.0\nservers:\n  - url: https://api.invalid/v1\nsecurity:\n  - bearer: []\npaths:\n"
    );
    for r in 0..resources {
        let thing = format!("'#/components/schemas/Thing{r}'");
        let ok = format!(
            "'200': {{description: ok, content: {{application/json: {{schema: {{$ref: {thing}}}}}}}}}"
        );
        let id = "{name: id, in: path, required: true, schema: {type: string}}";
        let plan = indent(&plan_object(r, int_or_null), 18);
        let note = documented(string_or_null, &format!("A private note on thing {r}."));
        let new_title = documented(string_or_null, &format!("The new title of thing {r}."));
        let list_item = indent(&thing_object(r, string_or_null, int_or_null), 22);
        let _ = write!(
            out,
            "  /things{r}:
    get:
      tags: [Things{r}]
      operationId: listThing{r}
      description: Lists things of group {r}.
      parameters:
        - {{name: company_id, in: query, required: true, description: The company whose things of group {r} to list., schema: {{type: string}}}}
        - {{name: after, in: query, schema: {string_or_null}}}
        - {{name: first, in: query, schema: {int_or_null}}}
        - {{name: status, in: query, schema: {{$ref: '#/components/schemas/Status{r}'}}}}
        - {{name: created_before, in: query, schema: {{type: string, format: date-time}}}}
      responses:
        '200':
          description: A page
          content:
            application/json:
              schema:
                type: object
                required: [data, page_info]
                properties:
                  data:
                    type: array
                    items:
{list_item}
                  page_info: {{$ref: '#/components/schemas/PageInfo'}}
    post:
      tags: [Things{r}]
      operationId: createThing{r}
      description: Creates a thing in group {r}.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [company_id, title]
              properties:
                company_id: {{type: string, description: The company that owns the new thing of group {r}.}}
                title: {{type: string, description: The title of the new thing of group {r}.}}
                note: {note}
                status: {{$ref: '#/components/schemas/Status{r}'}}
                metadata: {{{object_or_null}, additionalProperties: {{}}}}
                plan:
{plan}
                checkout:
                  description: How the thing is sold.
                  oneOf:
                    - type: object
                      title: With a new plan
                      required: [initial_price]
                      properties:
                        initial_price: {{type: number, description: The first payment of the new plan for thing {r}.}}
                        renewal_price: {{type: number, description: Each later payment.}}
                    - type: object
                      title: With an existing plan
                      required: [plan_id]
                      properties:
                        plan_id: {{type: string, description: The plan to sell thing {r} with.}}
      responses:
        {ok}
  /things{r}/{{id}}:
    get:
      tags: [Things{r}]
      operationId: retrieveThing{r}
      description: Retrieves a thing of group {r}.
      parameters: [{id}]
      responses:
        {ok}
    patch:
      tags: [Things{r}]
      operationId: updateThing{r}
      description: Updates a thing of group {r}.
      parameters: [{id}]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                title: {new_title}
                note: {note}
                status: {{$ref: '#/components/schemas/Status{r}'}}
      responses:
        {ok}
    delete:
      tags: [Things{r}]
      operationId: deleteThing{r}
      description: Deletes a thing of group {r}.
      parameters: [{id}]
      responses:
        '200': {{description: ok, content: {{application/json: {{schema: {{type: boolean}}}}}}}}
"
        );
    }
    let _ = write!(
        out,
        "components:
  securitySchemes:
    bearer: {{type: http, scheme: bearer}}
  schemas:
    PageInfo:
      type: object
      description: Where a page ends.
      required: [end_cursor, has_next_page]
      properties:
        end_cursor: {string_or_null}
        has_next_page: {{type: boolean}}
"
    );
    for r in 0..resources {
        let thing = indent(&thing_object(r, string_or_null, int_or_null), 6);
        let _ = write!(
            out,
            "    Status{r}:
      type: string
      description: The state of a thing.
      enum: [active, archived, deleted, pending, in_review_{r}]
    Thing{r}:
{thing}"
        );
    }
    out
}

/// The object of group `r`, as YAML at indent 0: a component, and again inline in its list.
/// Every property is documented in the group's words, as Whop documents each of its own, so
/// no two groups are the same type.
fn thing_object(r: usize, string_or_null: &str, int_or_null: &str) -> String {
    let doc = |what: &str| {
        format!("{what} of thing {r}. Shown in the dashboard and sent in webhooks; keep it stable.")
    };
    let str_null = |what: &str| documented(string_or_null, &doc(what));
    let int_null = |what: &str| documented(int_or_null, &doc(what));
    let plain = |ty: &str, what: &str| format!("{{{ty}, description: {}}}", doc(what));
    format!(
        "type: object
description: A thing of group {r}.
required: [id, title, status, created_at, updated_at, owner, company, tags, archived, currency, amount]
properties:
  id: {{type: string, description: {id}, example: thing_xxxx}}
  title: {title}
  note: {note}
  status: {{$ref: '#/components/schemas/Status{r}'}}
  created_at: {created_at}
  updated_at: {updated_at}
  count: {count}
  archived: {archived}
  score: {score}
  amount: {amount}
  currency: {{type: string, enum: [usd, eur, gbp, cad], description: {currency}}}
  plan_id: {plan_id}
  manage_url: {manage_url}
  cancel_at_period_end: {cancel}
  renewal_period_start: {renewal_start}
  renewal_period_end: {renewal_end}
  owner:
    type: object
    description: Who owns it.
    required: [id, name]
    properties:
      id: {owner_id}
      name: {owner_name}
      email: {owner_email}
      username: {owner_username}
  company:
    type: object
    description: The company it belongs to.
    required: [id, title]
    properties:
      id: {company_id}
      title: {company_title}
      route: {company_route}
  plan:
{plan}
  tags: {tags}
  metadata:
    type: object
    description: {metadata}
    additionalProperties: {{type: string}}
",
        id = doc("The unique identifier"),
        title = plain("type: string", "The title"),
        note = str_null("A private note"),
        created_at = plain("type: string, format: date-time", "When it was created"),
        updated_at = plain("type: string, format: date-time", "When it last changed"),
        count = int_null("How many times it was used"),
        archived = plain("type: boolean", "Whether it is archived"),
        score = plain("type: number", "Its review score"),
        amount = plain("type: number", "The amount in the currency"),
        currency = doc("The currency"),
        plan_id = str_null("The plan it is sold with"),
        manage_url = str_null("Where its owner manages it"),
        cancel = plain("type: boolean", "Whether it ends at the end of the period"),
        renewal_start = plain("type: string, format: date-time", "When the current period started"),
        renewal_end = plain("type: string, format: date-time", "When the current period ends"),
        owner_id = plain("type: string", "The owner's id"),
        owner_name = str_null("The owner's name"),
        owner_email = str_null("The owner's email"),
        owner_username = plain("type: string", "The owner's username"),
        company_id = plain("type: string", "The company's id"),
        company_title = plain("type: string", "The company's title"),
        company_route = str_null("The company's route"),
        plan = indent(&plan_object(r, int_or_null), 4),
        tags = plain("type: array, items: {type: string}", "The tags"),
        metadata = doc("Key-value pairs"),
    )
}

/// An inline plan of group `r`, as YAML at indent 0: an object with an enum and a nullable
/// number.
fn plan_object(r: usize, int_or_null: &str) -> String {
    format!(
        "type: object
description: The plan it is sold with.
required: [plan_type, initial_price]
properties:
  plan_type: {{type: string, enum: [renewal, one_time], description: How often thing {r} is billed.}}
  initial_price: {{type: number, description: The first payment for thing {r}.}}
  renewal_price: {{type: number, description: Each later payment for thing {r}.}}
  trial_period_days: {trial}
",
        trial = documented(int_or_null, &format!("The free days before thing {r} is billed.")),
    )
}

/// A flow mapping (`{type: ...}`) with a description added.
fn documented(flow: &str, description: &str) -> String {
    let inner = flow.trim_end_matches('}');
    format!("{inner}, description: {description}}}")
}

/// `text` with every line indented by `spaces`.
fn indent(text: &str, spaces: usize) -> String {
    let pad = " ".repeat(spaces);
    text.lines().map(|line| format!("{pad}{line}\n")).collect()
}
