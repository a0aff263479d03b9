//! JSON Schema objects: the model and how each keyword is read.

use crate::diag::Loc;
use crate::spec::reader::{child_ptr, Reader};
use crate::yaml::{Node, Value};

/// A schema object.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    /// JSON pointer of the schema.
    pub ptr: String,
    /// Where it starts.
    pub loc: Loc,
    /// `$ref` to `#/components/schemas/<name>`: the name.
    pub reference: Option<String>,
    /// `type`, as a list (`type: [string, 'null']` is two entries).
    pub types: Vec<String>,
    /// `format`.
    pub format: Option<String>,
    /// `contentMediaType` (OpenAPI 3.1's way to mark a file part).
    pub content_media_type: Option<String>,
    /// `enum`.
    pub enum_values: Option<Vec<Node>>,
    /// `const`.
    pub const_value: Option<Node>,
    /// `properties`, in document order.
    pub properties: Vec<(String, Schema)>,
    /// `required`.
    pub required: Vec<String>,
    /// `additionalProperties`.
    pub additional: Additional,
    /// `items`.
    pub items: Option<Box<Schema>>,
    /// `oneOf`.
    pub one_of: Vec<Schema>,
    /// `anyOf`.
    pub any_of: Vec<Schema>,
    /// `allOf`.
    pub all_of: Vec<Schema>,
    /// OpenAPI 3.0 `nullable: true`.
    pub nullable: bool,
    /// `title`.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `example` (or the first of `examples`).
    pub example: Option<Node>,
    /// `deprecated`.
    pub deprecated: bool,
    /// `discriminator`.
    pub discriminator: Option<Discriminator>,
}

/// `additionalProperties`.
#[derive(Debug, Clone, Default)]
pub enum Additional {
    /// Not given.
    #[default]
    Absent,
    /// `true` or `false`.
    Allowed(bool),
    /// A schema for the values.
    Schema(Box<Schema>),
}

/// `discriminator`.
#[derive(Debug, Clone)]
pub struct Discriminator {
    /// `propertyName`.
    pub property: String,
    /// `mapping`: tag value -> `$ref`.
    pub mapping: Vec<(String, String)>,
}

impl Schema {
    /// True when `type` lists `null` or `nullable: true` is set.
    pub fn allows_null(&self) -> bool {
        self.nullable || self.types.iter().any(|t| t == "null")
    }

    /// True for exactly `{type: 'null'}`.
    pub fn is_null_only(&self) -> bool {
        self.types.len() == 1 && self.types[0] == "null" && self.reference.is_none()
    }
}

/// Keywords that only constrain or annotate values; accepted and not reflected in types.
const ANNOTATIONS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "default",
    "readOnly",
    "writeOnly",
    "externalDocs",
    "xml",
    "$schema",
    "$id",
    "$comment",
    "contentEncoding",
    "examples",
];

/// Keywords whose meaning the generated types cannot express.
const UNSUPPORTED: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "patternProperties",
    "prefixItems",
    "contains",
    "minContains",
    "maxContains",
    "propertyNames",
    "dependentSchemas",
    "dependentRequired",
    "unevaluatedProperties",
    "unevaluatedItems",
    "$dynamicRef",
    "$dynamicAnchor",
    "$anchor",
    "$defs",
    "definitions",
];

/// Every keyword read below, for "did you mean" on typos.
const READ: &[&str] = &[
    "$ref",
    "type",
    "format",
    "enum",
    "const",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "oneOf",
    "anyOf",
    "allOf",
    "nullable",
    "title",
    "description",
    "example",
    "deprecated",
    "discriminator",
    "contentMediaType",
];

