//! The TLS crypto provider reqwest's rustls backend needs.

/// reqwest's rustls backend needs a process-wide crypto provider; install ring unless the
/// application already chose one.
pub(crate) fn install_crypto_provider() {
    #[cfg(feature = "rustls")]
    {
        let _already_installed = rustls::crypto::ring::default_provider().install_default();
    }
}
