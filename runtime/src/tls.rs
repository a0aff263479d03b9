//! The TLS crypto provider reqwest's rustls backend needs.

/// reqwest's rustls backend needs a process-wide crypto provider; install ring unless the
/// application already chose one.
pub(crate) fn install_crypto_provider() {
    #[cfg(feature = "rustls")]
    {
        // rustls 0.23.48 deprecates ring's provider because it has no post-quantum key
        // exchange. ring stays the default here for its build time (about half of aws-lc's,
        // and no C toolchain); an application that wants post-quantum key exchange installs
        // the aws-lc-rs provider before building a client, and this then leaves it in place.
        #[allow(deprecated)]
        let provider = rustls::crypto::ring::default_provider();
        let _already_installed = provider.install_default();
    }
}
