//! The public keys user tokens are checked with: fixed ones, or Whop's published key set,
//! fetched on first use, kept 12 hours, and fetched again for an unknown key id at most once
//! per 30 seconds, so a flood of forged tokens is not a flood of requests to Whop.

use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk};
use jsonwebtoken::DecodingKey;
use serde_json::Value;

use crate::user_tokens::{KeysProblem, UserTokenError};

/// How long a fetched key set is used before it is fetched again.
pub const KEYS_MAX_AGE: Duration = Duration::from_secs(12 * 60 * 60);
/// The least time between two fetches of the key set.
pub const KEYS_REFETCH_INTERVAL: Duration = Duration::from_secs(30);
/// How long a key-set fetch may take.
pub const KEYS_TIMEOUT: Duration = Duration::from_secs(10);
/// A key set larger than this is not one.
const MAX_KEY_SET_BYTES: usize = 1 << 20;

/// One P-256 public key and its id.
#[derive(Clone)]
pub(crate) struct Key {
    kid: Option<String>,
    pub(crate) key: DecodingKey,
}

impl Key {
    /// A key without an id answers for any token; a token without a `kid` may be any key.
    fn answers(&self, kid: Option<&str>) -> bool {
        match (kid, &self.kid) {
            (Some(wanted), Some(id)) => wanted == id,
            _ => true,
        }
    }
}

/// Where keys come from.
pub(crate) enum Keys {
    Fixed(Vec<Key>),
    Remote(RemoteKeys),
}

impl Keys {
    /// The keys that may have signed a token with this `kid`.
    pub(crate) async fn candidates(&self, kid: Option<&str>) -> Result<Vec<Key>, UserTokenError> {
        let found = match self {
            Keys::Fixed(keys) => keys.iter().filter(|k| k.answers(kid)).cloned().collect(),
            Keys::Remote(remote) => remote.candidates(kid).await?,
        };
        if found.is_empty() {
            return Err(UserTokenError::UnknownKey);
        }
        Ok(found)
    }
}

/// A key set served over HTTP (a JWKS endpoint).
pub(crate) struct RemoteKeys {
    pub(crate) url: String,
    pub(crate) timeout: Duration,
    pub(crate) refetch_interval: Duration,
    http: OnceLock<reqwest::Client>,
    cache: RwLock<Cache>,
    /// Held while fetching: concurrent misses wait for one fetch instead of each making one.
    fetching: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct Cache {
    keys: Arc<Vec<Key>>,
    fetched: Option<Instant>,
    attempted: Option<Instant>,
    problem: Option<KeysProblem>,
}

impl Cache {
    fn fresh(&self) -> bool {
        self.fetched.is_some_and(|at| at.elapsed() < KEYS_MAX_AGE)
    }

