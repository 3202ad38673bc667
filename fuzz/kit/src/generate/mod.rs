//! Python values of a [`Shape`], and near-misses, built from the fuzzer's bytes.
//!
//! A value is generated top-down in the order extraction reads it (struct fields in
//! declaration order, items in sequence order, dict entries in insertion order). In a
//! near-miss case one node — picked by a countdown read from the input — gets a value the
//! shape refuses, and the generator records where it is and which error it must cause.
//! Whatever the generator cannot vouch for (an `Any` or `Hint` part read before the
//! near-miss, a near-miss inside an enum whose other variants might accept it) turns the
//! expectation into [`Expect::Either`].
mod misses;
mod unknown;
mod values;

use crate::input::Input;
use crate::py::{helpers, Helpers};
use bind::prelude::*;
use bind::reflect::TypeHint;
use bind::shape::{Shape, Source, StructShape};

/// What extraction must do with a generated value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A value of the shape: extraction must succeed.
    Accept,
    /// A near-miss: extraction must fail this way.
    Reject(Rejection),
    /// Extraction fails this way, or succeeds: a value nested too deep (or containing
    /// itself) inside an enum, whose earlier variants may accept it; an enum lets
    /// `RecursionError` through.
    RejectUnlessAccepted(Rejection),
    /// Either outcome is right (part of the value is of unknown shape, or the near-miss
    /// sits in an enum variant that another variant may accept); a failure must still be
    /// an ordinary exception.
    Either,
}

/// The failure a near-miss must cause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// Where the near-miss is, as bind writes paths (`['tags'][1]`, `.x`); a conversion
    /// error's message must start with it (a codec error's must contain it).
    pub path: String,
    /// The error expected.
    pub error: ErrorKind,
    /// What the near-miss is, for reports.
    pub what: String,
}

/// The kind of error a near-miss must raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `TypeError`, `ValueError` (`UnicodeEncodeError` included) or `OverflowError`,
    /// naming the path.
    Conversion,
    /// The kit's `KitError`, raised by a hostile object (`__getattr__`, `__getitem__`,
    /// `__len__`, `__index__`, `__float__`): it must come through unchanged.
    Raised,
    /// `RecursionError`: input nested deeper than the recursion limit, or containing
    /// itself.
    Recursion,
}

/// Which values [`Case::generate`] builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Only values of the shape.
    Valid,
    /// A near-miss (unless the countdown outlives the value, which is then valid).
    NearMiss,
    /// The first input byte decides.
    Mixed,
}

/// One generated input: a Python value and what extraction must do with it.
pub struct Case<'py> {
    /// The value.
    pub value: Owned<'py, PyAny>,
    /// What extraction must do with it.
    pub expect: Expect,
    /// The shape it was generated from.
    pub shape: Shape,
}

impl<'py> Case<'py> {
    /// Builds a value of `shape` (or a near-miss) from the fuzzer's `data`.
    pub fn generate(gil: Gil<'py>, shape: Shape, data: &[u8], mode: Mode) -> PyResult<Case<'py>> {
        let mut input = Input::new(data);
        let near = match mode {
            Mode::Valid => false,
            Mode::NearMiss => true,
            Mode::Mixed => input.flag(),
        };
        let countdown = near.then(|| input.below(10) as u32);
        let mut g = Gen::new(gil, input, countdown);
        let value = g.value(shape)?;
        let expect = match g.injected {
            Some((rejection, Certainty::Certain)) => Expect::Reject(rejection),
            Some((rejection, Certainty::UnlessAccepted)) => Expect::RejectUnlessAccepted(rejection),
            Some((_, Certainty::Open)) => Expect::Either,
            None if g.uncertain => Expect::Either,
            None => Expect::Accept,
        };
        Ok(Case {
            value,
            expect,
            shape,
        })
    }

    /// `repr` of the value, cut to a readable length.
    pub fn describe(&self) -> String {
        crate::py::short_repr(self.value.gil(), &self.value)
    }
}

/// How deep generation goes before it gives up on a shape (a guard: Rust types are finite).
const MAX_DEPTH: u32 = 48;

/// Names for extra keys and attributes (never a field's own name: checked).
const EXTRA_NAMES: [&str; 4] = ["extra", "_unused", "X", "kit"];

/// Names of the entries of `Any` dicts and objects: common field names, so that some fit.
const ANY_NAMES: [&str; 8] = ["x", "y", "id", "name", "tags", "children", "value", "r"];

/// One step from a struct down to a value of the same struct (a recursive type).
#[derive(Clone, Copy, Debug)]
enum Step {
    /// Field `i` of a struct or variant.
    Field(usize),
    /// Variant `k` of an enum (followed by a `Field`).
    Variant(usize),
    /// An item of a sequence or array.
    Item,
    /// The value of an `Option`.
    Some,
    /// A value of a map.
    Value,
}

/// How sure the generator is of a near-miss's failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Certainty {
    /// It fails as recorded.
    Certain,
    /// It fails as recorded or an enum variant accepts it.
    UnlessAccepted,
    /// Anything may happen (a part of unknown shape is read first, or an enum turns the
    /// error into its own).
    Open,
}

