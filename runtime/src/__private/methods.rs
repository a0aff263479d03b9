//! The inherent methods of generated types that are the same for every spec, written once
//! here as `macro_rules!`: a string enum's `as_str`, `FromStr` and `Display`, and a request
//! type's setters. Generated code invokes them with one line per variant or field.

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
                ::core::str::FromStr::from_str(value)
                    .unwrap_or_else(|_| Self::$catch_all(::std::string::ToString::to_string(value)))
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

/// The setters of a request type's optional fields:
/// `__setters!(Name { set field "wire" (ArgType) into, three field field_null "wire" (ArgType) same, .. })`.
/// `set` fields get one setter; `three` (optional nullable body) fields also get a setter that
/// sends `null`. The last word names the function that turns the argument into the field's
/// value: [`into`], [`same`], [`collect`], [`some_into`], [`some`] or [`some_collect`].
#[macro_export]
#[doc(hidden)]
macro_rules! __setters {
    ($name:ident { $($kind:ident $field:ident $($null:ident)? $wire:literal ($arg:ty) $convert:ident),* $(,)? }) => {
        impl $name {
            $($crate::__setter!($kind $field $($null)? $wire ($arg) $convert);)*
        }
    };
}

/// One setter of `__setters`.
#[macro_export]
#[doc(hidden)]
macro_rules! __setter {
    (set $field:ident $wire:literal ($arg:ty) $convert:ident) => {
        #[doc = ::core::concat!("Sets `", $wire, "`.")]
        #[must_use]
        pub fn $field(mut self, value: $arg) -> Self {
            self.$field = ::core::option::Option::Some($crate::__private::methods::$convert(value));
            self
        }
    };
    (three $field:ident $null:ident $wire:literal ($arg:ty) $convert:ident) => {
        $crate::__setter!(set $field $wire ($arg) $convert);

        #[doc = ::core::concat!("Sends `", $wire, "` as `null` (clears it).")]
        #[must_use]
        pub fn $null(mut self) -> Self {
            self.$field = ::core::option::Option::Some(::core::option::Option::None);
            self
        }
    };
}

/// A setter's argument converted with `Into` (strings, boxes, `Some` of three-state values).
pub fn into<T, U: Into<T>>(value: U) -> T {
    value.into()
}

/// A setter's argument as it is.
pub fn same<T>(value: T) -> T {
    value
}

/// A three-state setter's argument converted with `Into`, as a present value.
pub fn some_into<T, U: Into<T>>(value: U) -> Option<T> {
    Some(value.into())
}

/// A setter's list argument collected from any iterable of values that convert.
pub fn collect<T, I>(values: I) -> Vec<T>
where
    I: IntoIterator,
    I::Item: Into<T>,
{
    values.into_iter().map(Into::into).collect()
}

/// A three-state setter's list argument collected, as a present value.
pub fn some_collect<T, I>(values: I) -> Option<Vec<T>>
where
    I: IntoIterator,
    I::Item: Into<T>,
{
    Some(collect(values))
}

/// A three-state setter's argument as a present value.
pub fn some<T>(value: T) -> Option<T> {
    Some(value)
}