    fn matching(&self, kid: Option<&str>) -> Vec<Key> {
        self.keys.iter().filter(|k| k.answers(kid)).cloned().collect()
    }
}

impl RemoteKeys {
    pub(crate) fn new(url: String, http: Option<reqwest::Client>) -> Self {
        let cell = OnceLock::new();
        if let Some(http) = http {
            let _ = cell.set(http);
        }
        RemoteKeys {
            url,
            timeout: KEYS_TIMEOUT,
            refetch_interval: KEYS_REFETCH_INTERVAL,
            http: cell,
            cache: RwLock::new(Cache::default()),
            fetching: tokio::sync::Mutex::new(()),
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Cache> {
        self.cache.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn cached(&self, kid: Option<&str>) -> Option<Vec<Key>> {
        let cache = self.read();
        let found = cache.matching(kid);
        (cache.fresh() && !found.is_empty()).then_some(found)
    }

    async fn candidates(&self, kid: Option<&str>) -> Result<Vec<Key>, UserTokenError> {
        if let Some(found) = self.cached(kid) {
            return Ok(found);
        }
        let _turn = self.fetching.lock().await;
        // Whoever held the lock before may have fetched what this token needs.
        if let Some(found) = self.cached(kid) {
            return Ok(found);
        }
        let recent = self.read().attempted.is_some_and(|at| at.elapsed() < self.refetch_interval);
        if !recent {
            let fetched = self.fetch().await;
            let mut cache = self.cache.write().unwrap_or_else(std::sync::PoisonError::into_inner);
            cache.attempted = Some(Instant::now());
            match fetched {
                Ok(keys) => {
                    cache.keys = Arc::new(keys);
                    cache.fetched = cache.attempted;
                    cache.problem = None;
                }
                Err(problem) => cache.problem = Some(problem),
            }
        }
        // Keys past their age still serve while the endpoint is failing.
        let cache = self.read();
        let found = cache.matching(kid);
        match (&cache.problem, found.is_empty()) {
            (_, false) => Ok(found),
            (Some(problem), true) => Err(UserTokenError::KeysUnavailable(problem.clone())),
            (None, true) => Err(UserTokenError::UnknownKey),
        }
    }

    async fn fetch(&self) -> Result<Vec<Key>, KeysProblem> {
        let http = match self.http.get() {
            Some(http) => http.clone(),
            None => {
                crate::tls::install_crypto_provider();
                let built = reqwest::Client::builder().build().map_err(|_| KeysProblem::Connection)?;
                self.http.get_or_init(|| built).clone()
            }
        };
        let failed = |error: reqwest::Error| {
            if error.is_timeout() {
                KeysProblem::Timeout
            } else {
                KeysProblem::Connection
            }
        };
        let response = http.get(&self.url).timeout(self.timeout).send().await.map_err(failed)?;
        if !response.status().is_success() {
            return Err(KeysProblem::Status(response.status().as_u16()));
        }
        let body = response.bytes().await.map_err(failed)?;
        if body.len() > MAX_KEY_SET_BYTES {
            return Err(KeysProblem::NotAKeySet);
        }
        key_set(&body)
    }
}

/// The usable keys of a JWKS document: P-256 keys meant for signatures. Keys of other kinds
/// are skipped, not an error, so a set that also publishes RSA keys still works.
pub(crate) fn key_set(body: &[u8]) -> Result<Vec<Key>, KeysProblem> {
    let document: Value = serde_json::from_slice(body).map_err(|_| KeysProblem::NotAKeySet)?;
    let entries = document.get("keys").and_then(Value::as_array).ok_or(KeysProblem::NotAKeySet)?;
    let keys: Vec<Key> = entries.iter().filter_map(p256_key).collect();
    if keys.is_empty() {
        return Err(KeysProblem::NoUsableKey);
    }
    Ok(keys)
}

/// A JWK, if it is an EC P-256 key for signatures (or for any use) and not for another alg.
pub(crate) fn p256_key(entry: &Value) -> Option<Key> {
    let jwk: Jwk = serde_json::from_value(entry.clone()).ok()?;
    let AlgorithmParameters::EllipticCurve(params) = &jwk.algorithm else { return None };
    if params.curve != EllipticCurve::P256 {
        return None;
    }
    let usable_for_signing = entry.get("use").and_then(Value::as_str).is_none_or(|u| u == "sig");
    let es256 = entry.get("alg").and_then(Value::as_str).is_none_or(|alg| alg == "ES256");
    if !usable_for_signing || !es256 {
        return None;
    }
    let key = DecodingKey::from_ec_components(&params.x, &params.y).ok()?;
    Some(Key { kid: jwk.common.key_id.clone(), key })
}

/// A fixed key: a JWK, a JWKS, or a PEM public key.
pub(crate) fn fixed_keys(text: &str) -> Result<Vec<Key>, UserTokenError> {
    let text = text.trim();
    let unusable =
        || UserTokenError::Config("the public key is not a P-256 JWK, JWKS or PEM public key".to_owned());
    if text.starts_with('{') {
        let document: Value = serde_json::from_str(text).map_err(|_| unusable())?;
        if document.get("keys").is_some() {
            return key_set(text.as_bytes()).map_err(|_| unusable());
        }
        return p256_key(&document).map(|key| vec![key]).ok_or_else(unusable);
    }
    let key = p256_pem(text).ok_or_else(unusable)?;
    Ok(vec![Key { kid: None, key }])
}

/// The DER of a P-256 `SubjectPublicKeyInfo` up to the key itself: a SEQUENCE of the
/// algorithm (id-ecPublicKey, prime256v1) and a BIT STRING of 66 bytes. DER has one encoding,
/// so every P-256 public key starts with these bytes, followed by the 65-byte uncompressed
/// point.
const P256_SPKI_HEADER: [u8; 26] = [
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86,
    0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
];

/// A PEM public key (`-----BEGIN PUBLIC KEY-----`), if it is a P-256 one.
///
/// Read here rather than by jsonwebtoken's PEM support, which brings an ASN.1 parser, bignum
/// and date crates into every build and link of an app for this one fixed layout.
fn p256_pem(text: &str) -> Option<DecodingKey> {
    use base64::Engine;
    let body = text.strip_prefix("-----BEGIN PUBLIC KEY-----")?.strip_suffix("-----END PUBLIC KEY-----")?;
    let base64: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = base64::engine::general_purpose::STANDARD.decode(base64).ok()?;
    let point = der.strip_prefix(&P256_SPKI_HEADER)?;
    // jsonwebtoken hands ring these bytes as the key: the point, as `from_ec_components` makes.
    (point.len() == 65 && point[0] == 0x04).then(|| DecodingKey::from_ec_der(point))
}
