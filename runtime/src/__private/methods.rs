//! What a request type's constructor and setters call.

/// A setter's or constructor's list argument collected from any iterable of values that
/// convert (`vec!["a", "b"]` for a list of strings).
pub fn collect<T, I>(values: I) -> Vec<T>
where
    I: IntoIterator,
    I::Item: Into<T>,
{
    values.into_iter().map(Into::into).collect()
}
