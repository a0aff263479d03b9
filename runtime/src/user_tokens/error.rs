//! Why a user token was refused, or the keys to check it could not be had.

use std::fmt;

/// Why a user token was refused. No variant holds or prints the token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UserTokenError {
    /// The request has no `x-whop-user-token` header (or it is not text): it did not come
    /// through Whop's iframe proxy.
    MissingToken,
    /// The token is not a JWT (three base64url parts with JSON header and claims).
    Malformed,
    /// The header names an algorithm other than ES256 (`none` and `HS256` included).
    UnsupportedAlgorithm(String),
    /// No key Whop publishes (or that the verifier was given) has the token's `kid`, even after
    /// fetching the key set again.
    UnknownKey,
    /// The signature does not match the header and claims: forged or tampered with.
    BadSignature,
    /// `exp` has passed.
    Expired,
    /// `nbf` is still ahead.
    NotYetValid,
    /// `iss` is not Whop's iframe proxy (`urn:whopcom:exp-proxy`).
    WrongIssuer,
    /// `aud` is not this app's id as a single string (another app's token, or a list).
    WrongApp,
    /// A claim the token must have is absent (`sub`, `iss` or `aud`).
    MissingClaim(&'static str),
    /// The key set could not be fetched or read.
    KeysUnavailable(KeysProblem),
    /// The verifier's configuration cannot work: no app id, or a public key that is neither a
    /// P-256 JWK nor a PEM public key.
    Config(String),
}

/// Why the key set could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeysProblem {
    /// The JWKS endpoint did not answer within the timeout.
    Timeout,
    /// No connection could be made, or it broke.
    Connection,
    /// The endpoint answered with a status other than 2xx.
    Status(u16),
    /// The body is not a JSON Web Key Set.
    NotAKeySet,
    /// The set has no P-256 key to check ES256 signatures with.
    NoUsableKey,
}

impl fmt::Display for KeysProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeysProblem::Timeout => f.write_str("the JWKS endpoint timed out"),
            KeysProblem::Connection => f.write_str("the JWKS endpoint could not be reached"),
            KeysProblem::Status(status) => write!(f, "the JWKS endpoint answered {status}"),
            KeysProblem::NotAKeySet => f.write_str("the JWKS endpoint did not send a JSON Web Key Set"),
            KeysProblem::NoUsableKey => f.write_str("the key set has no P-256 (ES256) key"),
        }
    }
}

impl fmt::Display for UserTokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UserTokenError::MissingToken => f.write_str("the request has no x-whop-user-token header"),
            UserTokenError::Malformed => f.write_str("the user token is not a well-formed JWT"),
            UserTokenError::UnsupportedAlgorithm(alg) => {
                write!(f, "the user token is signed with `{alg}`; only ES256 is accepted")
            }
            UserTokenError::UnknownKey => f.write_str("the user token's key id is not in Whop's key set"),
            UserTokenError::BadSignature => f.write_str("the user token's signature does not match"),
            UserTokenError::Expired => f.write_str("the user token has expired"),
            UserTokenError::NotYetValid => f.write_str("the user token is not valid yet"),
            UserTokenError::WrongIssuer => {
                f.write_str("the user token was not issued by Whop's iframe proxy")
            }
            UserTokenError::WrongApp => f.write_str("the user token is not for this app"),
            UserTokenError::MissingClaim(claim) => write!(f, "the user token has no `{claim}` claim"),
            UserTokenError::KeysUnavailable(problem) => write!(f, "cannot check user tokens: {problem}"),
            UserTokenError::Config(problem) => write!(f, "user-token verifier: {problem}"),
        }
    }
}

impl std::error::Error for UserTokenError {}
