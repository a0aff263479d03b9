//! The generated types, as the emitter reads them: type expressions, named definitions,
//! fields, enums and unions.

use crate::ir::Docs;

/// A Rust type expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// `String`.
    String,
    /// `i64`.
    I64,
    /// `i32`.
    I32,
    /// `f64`.
    F64,
    /// `f32`.
    F32,
    /// `bool`.
    Bool,
    /// A UTC timestamp (`format: date-time`).
    DateTime,
    /// A calendar date (`format: date`).
    Date,
    /// Any JSON value (a schema that allows anything).
    Json,
    /// Raw bytes (a binary request or response body).
    Bytes,
    /// A file part of a multipart body (`format: binary`): bytes, a file name, a content type.
    File,
    /// A generated type, by name.
    Named(String),
    /// `Vec<T>`.
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>` (`additionalProperties`).
    Map(Box<Ty>),
    /// `Option<T>` (a nullable value).
    Option(Box<Ty>),
    /// `Box<T>` (breaks a recursive type).
    Boxed(Box<Ty>),
}

impl Ty {
    /// The type inside any `Option`s and `Box`es.
    pub fn unwrapped(&self) -> &Ty {
        match self {
            Ty::Option(inner) | Ty::Boxed(inner) => inner.unwrapped(),
            other => other,
        }
    }

    /// Points every mention of the generated type `from` at `to`.
    pub fn rename(&mut self, from: &str, to: &str) {
        self.rename_with(&|name| (name == from).then_some(to));
    }

    /// Points every mention of a generated type at the name `new_name` gives for it, if any.
    pub fn rename_with<'a>(&mut self, new_name: &impl Fn(&str) -> Option<&'a str>) {
        match self {
            Ty::Named(name) => {
                if let Some(to) = new_name(name) {
                    to.clone_into(name);
                }
            }
            Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) | Ty::Boxed(inner) => {
                inner.rename_with(new_name)
            }
            _ => {}
        }
    }
}

/// A named generated type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Rust name.
    pub name: String,
    /// Rustdoc.
    pub docs: Docs,
    /// What it is.
    pub kind: TypeKind,
    /// Which ways it travels.
    pub usage: Usage,
}

impl TypeDef {
    /// A definition whose [`Usage`] is decided later, when every definition exists.
    pub fn new(name: String, docs: Docs, kind: TypeKind) -> Self {
        TypeDef { name, docs, kind, usage: Usage::default() }
    }
}

/// Which ways a type travels, so that only the serde impls something calls are generated:
/// rustc's work on serde impls is most of what a large expansion costs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Usage {
    /// Serialised (sent in a request, or everything with both serde directions on); such
    /// types also get constructors and setters.
    pub sent: bool,
    /// Reached from a request: an optional nullable body property is three-state there
    /// (`Option<Option<T>>`: absent, `null`, a value). Decided by reachability alone, so a
    /// response type stays `Option<T>` whatever serde impls it gets.
    pub input: bool,
    /// Received in a response (deserialised). Types no operation reaches count as received:
    /// users decode them from elsewhere (webhooks, stored JSON).
    pub received: bool,
}

/// The shape of a generated type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Struct),
    /// A string enum; unknown values are kept in the catch-all variant.
    StringEnum {
        /// Known values.
        variants: Vec<EnumVariant>,
        /// Name of the variant that keeps an unknown value.
        catch_all: String,
    },
    /// `oneOf` / `anyOf`.
    Union(Union),
    /// A plain alias for a schema that needs no type of its own (`type: string`, ...).
    Alias(Ty),
}

impl TypeKind {
    /// Renames every type this definition mentions, as [`Ty::rename_with`] does.
    pub fn rename_with<'a>(&mut self, new_name: &impl Fn(&str) -> Option<&'a str>) {
        match self {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| f.ty.rename_with(new_name)),
            TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| v.ty.rename_with(new_name)),
            TypeKind::Alias(ty) => ty.rename_with(new_name),
            TypeKind::StringEnum { .. } => {}
        }
    }
}

/// An object type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Struct {
    /// Fields, in spec order.
    pub fields: Vec<Field>,
}

/// A struct field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Rust name (snake case, maybe a keyword).
    pub rust: String,
    /// Name on the wire.
    pub wire: String,
    /// The value type, without the `Option` that optionality adds.
    pub ty: Ty,
    /// Listed in `required`.
    pub required: bool,
    /// Where the field goes when the struct is a request's parameters.
    pub place: FieldPlace,
    /// The only value the spec allows (`const`, or a one-value string `enum`): constructors
    /// fill it in instead of asking for it.
    pub fixed: Option<String>,
    /// Rustdoc.
    pub docs: Docs,
}

/// Where a parameter field is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldPlace {
    /// A JSON body property.
    Body,
    /// The whole JSON body.
    WholeBody,
    /// A query parameter.
    Query {
        /// Repeat the key for each array element (`explode: true`).
        explode: bool,
    },
    /// A request header.
    Header,
    /// Properties not named in `properties` (`additionalProperties` with a schema): a map
    /// flattened into the object.
    Additional,
}

/// A variant of a string enum.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EnumVariant {
    /// Rust name.
    pub rust: String,
    /// The string on the wire.
    pub wire: String,
}

/// A union: tagged when one property's value tells the variants apart (a `discriminator`,
/// or a `const`/single-value `enum` property in every variant); otherwise the first variant
/// that fits wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Union {
    /// The variants, in spec order.
    pub variants: Vec<UnionVariant>,
    /// The tag property, when the union is tagged.
    pub tag: Option<String>,
    /// Name of the variant that keeps a value with an unknown tag (tagged unions only).
    pub catch_all: String,
}

/// A variant of a union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionVariant {
    /// Rust name.
    pub rust: String,
    /// The variant's payload.
    pub ty: Ty,
    /// Tag values that select this variant (tagged unions only).
    pub tags: Vec<String>,
    /// What tells this variant apart from the others (its title, a constant property's
    /// value, a property only it requires), for its rustdoc.
    pub telling: Option<String>,
}

/// A field that generated code reads by name: the pages' items and cursors, the events' ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRef {
    /// The Rust field.
    pub rust: String,
    /// Its name on the wire.
    pub wire: String,
    /// Whether the field is an `Option`.
    pub optional: bool,
}

impl FieldRef {
    /// The reference to `field`.
    pub fn to(field: &Field) -> Self {
        FieldRef {
            rust: field.rust.clone(),
            wire: field.wire.clone(),
            optional: !field.required || matches!(field.ty, Ty::Option(_)),
        }
    }
}
