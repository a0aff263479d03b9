//! When to retry and how long to wait: the policy of the official Whop SDKs.
//!
//! Retried: connection errors, timeouts, and the statuses 408, 409, 429 and 5xx, for every
//! HTTP method (send an idempotency key with POSTs you must not repeat). A response header
//! `x-should-retry: true|false` overrides the status rule. The wait is
//! `min(initial * 2^retry, 16 * initial)` (initial 0.5 s: at most 8 s) times a jitter in
//! `[0.75, 1]`, unless the server names one with `retry-after-ms` or `retry-after` (seconds or
//! an HTTP date) between 0 and 60 seconds. An initial backoff of zero never waits (test
//! clients).

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// Whether a response with this status and headers should be retried.
pub fn should_retry(status: StatusCode, headers: &HeaderMap) -> bool {
    match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
        Some("true") => return true,
        Some("false") => return false,
        _ => {}
    }
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// The initial backoff of a client that is not told otherwise.
pub const DEFAULT_BACKOFF: Duration = Duration::from_millis(500);

/// How long to wait before retry number `retry` (0 for the first retry), starting from
/// `initial`.
pub fn delay(retry: u32, headers: Option<&HeaderMap>, initial: Duration) -> Duration {
    if initial.is_zero() {
        return Duration::ZERO;
    }
    if let Some(server) = headers.and_then(server_delay) {
        return server;
    }
    let initial = initial.as_secs_f64();
    let base = (initial * 2f64.powi(i32::try_from(retry).unwrap_or(i32::MAX))).min(16.0 * initial);
    Duration::from_secs_f64(base * (1.0 - 0.25 * unit_random()))
}

/// The wait a server asked for, if it is between 0 and 60 seconds.
fn server_delay(headers: &HeaderMap) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let limit = Duration::from_secs(60);
    let ms = text("retry-after-ms").and_then(|v| v.parse::<f64>().ok()).map(|ms| ms / 1000.0);
    let secs = ms.or_else(|| {
        let value = text("retry-after")?;
        value.parse::<f64>().ok().or_else(|| {
            let at = httpdate(value)?;
            Some(at.duration_since(SystemTime::now()).map_or(0.0, |d| d.as_secs_f64()))
        })
    })?;
    let wait = Duration::try_from_secs_f64(secs).ok()?;
    (wait <= limit).then_some(wait)
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn httpdate(text: &str) -> Option<SystemTime> {
    let date = chrono::DateTime::parse_from_rfc2822(text).ok()?;
    let secs = u64::try_from(date.timestamp()).ok()?;
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
}

/// A number in `[0, 1)`; jitter needs spread, not quality, so no RNG dependency.
fn unit_random() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_str(v).expect("valid header"));
        }
        map
    }

    #[test]
    fn retries_the_documented_statuses() {
        let none = HeaderMap::new();
        for code in [408, 409, 429, 500, 502, 503] {
            assert!(should_retry(StatusCode::from_u16(code).expect("code"), &none), "{code}");
        }
        for code in [400, 401, 403, 404, 422] {
            assert!(!should_retry(StatusCode::from_u16(code).expect("code"), &none), "{code}");
        }
        assert!(!should_retry(StatusCode::INTERNAL_SERVER_ERROR, &headers(&[("x-should-retry", "false")])));
        assert!(should_retry(StatusCode::BAD_REQUEST, &headers(&[("x-should-retry", "true")])));
    }

    #[test]
    fn backs_off_exponentially_with_jitter_and_a_cap() {
        for (retry, max) in [(0, 0.5), (1, 1.0), (2, 2.0), (5, 8.0), (40, 8.0)] {
            let d = delay(retry, None, DEFAULT_BACKOFF).as_secs_f64();
            assert!(d <= max && d >= max * 0.75, "retry {retry}: {d}");
        }
    }

    #[test]
    fn honours_server_delays_up_to_a_minute() {
        assert_eq!(
            delay(0, Some(&headers(&[("retry-after-ms", "1500")])), DEFAULT_BACKOFF),
            Duration::from_millis(1500)
        );
        assert_eq!(
            delay(0, Some(&headers(&[("retry-after", "2")])), DEFAULT_BACKOFF),
            Duration::from_secs(2)
        );
        let ignored = delay(0, Some(&headers(&[("retry-after", "120")])), DEFAULT_BACKOFF).as_secs_f64();
        assert!(ignored <= 0.5, "{ignored}");
        let soon = (chrono::Utc::now() + chrono::Duration::seconds(3)).to_rfc2822();
        let d = delay(0, Some(&headers(&[("retry-after", &soon)])), DEFAULT_BACKOFF).as_secs_f64();
        assert!((1.0..=3.5).contains(&d), "{d}");
    }

    #[test]
    fn a_zero_backoff_never_waits() {
        let asked = headers(&[("retry-after", "3")]);
        for retry in 0..5 {
            assert_eq!(delay(retry, Some(&asked), Duration::ZERO), Duration::ZERO);
        }
        let scaled = delay(3, None, Duration::from_millis(10)).as_secs_f64();
        assert!((0.06..=0.08).contains(&scaled), "10 ms doubled three times, jittered: {scaled}");
        let capped = delay(10, None, Duration::from_millis(10)).as_secs_f64();
        assert!(capped <= 0.16, "at most 16 times the initial wait: {capped}");
    }
}