/// A walker that keeps the path of the node it is at, as bind writes paths.
pub(crate) trait AtPath: Sized {
    /// The path so far.
    fn path(&mut self) -> &mut String;

    /// Runs `f` one path segment deeper.
    fn at<R>(&mut self, segment: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        let len = self.path().len();
        self.path().push_str(segment);
        let out = f(self);
        self.path().truncate(len);
        out
    }
}

impl AtPath for Gen<'_, '_> {
    fn path(&mut self) -> &mut String {
        &mut self.path
    }
}

/// How [`Gen::structure`] departs from a valid value.
#[derive(Clone, Copy)]
enum Tweak<'s, 'py> {
    /// A valid value.
    None,
    /// Field `i` is left out (a near-miss when it has no default).
    Omit(usize),
    /// Field `i` follows `steps` down to `marker` (recursive values).
    Chain(usize, &'s [Step], &'s Owned<'py, PyAny>),
}

/// The generator's state while it builds one value.
pub(crate) struct Gen<'py, 'd> {
    pub(crate) gil: Gil<'py>,
    pub(crate) h: &'static Helpers,
    pub(crate) input: Input<'d>,
    /// The path of the node being generated.
    path: String,
    /// Nodes left before the near-miss (`None`: none planned, or already placed).
    pub(crate) countdown: Option<u32>,
    /// The near-miss placed, and how certain its failure is.
    injected: Option<(Rejection, Certainty)>,
    /// Whether a value of unknown shape was generated (read before anything that follows).
    pub(crate) uncertain: bool,
    /// The next node is the inside of an `Option` (`None` is no near-miss there).
    optional: bool,
    /// Enums around the node being generated.
    enums: u32,
    /// Container items left.
    budget: u32,
    depth: u32,
}

/// A key's path segment text: its `repr`, cut as bind cuts it.
fn key_repr(repr: &str) -> String {
    const MAX_KEY_REPR: usize = 40;
    if repr.chars().count() > MAX_KEY_REPR {
        let mut cut: String = repr.chars().take(MAX_KEY_REPR - 1).collect();
        cut.push('…');
        cut
    } else {
        repr.to_owned()
    }
}

/// `'text'` quoted as bind quotes string keys in paths.
fn str_key_repr(key: &str) -> String {
    if key.contains('\'') && !key.contains('"') {
        format!("\"{key}\"")
    } else {
        format!("'{}'", key.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

/// Whether valid values of `shape` can be dict keys and set items.
fn hashable(shape: Shape) -> bool {
    match shape {
        Shape::Str | Shape::Char | Shape::Int { .. } | Shape::Bool | Shape::None => true,
        Shape::Tuple(items) => items.iter().all(|s| hashable(*s)),
        Shape::Optional(inner) => hashable(*inner),
        Shape::Seq(item) | Shape::Array(item, _) => is_byte(*item),
        _ => false,
    }
}

/// Whether `shape` is `u8` (sequences of it are `bytes`).
pub(crate) fn is_byte(shape: Shape) -> bool {
    matches!(
        shape,
        Shape::Int {
            bits: 8,
            signed: false,
            nonzero: false
        }
    )
}

/// Whether a list (of lists, …) surely fails to convert to `shape`, with an error at or
/// below the node.
fn rejects_lists(shape: Shape) -> bool {
    match shape {
        Shape::None
        | Shape::Bool
        | Shape::Int { .. }
        | Shape::Float { .. }
        | Shape::Str
        | Shape::Char
        | Shape::Tuple(_)
        | Shape::Map(..)
        | Shape::Set(_) => true,
        Shape::Optional(inner) | Shape::Seq(inner) => rejects_lists(*inner),
        Shape::Array(inner, n) => n > 0 && rejects_lists(*inner),
        _ => false,
    }
}

/// The smallest and largest value of an integer type (`(min, max)`), as `i128`/`u128`
/// halves: `min` is `<= 0`, `max >= 0`.
fn int_range(bits: u8, signed: bool) -> (i128, u128) {
    let bits = u32::from(bits).clamp(1, 128);
    if signed {
        let max = (1u128 << (bits - 1)) - 1;
        (-(max as i128) - 1, max)
    } else {
        (
            0,
            if bits == 128 {
                u128::MAX
            } else {
                (1u128 << bits) - 1
            },
        )
    }
}

/// The `array.array` typecode of a Rust number type, if there is one.
fn typecode(shape: Shape) -> Option<&'static str> {
    Some(match shape {
        Shape::Int {
            bits,
            signed,
            nonzero: false,
        } => match (bits, signed) {
            (8, true) => "b",
            (8, false) => "B",
            (16, true) => "h",
            (16, false) => "H",
            (32, true) => "i",
            (32, false) => "I",
            (64, true) => "q",
            (64, false) => "Q",
            _ => return None,
        },
        Shape::Float { bits: 32 } => "f",
        Shape::Float { bits: 64 } => "d",
        _ => return None,
    })
}

/// The chain of steps from `shape` down to the struct `target`, if there is one.
fn chain_to(
    target: &'static StructShape,
    shape: Shape,
    visited: &mut Vec<*const StructShape>,
) -> Option<Vec<Step>> {
    let prepend = |step: Step, mut rest: Vec<Step>| {
        rest.insert(0, step);
        rest
    };
    match shape {
        Shape::Struct(f) => {
            let s = f();
            if std::ptr::eq(s, target) {
                return Some(Vec::new());
            }
            fields_chain(target, s, visited)
        }
        Shape::Enum(f) => f().variants.iter().enumerate().find_map(|(k, v)| {
            if std::ptr::eq(v, target) {
                // The enum holds the target variant's value.
                return Some(Vec::new());
            }
            fields_chain(target, v, visited).map(|rest| prepend(Step::Variant(k), rest))
        }),
        Shape::Seq(item) => chain_to(target, *item, visited).map(|r| prepend(Step::Item, r)),
        Shape::Array(item, n) if n > 0 => {
            chain_to(target, *item, visited).map(|r| prepend(Step::Item, r))
        }
        Shape::Optional(inner) => chain_to(target, *inner, visited).map(|r| prepend(Step::Some, r)),
        Shape::Map(k, v) if hashable(*k) => {
            chain_to(target, *v, visited).map(|r| prepend(Step::Value, r))
        }
        _ => None,
    }
}

/// The chain from one of the fields of `s` down to `target`.
fn fields_chain(
    target: &'static StructShape,
    s: &'static StructShape,
    visited: &mut Vec<*const StructShape>,
) -> Option<Vec<Step>> {
    if visited.iter().any(|&v| std::ptr::eq(v, s)) {
        return None;
    }
    visited.push(s);
    s.fields.iter().enumerate().find_map(|(i, f)| {
        chain_to(target, (f.shape)(), visited).map(|mut rest| {
            rest.insert(0, Step::Field(i));
            rest
        })
    })
}

/// The path segment of a field read from `source` (empty for the whole object).
fn segment(gil: Gil<'_>, source: Source) -> PyResult<String> {
    Ok(match source {
        Source::Attr(name) => format!(".{name}"),
        Source::Item(key) => format!("[{}]", str_key_repr(key)),
        Source::Key(key) => {
            let repr = key.to_object(gil)?.repr()?.to_string_lossy().into_owned();
            format!("[{}]", key_repr(&repr))
        }
        Source::Index(i) => format!("[{i}]"),
        Source::Whole => String::new(),
    })
}

/// Whether a field has a default (may be absent).
fn has_default(s: &StructShape, i: usize) -> bool {
    s.input.fields[i].default.is_some()
}

/// Whether `s` reads its fields from the object itself (`transparent`, newtypes).
fn is_transparent(s: &StructShape) -> bool {
    s.input.fields.len() == 1 && matches!(s.input.fields[0].source, Source::Whole)
}

impl<'py, 'd> Gen<'py, 'd> {
    /// A generator reading `input`, placing a near-miss at node `countdown` if given.
    pub(crate) fn new(gil: Gil<'py>, mut input: Input<'d>, countdown: Option<u32>) -> Self {
        let budget = 4 + input.below(24) as u32;
        Gen {
            gil,
            h: helpers(gil),
            input,
            path: String::new(),
            countdown,
            injected: None,
            uncertain: false,
            optional: false,
            enums: 0,
            budget,
            depth: 0,
        }
    }

    pub(crate) fn call(
        &self,
        f: &Handle<PyAny>,
        args: impl bind::types::IntoArgs<'py>,
    ) -> PyResult<Owned<'py, PyAny>> {
        f.bind(self.gil).call1(args)
    }

    /// Runs `f` for parts extraction never reads (after the near-miss): their uncertainty
    /// does not count.
    fn ignored<R>(&mut self, f: impl FnOnce(&mut Self) -> R) -> R {
        let uncertain = self.uncertain;
        let out = f(self);
        self.uncertain = uncertain;
        out
    }

    /// Places the near-miss here: extraction must fail with `error` at the current path.
    fn record(&mut self, error: ErrorKind, what: impl Into<String>) {
        let certain = if self.uncertain {
            Certainty::Open
        } else if self.enums == 0 {
            Certainty::Certain
        } else if error == ErrorKind::Recursion {
            Certainty::UnlessAccepted
        } else {
            Certainty::Open
        };
        let rejection = Rejection {
            path: self.path.clone(),
            error,
            what: what.into(),
        };
        self.injected = Some((rejection, certain));
        self.countdown = None;
    }

    /// Records a near-miss without children and returns its value.
    fn miss(
        &mut self,
        error: ErrorKind,
        what: &str,
        value: Owned<'py, PyAny>,
    ) -> PyResult<Option<Owned<'py, PyAny>>> {
        self.record(error, what);
        Ok(Some(value))
    }

    /// A container length: up to `max`, within the budget.
    fn length(&mut self, max: usize) -> usize {
        if self.budget == 0 {
            return 0;
        }
        let n = self.input.below(max + 1).min(self.budget as usize);
        self.budget -= n as u32;
        n
    }

    fn value(&mut self, shape: Shape) -> PyResult<Owned<'py, PyAny>> {
        let optional = std::mem::take(&mut self.optional);
        if self.depth >= MAX_DEPTH {
            self.uncertain = true;
            return Ok(self.gil.none().into_any());
        }
        self.depth += 1;
        let out = self.node(shape, optional);
        self.depth -= 1;
        out
    }

    /// The value of one node; `optional`: the node is the inside of an `Option`.
    fn node(&mut self, shape: Shape, optional: bool) -> PyResult<Owned<'py, PyAny>> {
        match self.countdown {
            Some(0) => {
                self.countdown = None;
                if let Some(v) = self.near_miss(shape)? {
                    if optional {
                        self.undo_none(&v);
                    }
                    return Ok(v);
                }
                // No near-miss for this shape: the next node gets it.
                if self.injected.is_none() {
                    self.countdown = Some(0);
                }
            }
            Some(n) => self.countdown = Some(n - 1),
            None => {}
        }
        self.valid(shape)
    }
}

/// The field index a chain starts with.
fn field_of(chain: &[Step]) -> usize {
    match chain.first() {
        Some(Step::Field(i)) => *i,
        _ => unreachable!("a chain from a struct starts with a field"),
    }
}
