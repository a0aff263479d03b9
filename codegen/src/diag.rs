//! Problems found in a spec, with where they are.
//!
//! Passes push [`Diagnostic`]s into a [`Diagnostics`] collector and carry on, so one build
//! reports every problem at once instead of the first one.

use std::fmt;

/// A 1-based line and column in the spec file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub col: usize,
}

impl Loc {
    /// A location.
    pub fn new(line: usize, col: usize) -> Self {
        Loc { line, col }
    }
}

/// The start of the file.
impl Default for Loc {
    fn default() -> Self {
        Loc::new(1, 1)
    }
}

/// One problem in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong and what to do about it.
    pub message: String,
    /// Where in the file, when known.
    pub loc: Option<Loc>,
    /// Where in the document, as a JSON pointer (`#/components/schemas/X`), when known.
    pub pointer: Option<String>,
    /// The macro argument at fault, when the problem is in the arguments, not the spec.
    pub argument: Option<Argument>,
}

/// A value in the macro's `tags = [..]` or `operations = [..]` lists, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Argument {
    /// `tags[i]`.
    Tag(usize),
    /// `operations[i]`.
    Operation(usize),
}

impl Diagnostic {
    /// A problem with a location but no document path (syntax errors).
    pub fn at(message: impl Into<String>, loc: Loc) -> Self {
        Diagnostic { message: message.into(), loc: Some(loc), pointer: None, argument: None }
    }

    /// A problem at a node of the document.
    pub fn node(message: impl Into<String>, loc: Loc, pointer: &str) -> Self {
        Diagnostic {
            message: message.into(),
            loc: Some(loc),
            pointer: Some(format!("#{pointer}")),
            argument: None,
        }
    }

    /// A problem with a macro argument.
    pub fn argument(message: impl Into<String>, argument: Argument) -> Self {
        Diagnostic { message: message.into(), loc: None, pointer: None, argument: Some(argument) }
    }

    /// The message as shown to the user: `file:line:col: message (at #/pointer)`.
    pub fn render(&self, file: &str) -> String {
        let mut out = match self.loc {
            Some(loc) => format!("{file}:{}:{}: {}", loc.line, loc.col, self.message),
            None => format!("{file}: {}", self.message),
        };
        if let Some(pointer) = &self.pointer {
            out.push_str(&format!(" (at {pointer})"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("<spec>"))
    }
}

/// Collects diagnostics across passes, and decides what a deviation from the OpenAPI
/// standard that publishers really ship is: accepted (the default), or an error (`strict`).
#[derive(Debug, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
    strict: bool,
}

impl Diagnostics {
    /// A collector that reports every deviation as an error (`strict = true`).
    #[must_use]
    pub fn strict() -> Self {
        Diagnostics { list: Vec::new(), strict: true }
    }

    /// Records a deviation that the spec's meaning survives: an error only in strict mode.
    /// Returns true when it was accepted, so the caller applies its lenient meaning.
    pub fn deviation(&mut self, message: impl Into<String>, loc: Loc, pointer: &str) -> bool {
        if self.strict {
            self.error(message, loc, pointer);
        }
        !self.strict
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if !self.list.contains(&diagnostic) {
            self.list.push(diagnostic);
        }
    }

    /// Records a problem at a node.
    pub fn error(&mut self, message: impl Into<String>, loc: Loc, pointer: &str) {
        self.push(Diagnostic::node(message, loc, pointer));
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The problems, ordered by their place in the file.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.list.sort_by_key(|d| d.loc);
        self.list
    }
}