impl Reader<'_> {
    /// Reads a schema object at `node`.
    pub(crate) fn schema(&mut self, node: &Node, ptr: &str) -> Schema {
        let mut schema = Schema { ptr: ptr.to_owned(), loc: node.loc, ..Schema::default() };
        let Some(entries) = self.mapping(node, ptr, "a schema") else { return schema };
        for (key, value) in entries {
            let at = child_ptr(ptr, &key.text);
            let word = key.text.as_str();
            match word {
                "$ref" => schema.reference = self.schema_ref(value, &at),
                "type" => schema.types = self.type_list(value, &at),
                "format" => schema.format = self.string(value, &at),
                "contentMediaType" => schema.content_media_type = self.string(value, &at),
                "enum" => schema.enum_values = self.sequence(value, &at).map(<[Node]>::to_vec),
                "const" => schema.const_value = Some(value.clone()),
                "properties" => {
                    if let Some(props) = self.mapping(value, &at, "a mapping of properties") {
                        for (name, prop) in props {
                            let prop_ptr = child_ptr(&at, &name.text);
                            schema.properties.push((name.text.clone(), self.schema(prop, &prop_ptr)));
                        }
                    }
                }
                "required" => schema.required = self.string_list(value, &at),
                "additionalProperties" => {
                    schema.additional = match value.value {
                        Value::Bool(b) => Additional::Allowed(b),
                        _ => Additional::Schema(Box::new(self.schema(value, &at))),
                    }
                }
                "items" => {
                    if matches!(value.value, Value::Seq(_)) {
                        self.diags.error(
                            "`items` as a list (tuple validation) is not supported; give one schema for every element",
                            value.loc,
                            &at,
                        );
                    } else {
                        schema.items = Some(Box::new(self.schema(value, &at)));
                    }
                }
                "oneOf" | "anyOf" | "allOf" => {
                    let mut list = Vec::new();
                    if let Some(items) = self.sequence(value, &at) {
                        for (i, item) in items.iter().enumerate() {
                            list.push(self.schema(item, &format!("{at}/{i}")));
                        }
                    }
                    match word {
                        "oneOf" => schema.one_of = list,
                        "anyOf" => schema.any_of = list,
                        _ => schema.all_of = list,
                    }
                }
                "nullable" => schema.nullable = self.boolean(value, &at).unwrap_or(false),
                "title" => schema.title = self.string(value, &at),
                "description" => schema.description = self.string(value, &at),
                "example" => schema.example = Some(value.clone()),
                "deprecated" => schema.deprecated = self.boolean(value, &at).unwrap_or(false),
                "discriminator" => schema.discriminator = self.discriminator(value, &at),
                _ if word.starts_with("x-") || ANNOTATIONS.contains(&word) => {}
                _ if UNSUPPORTED.contains(&word) => self.diags.error(
                    format!("`{word}` is not supported: the generator cannot express it in Rust types; remove it or restate the schema without it"),
                    key.loc,
                    &at,
                ),
                _ => self.diags.error(
                    format!(
                        "unknown schema keyword `{word}`{}",
                        crate::names::did_you_mean(word, READ.iter().copied())
                    ),
                    key.loc,
                    &at,
                ),
            }
        }
        if schema.example.is_none() {
            if let Some(Value::Seq(examples)) = node.get("examples").map(|n| &n.value) {
                schema.example = examples.first().cloned();
            }
        }
        self.check_required_names(&schema, node);
        schema
    }

    /// `required` naming a property that is not there: a deviation, ignored by default. Only
    /// a plain object is checked: in composed schemas the name may belong to another part.
    fn check_required_names(&mut self, schema: &Schema, node: &Node) {
        let composed = schema.reference.is_some()
            || !schema.all_of.is_empty()
            || !schema.one_of.is_empty()
            || !schema.any_of.is_empty()
            || matches!(schema.additional, Additional::Schema(_));
        let Some(required) = node.get("required") else { return };
        if composed || schema.properties.is_empty() {
            return;
        }
        for name in &schema.required {
            if !schema.properties.iter().any(|(property, _)| property == name) {
                self.diags.deviation(
                    format!("`{name}` is required but not among the properties; it is ignored"),
                    required.loc,
                    &format!("{}/required", schema.ptr),
                );
            }
        }
    }

    fn schema_ref(&mut self, value: &Node, ptr: &str) -> Option<String> {
        let target = self.string(value, ptr)?;
        const PREFIX: &str = "#/components/schemas/";
        match target.strip_prefix(PREFIX) {
            Some(name) if !name.contains('/') => {
                let name = name.replace("~1", "/").replace("~0", "~");
                if self.root.pointer(&child_ptr("/components/schemas", &name)).is_none() {
                    let schemas = self
                        .root
                        .pointer("/components/schemas")
                        .map(crate::yaml::Node::keys)
                        .unwrap_or_default();
                    let hint = crate::names::did_you_mean(&name, schemas.iter().map(String::as_str));
                    self.diags.error(
                        format!("dangling `$ref`: `{target}` does not exist; define it under components/schemas or fix the name{hint}"),
                        value.loc,
                        ptr,
                    );
                    return None;
                }
                Some(name)
            }
            _ => {
                self.diags.error(
                    format!("unsupported schema `$ref` `{target}`: only `{PREFIX}<name>` references are supported"),
                    value.loc,
                    ptr,
                );
                None
            }
        }
    }

    fn type_list(&mut self, value: &Node, ptr: &str) -> Vec<String> {
        const TYPES: &[&str] = &["string", "integer", "number", "boolean", "array", "object", "null"];
        let names: Vec<(String, &Node)> = match &value.value {
            Value::Str(s) => vec![(s.clone(), value)],
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| self.string(item, &format!("{ptr}/{i}")).map(|s| (s, item)))
                .collect(),
            _ => {
                self.wrong_kind(value, ptr, "a type name or a list of type names");
                return Vec::new();
            }
        };
        names
            .into_iter()
            .filter(|(name, node)| {
                let known = TYPES.contains(&name.as_str());
                if !known {
                    self.diags.error(
                        format!(
                            "unknown type `{name}`{}",
                            crate::names::did_you_mean(name, TYPES.iter().copied())
                        ),
                        node.loc,
                        ptr,
                    );
                }
                known
            })
            .map(|(name, _)| name)
            .collect()
    }

    fn discriminator(&mut self, value: &Node, ptr: &str) -> Option<Discriminator> {
        let property = self.required_string(value, ptr, "propertyName")?;
        let mut mapping = Vec::new();
        if let Some(map) = value.get("mapping") {
            let at = format!("{ptr}/mapping");
            for (key, target) in
                self.mapping(map, &at, "a mapping of tag values to `$ref`s").unwrap_or_default()
            {
                if let Some(t) = self.string(target, &child_ptr(&at, &key.text)) {
                    mapping.push((key.text.clone(), t));
                }
            }
        }
        Some(Discriminator { property, mapping })
    }
}
