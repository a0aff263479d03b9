//! The app: routes, and what each one asks of Whop.
//!
//! | route | who may call it | what it does |
//! |---|---|---|
//! | `POST /webhooks` | Whop (signed deliveries) | verifies, decodes the typed event, records it |
//! | `GET /experiences/{id}` | a user in Whop's iframe | verifies the user token, checks access to the experience |
//! | `GET /admin/memberships` | an admin of the company | lists the company's memberships as JSON |
//! | `POST /admin/checkout` | an admin of the company | creates a checkout configuration for a plan |

pub mod whop;

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use whop_api::{UserToken, UserTokenError, WebhookError, Webhooks};

use whop::events::Event;

/// What every handler shares. Cheap to clone.
#[derive(Debug, Clone)]
pub struct App {
    /// The API client, built with the app id so it can verify user tokens.
    pub whop: whop::Client,
    /// The webhook receiver (the endpoint's signing secret).
    pub webhooks: Webhooks,
    /// The company whose admins may use the admin routes.
    pub company_id: String,
    /// The type of each webhook event handled, in order (a real app would act on them).
    pub handled: Arc<Mutex<Vec<String>>>,
}

/// The app's routes.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/webhooks", post(webhook))
        .route("/experiences/{experience_id}", get(experience))
        .route("/admin/memberships", get(memberships))
        .route("/admin/checkout", post(checkout))
        .with_state(app)
}

/// Why a request was turned away.
#[derive(Debug)]
pub enum AppError {
    /// No valid user token: not opened through Whop's iframe.
    Unauthorized(UserTokenError),
    /// The user has no access (or not admin access) to what they asked for.
    Forbidden,
    /// A webhook delivery that is not Whop's.
    BadDelivery(WebhookError),
    /// The API failed.
    Whop(whop_api::Error),
}

impl From<whop_api::Error> for AppError {
    fn from(error: whop_api::Error) -> Self {
        AppError::Whop(error)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            // The token's own text is never in these messages.
            AppError::Unauthorized(why) => (StatusCode::UNAUTHORIZED, why.to_string()).into_response(),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "no access").into_response(),
            AppError::BadDelivery(why) => (StatusCode::BAD_REQUEST, why.to_string()).into_response(),
            AppError::Whop(error) => (StatusCode::BAD_GATEWAY, error.to_string()).into_response(),
        }
    }
}

async fn webhook(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Result<StatusCode, AppError> {
    let event: Event = app.webhooks.verify_event(&headers, &body).map_err(AppError::BadDelivery)?;
    let kind = match &event {
        Event::MembershipActivated(event) => format!("membership.activated {}", event.data.id),
        Event::MembershipDeactivated(event) => format!("membership.deactivated {}", event.data.id),
        other => format!("unhandled {}", other.event_type()),
    };
    app.handled.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(kind);
    Ok(StatusCode::OK)
}

/// The user behind the request, and their access level to `resource` (an experience or the
/// company).
async fn user_with_access(
    app: &App,
    headers: &HeaderMap,
    resource: &str,
) -> Result<(UserToken, whop::AccessLevel), AppError> {
    let user = app.whop.verify_user_token(headers).await.map_err(AppError::Unauthorized)?;
    let access = app.whop.users().check_access(&user.user_id, resource).await?;
    if !access.has_access {
        return Err(AppError::Forbidden);
    }
    Ok((user, access.access_level))
}

async fn experience(
    State(app): State<App>,
    Path(experience_id): Path<String>,
    headers: HeaderMap,
) -> Result<String, AppError> {
    let (user, level) = user_with_access(&app, &headers, &experience_id).await?;
    Ok(format!("Welcome, {} ({level:?} of {experience_id})", user.user_id))
}

async fn admin(app: &App, headers: &HeaderMap) -> Result<UserToken, AppError> {
    match user_with_access(app, headers, &app.company_id).await? {
        (user, whop::AccessLevel::Admin) => Ok(user),
        _ => Err(AppError::Forbidden),
    }
}

async fn memberships(
    State(app): State<App>,
    headers: HeaderMap,
) -> Result<Json<Vec<whop::MembershipListResponse>>, AppError> {
    admin(&app, &headers).await?;
    let params = whop::ListMembershipParams { company_id: Some(app.company_id.clone()), ..Default::default() };
    // Every page: generated response types serialise, so they are served as they came.
    let all = app.whop.memberships().list_stream(&params).collect_all().await?;
    Ok(Json(all))
}

/// The admin's request to sell a plan.
#[derive(Debug, Deserialize)]
pub struct CheckoutRequest {
    /// The plan (`plan_...`).
    pub plan_id: String,
}

async fn checkout(
    State(app): State<App>,
    headers: HeaderMap,
    Json(request): Json<CheckoutRequest>,
) -> Result<Json<whop::CheckoutConfiguration>, AppError> {
    admin(&app, &headers).await?;
    let body = whop::CreateCheckoutConfigurationBody::PaymentWithPlanId(
        whop::CreateCheckoutConfigurationBodyPaymentWithPlanId::new(request.plan_id),
    );
    Ok(Json(app.whop.checkout_configurations().create(&body).await?))
}
