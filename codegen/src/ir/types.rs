//! Schemas to Rust types: one place that decides what each JSON Schema keyword becomes.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;

use crate::diag::Diagnostics;
use crate::ir::graph;
use crate::ir::names::NameTable;
use crate::ir::{Docs, EnumVariant, Field, FieldPlace, Struct, Ty, TypeDef, TypeKind, Union, UnionVariant};
use crate::names::{snake_name, type_name};
use crate::spec::{Additional, Discriminator, Schema, Spec};
use crate::yaml::Value;

/// A schema's type before it is named: either a plain type or a definition that needs a name.
enum Shape {
    Plain(Ty),
    Def(TypeKind),
}

/// Builds named types on demand, so only what the selected operations reach is generated.
pub struct TypeBuilder<'s> {
    spec: &'s Spec,
    /// Names in use.
    pub names: NameTable,
    /// Spec component name -> Rust name.
    components: IndexMap<String, String>,
    /// Components already defined or being defined.
    started: HashSet<String>,
    /// Components referenced but not yet defined.
    pending: Vec<String>,
    /// Definitions, keyed by Rust name, in the order they were finished.
    defs: IndexMap<String, TypeDef>,
    /// Types that requests send (get constructors, setters and three-state nullables).
    inputs: HashSet<String>,
    /// Types that responses return.
    outputs: HashSet<String>,
    /// Components in a `$ref` cycle with no type (reported; generated as JSON values).
    cyclic: HashSet<String>,
}

impl<'s> TypeBuilder<'s> {
    /// A builder for `spec`.
    pub fn new(spec: &'s Spec) -> Self {
        TypeBuilder {
            spec,
            names: NameTable::default(),
            components: IndexMap::new(),
            started: HashSet::new(),
            pending: Vec::new(),
            defs: IndexMap::new(),
            inputs: HashSet::new(),
            outputs: HashSet::new(),
            cyclic: HashSet::new(),
        }
    }

    /// Reserves the Rust name of every component schema, so inline types never take them.
    pub fn declare_components(&mut self, diags: &mut Diagnostics) {
        let mut owner: HashMap<String, &str> = HashMap::new();
        for (name, schema) in &self.spec.schemas {
            let rust = type_name(name);
            if let Some(first) = owner.get(&rust) {
                diags.error(
                    format!("schemas `{first}` and `{name}` both become the Rust type `{rust}`; rename one of them"),
                    schema.loc,
                    &schema.ptr,
                );
                continue;
            }
            owner.insert(rust.clone(), name);
            self.names.reserve(&rust);
            self.components.insert(name.clone(), rust);
        }
    }

    /// Reports `$ref` chains that loop without passing through an object, array or map: such
    /// a cycle would be a type alias of itself, which no `Box` can break.
    /// Their members become untyped JSON values, so the rest of the expansion still compiles.
    pub fn check_alias_cycles(&mut self, diags: &mut Diagnostics) {
        for (start, schema) in &self.spec.schemas {
            if self.cyclic.contains(start) {
                continue;
            }
            let mut chain = vec![start.as_str()];
            let mut current = schema;
            while let Some(next) = alias_target(current) {
                if next == start {
                    self.cyclic.extend(chain.iter().map(|c| (*c).to_owned()));
                    chain.push(next);
                    diags.error(
                        format!(
                            "`$ref` cycle {} has no object, array or map in it, so it has no Rust type; make one of them an object",
                            chain.join(" -> ")
                        ),
                        schema.loc,
                        &schema.ptr,
                    );
                    break;
                }
                if chain.contains(&next) {
                    break;
                }
                chain.push(next);
                match self.spec.schemas.get(next) {
                    Some(target) => current = target,
                    None => break,
                }
            }
        }
    }

    /// The Rust names of the spec's component schemas.
    pub fn component_names(&self) -> HashSet<String> {
        self.components.values().cloned().collect()
    }

    /// Defines every component referenced so far (and, with `all`, every component).
    pub fn emit_reachable_components(&mut self, all: bool) {
        if all {
            self.pending.extend(self.components.keys().cloned());
        }
        while let Some(name) = self.pending.pop() {
            self.define_component(&name);
        }
    }

