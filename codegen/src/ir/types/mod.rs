//! Schemas to Rust types: one place that decides what each JSON Schema keyword becomes.
//!
//! | concern | module |
//! |---|---|
//! | the builder: components, naming, usage, `$ref` cycles of aliases | here |
//! | one schema's shape: primitives, enums, arrays, objects, `allOf` | `shape` |
//! | `oneOf`/`anyOf`: variants, tags, labels | `union` |

mod shape;
mod union;

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;

use crate::diag::Diagnostics;
use crate::ir::graph;
use crate::ir::{Docs, Ty, TypeDef, TypeKind};
use crate::names::unshadowed_type_name;
use crate::names::NameTable;
use crate::spec::{Schema, Spec};
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
            names: NameTable::for_types(),
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
            let rust = unshadowed_type_name(name);
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
    pub fn define_reachable_components(&mut self, all: bool) {
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

/// The type without the `Option` nullability added (an owned value; see [`Ty::unwrapped`]
/// for a reference without `Option` and `Box`).
fn without_option(ty: Ty) -> Ty {
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
