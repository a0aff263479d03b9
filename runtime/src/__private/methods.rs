//! The inherent methods of generated types that are the same for every spec, written once
//! here: a string enum's `as_str`, `FromStr`, `Display` and comparisons (a `macro_rules!`
//! invoked with one line per variant), and what a request type's setters call.

/// `as_str`, `Display`, a strict `FromStr` (a value the spec does not list is an error, so a
/// typo does not compile into an unknown value silently) and the lenient [`FromWire`]
/// (unknown values kept in the catch-all variant) for a generated string enum:
/// `__str_enum!(Name { Variant "wire", .. } CatchAll)`.
///
/// Also `PartialEq`, `Eq` and `Hash`, by wire text: two values are equal when they are sent
/// alike. Why not derived: the derives' per-variant matches are code rustc lowers and hashes
/// on every rebuild of the crate that invokes `whop_api!`, for each of an API's hundreds of
/// enums; through `as_str` each impl is one line.
///
/// [`FromWire`]: crate::__private::FromWire
#[macro_export]
#[doc(hidden)]
macro_rules! __str_enum {
    ($name:ident { $($variant:ident $wire:literal),* $(,)? } $catch_all:ident) => {
        impl $name {
            /// The value as sent on the wire.
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$catch_all(other) => other.as_str(),
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::UnknownValue;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                match value {
                    $($wire => ::core::result::Result::Ok(Self::$variant),)*
                    other => ::core::result::Result::Err($crate::UnknownValue::new(::core::stringify!($name), other)),
                }
            }
        }

        impl $crate::__private::FromWire for $name {
            fn from_wire(value: &str) -> Self {
                // An unlisted value keeps the text the error already copied.
                ::core::str::FromStr::from_str(value)
                    .unwrap_or_else(|unknown: $crate::UnknownValue| Self::$catch_all(unknown.value))
            }
        }

        impl ::core::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl ::core::cmp::Eq for $name {}

        impl ::core::hash::Hash for $name {
            fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                ::core::hash::Hash::hash(self.as_str(), state);
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// A setter's or constructor's list argument collected from any iterable of values that
/// convert (`vec!["a", "b"]` for a list of strings).
pub fn collect<T, I>(values: I) -> Vec<T>
where
    I: IntoIterator,
    I::Item: Into<T>,
{
    values.into_iter().map(Into::into).collect()
}