    /// The definitions, in spec order of components first, then inline types as met, each
    /// with its [`Usage`] (with `both`, every type is sent and received).
    pub fn finish(mut self, both: bool) -> Vec<TypeDef> {
        let order: Vec<String> = self.components.values().cloned().collect();
        let mut out = Vec::with_capacity(self.defs.len());
        for name in &order {
            if let Some(def) = self.defs.shift_remove(name) {
                out.push(def);
            }
        }
        out.extend(self.defs.into_values());
        graph::assign_usage(&mut out, self.inputs, self.outputs, both);
        out
    }

    /// Marks the named types in `ty` as sent in requests; [`finish`](Self::finish) extends
    /// this to every type they contain, once all definitions exist.
    pub fn mark_input(&mut self, ty: &Ty) {
        self.inputs.extend(graph::named_in(ty));
    }

    /// Marks the named types in `ty` as returned by responses; [`finish`](Self::finish)
    /// extends this to every type they contain.
    pub fn mark_received(&mut self, ty: &Ty) {
        self.outputs.extend(graph::named_in(ty));
    }

    /// Adds a definition built elsewhere (parameter structs).
    pub fn add_def(&mut self, def: TypeDef) {
        self.defs.insert(def.name.clone(), def);
    }

    fn define_component(&mut self, name: &str) {
        if !self.started.insert(name.to_owned()) {
            return;
        }
        let (Some(schema), Some(rust)) = (self.spec.schemas.get(name), self.components.get(name).cloned())
        else {
            return;
        };
        let mut docs = Docs::default();
        docs.push(schema.title.as_deref()).push(schema.description.as_deref()).deprecated(schema.deprecated);
        if self.cyclic.contains(name) {
            let docs = docs.or(format!("The `{name}` schema (untyped: its `$ref` cycle has no Rust type)."));
            self.defs.insert(rust.clone(), TypeDef::new(rust, docs, TypeKind::Alias(Ty::Json)));
            return;
        }
        let kind = match self.shape(schema, &rust) {
            Shape::Def(kind) if !schema.allows_null() => kind,
            Shape::Def(kind) => {
                // A nullable component: the named type is the value, the alias adds `Option`.
                let inner = self.names.claim(&format!("{rust}Value"));
                self.defs.insert(inner.clone(), TypeDef::new(inner.clone(), docs.clone(), kind));
                TypeKind::Alias(Ty::Option(Box::new(Ty::Named(inner))))
            }
            Shape::Plain(ty) => TypeKind::Alias(nullable(ty, schema.allows_null())),
        };
        self.defs.insert(rust.clone(), TypeDef::new(rust, docs, kind));
    }

    /// The type of a value described by `schema`; inline types are named from `hint`.
    /// Nullable schemas give `Option<T>`.
    pub fn ty(&mut self, schema: &Schema, hint: &str) -> Ty {
        let nullable_here = self.is_nullable(schema);
        let ty = match self.shape(schema, hint) {
            Shape::Plain(ty) => ty,
            Shape::Def(kind) => {
                let name = self.names.claim(hint);
                let mut docs = Docs::default();
                docs.push(schema.title.as_deref()).push(schema.description.as_deref());
                self.defs.insert(name.clone(), TypeDef::new(name.clone(), docs, kind));
                Ty::Named(name)
            }
        };
        match ty {
            Ty::Option(_) => ty,
            ty => nullable(ty, nullable_here),
        }
    }

    fn is_nullable(&self, schema: &Schema) -> bool {
        schema.allows_null()
            || schema.one_of.iter().chain(&schema.any_of).any(Schema::is_null_only)
            || (schema.enum_values.as_ref().is_some_and(|v| v.iter().any(|n| n.value == Value::Null)))
    }

    fn named(&mut self, component: &str) -> Ty {
        match self.components.get(component) {
            Some(rust) => {
                if !self.started.contains(component) {
                    self.pending.push(component.to_owned());
                }
                Ty::Named(rust.clone())
            }
            // Dangling or colliding references were reported when the spec was read.
            None => Ty::Json,
        }
    }

