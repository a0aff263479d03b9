//! A synthetic Whop-like spec of any size, shared by the expansion bench and the
//! `synthetic_spec` example that the build benchmarks feed to `whop_api!` and to progenitor.
//!
//! Each resource has the five operations of a Whop resource group (a cursor-paginated list with
//! filters, create, retrieve, a PATCH update and delete) and a 20-property object with nested
//! objects, nullable fields, enums, date-times, a list and a map: the shapes of the real API.

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
        let _ = write!(
            out,
            "  /things{r}:
    get:
      tags: [Things{r}]
      operationId: listThing{r}
      description: Lists things of group {r}.
      parameters:
        - {{name: company_id, in: query, required: true, schema: {{type: string}}}}
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
                  data: {{type: array, items: {{$ref: {thing}}}}}
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
                company_id: {{type: string, description: The company.}}
                title: {{type: string, description: The title.}}
                note: {string_or_null}
                status: {{$ref: '#/components/schemas/Status{r}'}}
                metadata: {{{object_or_null}, additionalProperties: {{}}}}
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
                title: {string_or_null}
                note: {string_or_null}
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
        let _ = write!(
            out,
            "    Status{r}:
      type: string
      description: The state of a thing.
      enum: [active, archived, deleted, pending]
    Thing{r}:
      type: object
      description: A thing of group {r}.
      required: [id, title, status, created_at, updated_at, owner, company, tags, archived, currency, amount]
      properties:
        id: {{type: string, description: The id., example: thing_xxxx}}
        title: {{type: string, description: The title.}}
        note: {string_or_null}
        status: {{$ref: '#/components/schemas/Status{r}'}}
        created_at: {{type: string, format: date-time, description: When it was created.}}
        updated_at: {{type: string, format: date-time, description: When it last changed.}}
        count: {int_or_null}
        archived: {{type: boolean}}
        score: {{type: number}}
        amount: {{type: number, description: The amount in the currency.}}
        currency: {{type: string, enum: [usd, eur, gbp, cad], description: The currency.}}
        plan_id: {string_or_null}
        manage_url: {string_or_null}
        cancel_at_period_end: {{type: boolean}}
        renewal_period_start: {{type: string, format: date-time}}
        renewal_period_end: {{type: string, format: date-time}}
        owner:
          type: object
          description: Who owns it.
          required: [id, name]
          properties:
            id: {{type: string}}
            name: {string_or_null}
            email: {string_or_null}
            username: {{type: string}}
        company:
          type: object
          description: The company it belongs to.
          required: [id, title]
          properties:
            id: {{type: string}}
            title: {{type: string}}
            route: {string_or_null}
        tags: {{type: array, items: {{type: string}}}}
        metadata:
          type: object
          additionalProperties: {{type: string}}
"
        );
    }
    out
}
