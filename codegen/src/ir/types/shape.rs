//! One schema's shape: a plain type, or a definition that needs a name.

use crate::ir::types::{without_option, Shape, TypeBuilder};
use crate::ir::{Docs, EnumVariant, Field, FieldPlace, Struct, Ty, TypeKind};
use crate::names::NameTable;
use crate::names::{snake_name, type_name};
use crate::spec::{Additional, Schema};
use crate::yaml::Value;

impl TypeBuilder<'_> {
    pub(super) fn shape(&mut self, schema: &Schema, hint: &str) -> Shape {
        if let Some(component) = &schema.reference {
            return Shape::Plain(self.named(component));
        }
        let alternatives: Vec<&Schema> =
            schema.one_of.iter().chain(&schema.any_of).filter(|s| !s.is_null_only()).collect();
        if !schema.one_of.is_empty() || !schema.any_of.is_empty() {
            return match alternatives.as_slice() {
                [] => Shape::Plain(Ty::Json),
                [only] => Shape::Plain(without_option(self.ty(only, hint))),
                many => Shape::Def(self.union(many, hint, schema.discriminator.as_ref(), &[])),
            };
        }
        if !schema.all_of.is_empty() {
            return self.all_of(schema, hint);
        }
        let types: Vec<&str> = schema.types.iter().map(String::as_str).filter(|t| *t != "null").collect();
        match types.as_slice() {
            [] if !schema.properties.is_empty() => self.object(schema, hint),
            [] if schema.items.is_some() => self.array(schema, hint),
            [] if schema.enum_values.is_some() => match shared_kind(schema) {
                Some(kind) => self.enumeration(schema, kind),
                None => Shape::Plain(Ty::Json),
            },
            [] if schema.const_value.is_some() => Shape::Plain(const_ty(schema.const_value.as_ref())),
            [] => Shape::Plain(Ty::Json),
            [single] => match *single {
                "object" => self.object(schema, hint),
                "array" => self.array(schema, hint),
                primitive => self.enumeration(schema, primitive),
            },
            many => {
                let variants: Vec<Schema> = many
                    .iter()
                    .map(|t| Schema { types: vec![(*t).to_owned()], ..schema_without_types(schema) })
                    .collect();
                let refs: Vec<&Schema> = variants.iter().collect();
                Shape::Def(self.union(&refs, hint, None, &[]))
            }
        }
    }

    /// A primitive, or a string enum when every listed value is a string. Integer, number and
    /// boolean enums are their primitive type; an untyped enum takes the type its values share,
    /// and mixed values any JSON value.
    pub(super) fn enumeration(&mut self, schema: &Schema, primitive: &str) -> Shape {
        let values: Vec<&Value> =
            schema.enum_values.iter().flatten().map(|n| &n.value).filter(|v| **v != Value::Null).collect();
        let strings: Option<Vec<String>> = values
            .iter()
            .map(|v| match v {
                Value::Str(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        match strings {
            Some(strings) if primitive == "string" && !strings.is_empty() => {
                Shape::Def(string_enum(&strings))
            }
            _ => Shape::Plain(primitive_ty(primitive, schema.format.as_deref())),
        }
    }

    pub(super) fn array(&mut self, schema: &Schema, hint: &str) -> Shape {
        let item = match &schema.items {
            Some(items) => self.ty(items, &format!("{hint}Item")),
            None => Ty::Json,
        };
        Shape::Plain(Ty::Vec(Box::new(item)))
    }

    pub(super) fn object(&mut self, schema: &Schema, hint: &str) -> Shape {
        if schema.properties.is_empty() {
            let value = match &schema.additional {
                Additional::Schema(values) => self.ty(values, &format!("{hint}Value")),
                _ => Ty::Json,
            };
            return Shape::Plain(Ty::Map(Box::new(value)));
        }
        let mut fields = self.fields(&schema.properties, &schema.required, hint);
        if let Additional::Schema(values) = &schema.additional {
            let value = self.ty(values, &format!("{hint}Value"));
            let mut used = NameTable::default();
            for field in &fields {
                used.reserve(&field.rust);
            }
            let mut docs = Docs::default();
            docs.push(Some("Properties beyond the ones listed above (`additionalProperties`)."));
            fields.push(Field {
                rust: used.claim("additional_properties"),
                wire: String::new(),
                ty: Ty::Map(Box::new(value)),
                required: true,
                place: FieldPlace::Additional,
                fixed: None,
                docs,
            });
        }
        Shape::Def(TypeKind::Struct(Struct { fields }))
    }

    /// Struct fields for `properties`, named uniquely within the struct.
    pub fn fields(&mut self, properties: &[(String, Schema)], required: &[String], hint: &str) -> Vec<Field> {
        let mut used = NameTable::default();
        properties
            .iter()
            .map(|(wire, prop)| {
                let rust = used.claim(&snake_name(wire));
                let ty = self.ty(prop, &format!("{hint}{}", type_name(wire)));
                let mut docs = Docs::default();
                docs.push(prop.title.as_deref())
                    .push(prop.description.as_deref())
                    .example(prop.example.as_ref())
                    .deprecated(prop.deprecated);
                let fixed = constant_strings_of(prop).filter(|_| matches!(ty, Ty::String | Ty::Named(_)));
                Field {
                    rust,
                    wire: wire.clone(),
                    ty,
                    required: required.contains(wire),
                    place: FieldPlace::Body,
                    fixed,
                    docs,
                }
            })
            .collect()
    }

    pub(super) fn all_of(&mut self, schema: &Schema, hint: &str) -> Shape {
        if schema.all_of.len() == 1 && schema.properties.is_empty() {
            return Shape::Plain(without_option(self.ty(&schema.all_of[0], hint)));
        }
        let merged = crate::spec::merge_all_of(self.spec, schema);
        let properties: Vec<(String, Schema)> =
            merged.properties.iter().map(|(name, prop)| ((*name).to_owned(), (*prop).clone())).collect();
        let required: Vec<String> = merged.required.iter().map(|name| (*name).to_owned()).collect();
        let fields = self.fields(&properties, &required, hint);
        Shape::Def(TypeKind::Struct(Struct { fields }))
    }
}

/// The one string a schema allows, if it allows only one.
pub(super) fn constant_strings_of(schema: &Schema) -> Option<String> {
    match (&schema.const_value, &schema.enum_values) {
        (Some(c), _) => c.as_str().map(str::to_owned),
        (None, Some(values)) if values.len() == 1 => {
            values.first().and_then(|v| v.as_str()).map(str::to_owned)
        }
        _ => None,
    }
}

pub(super) fn schema_without_types(schema: &Schema) -> Schema {
    Schema { types: Vec::new(), ..schema.clone() }
}

/// The JSON type every non-null value of an untyped `enum` has, if they share one.
fn shared_kind(schema: &Schema) -> Option<&'static str> {
    let mut kinds = schema.enum_values.iter().flatten().filter_map(|n| match n.value {
        Value::Null => None,
        Value::Str(_) => Some("string"),
        Value::Int(_) => Some("integer"),
        Value::Float(_) => Some("number"),
        Value::Bool(_) => Some("boolean"),
        _ => Some("any"),
    });
    let first = kinds.next().unwrap_or("string");
    (first != "any" && kinds.all(|k| k == first)).then_some(first)
}

/// The type of a `const` without a `type`: the kind of its value.
fn const_ty(value: Option<&crate::yaml::Node>) -> Ty {
    match value.map(|v| &v.value) {
        Some(Value::Str(_)) => Ty::String,
        Some(Value::Int(_)) => Ty::I64,
        Some(Value::Float(_)) => Ty::F64,
        Some(Value::Bool(_)) => Ty::Bool,
        _ => Ty::Json,
    }
}

fn primitive_ty(name: &str, format: Option<&str>) -> Ty {
    match (name, format) {
        ("string", Some("date-time")) => Ty::DateTime,
        ("string", Some("date")) => Ty::Date,
        ("integer", Some("int32")) => Ty::I32,
        ("integer", _) => Ty::I64,
        ("number", Some("float")) => Ty::F32,
        ("number", _) => Ty::F64,
        ("boolean", _) => Ty::Bool,
        _ => Ty::String,
    }
}

fn string_enum(values: &[String]) -> TypeKind {
    let mut used = NameTable::default();
    let variants: Vec<EnumVariant> = values
        .iter()
        .map(|wire| EnumVariant { rust: used.claim(&type_name(wire)), wire: wire.clone() })
        .collect();
    let catch_all = used.claim("Unknown");
    TypeKind::StringEnum { variants, catch_all }
}