    fn shape(&mut self, schema: &Schema, hint: &str) -> Shape {
        if let Some(component) = &schema.reference {
            return Shape::Plain(self.named(component));
        }
        let alternatives: Vec<&Schema> =
            schema.one_of.iter().chain(&schema.any_of).filter(|s| !s.is_null_only()).collect();
        if !schema.one_of.is_empty() || !schema.any_of.is_empty() {
            return match alternatives.as_slice() {
                [] => Shape::Plain(Ty::Json),
                [only] => Shape::Plain(strip_option(self.ty(only, hint))),
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
    fn enumeration(&mut self, schema: &Schema, primitive: &str) -> Shape {
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

    fn array(&mut self, schema: &Schema, hint: &str) -> Shape {
        let item = match &schema.items {
            Some(items) => self.ty(items, &format!("{hint}Item")),
            None => Ty::Json,
        };
        Shape::Plain(Ty::Vec(Box::new(item)))
    }

    fn object(&mut self, schema: &Schema, hint: &str) -> Shape {
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
            let mut used: HashSet<String> = fields.iter().map(|f| f.rust.clone()).collect();
            let mut docs = Docs::default();
            docs.push(Some("Properties beyond the ones listed above (`additionalProperties`)."));
            fields.push(Field {
                rust: unique(&mut used, "additional_properties".to_owned()),
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
        let mut used = HashSet::new();
        properties
            .iter()
            .map(|(wire, prop)| {
                let rust = unique(&mut used, snake_name(wire));
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

    fn all_of(&mut self, schema: &Schema, hint: &str) -> Shape {
        if schema.all_of.len() == 1 && schema.properties.is_empty() {
            return Shape::Plain(strip_option(self.ty(&schema.all_of[0], hint)));
        }
        let merged = crate::spec::merge_all_of(self.spec, schema);
        let properties: Vec<(String, Schema)> =
            merged.properties.iter().map(|(name, prop)| ((*name).to_owned(), (*prop).clone())).collect();
        let required: Vec<String> = merged.required.iter().map(|name| (*name).to_owned()).collect();
        let fields = self.fields(&properties, &required, hint);
        Shape::Def(TypeKind::Struct(Struct { fields }))
    }

    /// The variant names of a union defined here, in order (empty for anything else).
    pub fn variant_names(&self, ty: &Ty) -> Vec<String> {
        match ty {
            Ty::Named(name) => match self.defs.get(name).map(|d| &d.kind) {
                Some(TypeKind::Union(u)) => u.variants.iter().map(|v| v.rust.clone()).collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// A named union of `alternatives` (several success bodies of one operation).
    /// `labels` name the variants that have no better name (a referenced schema's).
    pub fn union_ty(&mut self, alternatives: &[&Schema], hint: &str, labels: &[String]) -> Ty {
        let kind = self.union(alternatives, hint, None, labels);
        let name = self.names.claim(hint);
        let docs = Docs { paragraphs: vec![format!("One of the success responses of `{hint}`.")] };
        self.defs.insert(name.clone(), TypeDef::new(name.clone(), docs, kind));
        Ty::Named(name)
    }

    /// A union of `alternatives`; `labels` name the variants that have no better name.
    fn union(
        &mut self,
        alternatives: &[&Schema],
        hint: &str,
        discriminator: Option<&Discriminator>,
        labels: &[String],
    ) -> TypeKind {
        let mut used = HashSet::new();
        let mut variants: Vec<UnionVariant> = alternatives
            .iter()
            .enumerate()
            .map(|(i, alt)| {
                let component = self.components.get(alt.reference.as_deref().unwrap_or(""));
                let label = match (component, labels.get(i)) {
                    (None, Some(label)) => label.clone(),
                    _ => variant_label(alt, component, i),
                };
                let rust = unique(&mut used, label);
                let ty = self.ty(alt, &format!("{hint}{rust}"));
                UnionVariant { rust, ty, tags: Vec::new() }
            })
            .collect();
        let tag = self.union_tag(alternatives, discriminator);
        if let Some((_, values)) = &tag {
            for (variant, tags) in variants.iter_mut().zip(values) {
                variant.tags = tags.clone();
            }
        }
        let catch_all = unique(&mut used, "Unknown".to_owned());
        TypeKind::Union(Union { variants, tag: tag.map(|(property, _)| property), catch_all })
    }

    /// The property whose value selects a variant, with each variant's values; `None` when
    /// no property tells every variant apart.
    fn union_tag(
        &self,
        alternatives: &[&Schema],
        discriminator: Option<&Discriminator>,
    ) -> Option<(String, Vec<Vec<String>>)> {
        let objects: Vec<&Schema> = alternatives
            .iter()
            .map(|alt| alt.reference.as_ref().and_then(|r| self.spec.schemas.get(r)).unwrap_or(alt))
            .collect();
        let candidates: Vec<String> = match discriminator {
            Some(d) => vec![d.property.clone()],
            None => objects.first()?.properties.iter().map(|(name, _)| name.clone()).collect(),
        };
        'candidate: for property in candidates {
            let mut all = Vec::new();
            let mut seen = HashSet::new();
            for (alt, object) in alternatives.iter().zip(&objects) {
                let mut values: Vec<String> = discriminator
                    .map(|d| {
                        d.mapping
                            .iter()
                            .filter(|(_, target)| {
                                alt.reference
                                    .as_ref()
                                    .is_some_and(|r| target.rsplit('/').next() == Some(r.as_str()))
                            })
                            .map(|(value, _)| value.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                if values.is_empty() {
                    values = constant_strings(object, &property);
                }
                if values.is_empty() && discriminator.is_some() {
                    values.extend(alt.reference.clone());
                }
                if values.is_empty() || !values.iter().all(|v| seen.insert(v.clone())) {
                    continue 'candidate;
                }
                all.push(values);
            }
            return Some((property, all));
        }
        None
    }
}

/// The fixed values of `property` in an object schema: its `const`, or a one-value `enum`.
fn constant_strings(object: &Schema, property: &str) -> Vec<String> {
    let Some((_, prop)) = object.properties.iter().find(|(name, _)| name == property) else {
        return Vec::new();
    };
    constant_strings_of(prop).into_iter().collect()
}

/// The one string a schema allows, if it allows only one.
fn constant_strings_of(schema: &Schema) -> Option<String> {
    match (&schema.const_value, &schema.enum_values) {
        (Some(c), _) => c.as_str().map(str::to_owned),
        (None, Some(values)) if values.len() == 1 => {
            values.first().and_then(|v| v.as_str()).map(str::to_owned)
        }
        _ => None,
    }
}

/// The component a schema is only another name for: a `$ref`, a nullable `$ref`
/// (`oneOf: [$ref, null]`) or a single-part `allOf`.
fn alias_target(schema: &Schema) -> Option<&str> {
    if let Some(target) = &schema.reference {
        return Some(target);
    }
    let alternatives: Vec<&Schema> =
        schema.one_of.iter().chain(&schema.any_of).filter(|s| !s.is_null_only()).collect();
    match (alternatives.as_slice(), schema.all_of.as_slice()) {
        ([only], []) if schema.properties.is_empty() => alias_target(only),
        ([], [only]) if schema.properties.is_empty() => alias_target(only),
        _ => None,
    }
}

fn schema_without_types(schema: &Schema) -> Schema {
    Schema { types: Vec::new(), ..schema.clone() }
}

fn strip_option(ty: Ty) -> Ty {
    match ty {
        Ty::Option(inner) => *inner,
        other => other,
    }
}

fn nullable(ty: Ty, is_nullable: bool) -> Ty {
    if is_nullable && !matches!(ty, Ty::Json | Ty::Option(_)) {
        Ty::Option(Box::new(ty))
    } else {
        ty
    }
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
    let mut used = HashSet::new();
    let variants: Vec<EnumVariant> = values
        .iter()
        .map(|wire| EnumVariant { rust: unique(&mut used, type_name(wire)), wire: wire.clone() })
        .collect();
    let catch_all = unique(&mut used, "Unknown".to_owned());
    TypeKind::StringEnum { variants, catch_all }
}

/// A readable variant name: the referenced type, a constant tag value, or the JSON type.
fn variant_label(alt: &Schema, component: Option<&String>, index: usize) -> String {
    if let Some(rust) = component {
        return rust.clone();
    }
    let tag = alt.properties.iter().find_map(|(_, p)| {
        let single = match (&p.const_value, &p.enum_values) {
            (Some(c), _) => Some(c),
            (None, Some(values)) if values.len() == 1 => values.first(),
            _ => None,
        };
        single.and_then(|n| n.as_str()).map(type_name)
    });
    if let Some(tag) = tag {
        return tag;
    }
    match alt.types.iter().find(|t| *t != "null").map(String::as_str) {
        Some("object") | None if !alt.properties.is_empty() => format!("Variant{}", index + 1),
        Some(t) => type_name(t),
        None => format!("Variant{}", index + 1),
    }
}

fn unique(used: &mut HashSet<String>, name: String) -> String {
    let mut candidate = name.clone();
    let mut n = 2;
    while !used.insert(candidate.clone()) {
        candidate = format!("{name}{n}");
        n += 1;
    }
    candidate
}
