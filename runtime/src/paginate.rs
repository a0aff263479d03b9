//! Cursor pagination: a stream of items that fetches the next page when the current one is
//! used up, following the page's end cursor until the server says there is no next page.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::de::DeserializeOwned;

use crate::call::{Call, RequestOptions};
use crate::client::Client;
use crate::error::Error;
use crate::request::RequestSpec;

type PageFuture<P> = Pin<Box<dyn Future<Output = Result<P, Error>> + Send>>;

/// Every item of a paginated list operation, page after page.
///
/// It is a [`Stream`] of `Result<T, Error>`; without a stream library, call
/// [`next`](Self::next) in a loop. A failed page ends the stream after its error.
#[must_use = "a paginator does nothing until it is polled"]
pub struct Paginator<P, T> {
    client: Client,
    request: RequestSpec,
    cursor_param: &'static str,
    options: RequestOptions,
    split: fn(P) -> (Vec<T>, Option<String>),
    buffer: VecDeque<T>,
    /// `Some(cursor)` while another page is to be fetched (`Some(None)`: the first page).
    next_cursor: Option<Option<String>>,
    /// The cursor of the page being fetched.
    last_cursor: Option<String>,
    in_flight: Option<PageFuture<P>>,
}

impl<P, T> std::fmt::Debug for Paginator<P, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paginator")
            .field("request", &self.request.describe())
            .field("buffered", &self.buffer.len())
            .field("next_cursor", &self.next_cursor)
            .finish_non_exhaustive()
    }
}

impl<P: DeserializeOwned + Send + 'static, T> Paginator<P, T> {
    /// A paginator starting at the request's own cursor (used by generated code). `split`
    /// turns a page into its items and the cursor of the next page, if there is one.
    #[doc(hidden)]
    pub fn new(
        client: &Client,
        request: RequestSpec,
        cursor_param: &'static str,
        split: fn(P) -> (Vec<T>, Option<String>),
    ) -> Self {
        Paginator {
            client: client.clone(),
            request,
            cursor_param,
            options: RequestOptions::default(),
            split,
            buffer: VecDeque::new(),
            next_cursor: Some(None),
            last_cursor: None,
            in_flight: None,
        }
    }

    /// Overrides settings for every page request.
    pub fn with_options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// The next item, fetching a page when needed; `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<T, Error>>
    where
        T: Unpin,
    {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Collects every remaining item.
    ///
    /// # Errors
    /// The first error met.
    pub async fn collect_all(mut self) -> Result<Vec<T>, Error>
    where
        T: Unpin,
    {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }

    fn start_page(&mut self, cursor: Option<String>) {
        let mut request = self.request.clone();
        if let Some(cursor) = cursor {
            request.set_query(self.cursor_param, cursor);
        }
        let call: Call<P> = Call::new(&self.client, request).with_options(self.options.clone());
        self.in_flight = Some(Box::pin(std::future::IntoFuture::into_future(call)));
    }
}

impl<P: DeserializeOwned + Send + 'static, T: Unpin> Stream for Paginator<P, T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if let Some(page) = this.in_flight.as_mut() {
                let result = match page.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(result) => result,
                };
                this.in_flight = None;
                match result {
                    Ok(page) => {
                        let (items, next) = (this.split)(page);
                        // A server that repeats a cursor would otherwise loop forever.
                        let previous = this.last_cursor.take();
                        this.next_cursor = next.filter(|c| Some(c) != previous.as_ref()).map(Some);
                        this.buffer.extend(items);
                        continue;
                    }
                    Err(error) => {
                        this.next_cursor = None;
                        return Poll::Ready(Some(Err(error)));
                    }
                }
            }
            match this.next_cursor.take() {
                Some(cursor) => {
                    this.last_cursor.clone_from(&cursor);
                    this.start_page(cursor);
                }
                None => return Poll::Ready(None),
            }
        }
    }
}
