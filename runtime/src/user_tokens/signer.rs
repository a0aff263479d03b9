//! Minting user tokens for tests: a freshly generated P-256 key, its public JWK, and tokens
//! shaped as Whop's iframe proxy makes them.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
use serde::Serialize;
use serde_json::json;

use crate::user_tokens::{UserTokenError, UserTokens, USER_TOKEN_ISSUER};

/// How long a minted token is valid.
const LIFETIME_SECS: u64 = 60 * 60;

/// Signs test user tokens with a key generated for it, so a handler behind
/// [`UserTokens::verify`] can be tested in-process: trust it with [`verifier`](Self::verifier)
/// (no network), [`UserTokens::public_key`] and [`jwk`](Self::jwk), or serve [`jwks`](Self::jwks)
/// (the generated mock server does, at `/.well-known/jwks.json`). `Debug` never shows the key.
#[derive(Clone)]
pub struct UserTokenSigner {
    kid: String,
    private: EncodingKey,
    x: String,
    y: String,
}

impl fmt::Debug for UserTokenSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserTokenSigner").field("kid", &self.kid).finish_non_exhaustive()
    }
}

impl UserTokenSigner {
    /// A signer with a new P-256 key and a random key id.
    ///
    /// # Errors
    /// [`UserTokenError::Config`] when the system's random generator fails.
    pub fn new() -> Result<Self, UserTokenError> {
        let failed = || UserTokenError::Config("cannot generate a P-256 key".to_owned());
        let random = SystemRandom::new();
        let pkcs8 =
            EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &random).map_err(|_| failed())?;
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &random)
            .map_err(|_| failed())?;
        // The uncompressed point: 0x04, then x and y, 32 bytes each.
        let point = pair.public_key().as_ref();
        let (x, y) = match point {
            [4, coordinates @ ..] if coordinates.len() == 64 => coordinates.split_at(32),
            _ => return Err(failed()),
        };
        let mut id = [0u8; 8];
        ring::rand::SecureRandom::fill(&random, &mut id).map_err(|_| failed())?;
        Ok(UserTokenSigner {
            kid: format!("test_{}", URL_SAFE_NO_PAD.encode(id)),
            private: EncodingKey::from_ec_der(pkcs8.as_ref()),
            x: URL_SAFE_NO_PAD.encode(x),
            y: URL_SAFE_NO_PAD.encode(y),
        })
    }

    /// The key id tokens carry in their header.
    #[must_use]
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public key as a JWK (JSON text).
    #[must_use]
    pub fn jwk(&self) -> String {
        self.jwk_value().to_string()
    }

    /// The public key as a JWKS document (`{"keys": [..]}`), as a JWKS endpoint serves it.
    #[must_use]
    pub fn jwks(&self) -> String {
        json!({ "keys": [self.jwk_value()] }).to_string()
    }

    fn jwk_value(&self) -> serde_json::Value {
        json!({ "kty": "EC", "crv": "P-256", "x": self.x, "y": self.y, "kid": self.kid, "use": "sig", "alg": "ES256" })
    }

    /// A verifier for `app_id` that trusts this signer's key and never fetches.
    ///
    /// # Errors
    /// Never in practice: the key is one this signer made.
    pub fn verifier(&self, app_id: impl Into<String>) -> Result<UserTokens, UserTokenError> {
        UserTokens::new(app_id).public_key(&self.jwk())
    }

    /// A token for `user_id` in `app_id`, valid for an hour from now, as Whop's proxy issues.
    ///
    /// # Errors
    /// [`UserTokenError::Config`] if signing fails.
    pub fn token(&self, user_id: &str, app_id: &str) -> Result<String, UserTokenError> {
        let now = now();
        self.sign(&json!({
            "iss": USER_TOKEN_ISSUER,
            "sub": user_id,
            "aud": app_id,
            "iat": now,
            "exp": now + LIFETIME_SECS,
        }))
    }

    /// A token with any claims (to test how a handler treats an expired token, say), signed
    /// ES256 with this signer's key and `kid`.
    ///
    /// # Errors
    /// [`UserTokenError::Config`] if the claims cannot be written or signing fails.
    pub fn sign(&self, claims: &impl Serialize) -> Result<String, UserTokenError> {
        let mut header = Header::new(Algorithm::ES256);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.private)
            .map_err(|_| UserTokenError::Config("cannot sign the test token".to_owned()))
    }
}

/// Seconds since the Unix epoch.
pub(crate) fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}
