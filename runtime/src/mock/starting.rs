//! The future a generated mock's `MockServer::start` returns.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A generated mock starting up: `.await` it for the mock (`M`, the generated `MockServer`) or
/// the error that kept it from binding a port.
//
// A named type rather than an `async fn`'s future: rustc treats every type an `async fn`'s
// future holds (the mock, its client, through them every generated type) as reachable through
// it and walks them again on every build of the crate that invokes the macro.
#[must_use = "a mock starts only when awaited"]
pub struct Starting<M> {
    future: Pin<Box<dyn Future<Output = Result<M, crate::Error>> + Send>>,
}

impl<M> Starting<M> {
    /// Wraps what generated code runs to start its mock.
    #[doc(hidden)]
    pub fn new(future: impl Future<Output = Result<M, crate::Error>> + Send + 'static) -> Self {
        Starting { future: Box::pin(future) }
    }
}

impl<M> Future for Starting<M> {
    type Output = Result<M, crate::Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.get_mut().future.as_mut().poll(cx)
    }
}

impl<M> fmt::Debug for Starting<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Starting").finish_non_exhaustive()
    }
}
