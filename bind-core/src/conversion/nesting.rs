//! A bound on how deep a conversion descends into nested values.
//!
//! Deeply nested input (a list inside a list a million times, a list containing itself,
//! an object whose attribute is itself) would otherwise recurse once per level on the
//! Rust stack until it overflows. Every recursive conversion enters one [`Nesting`] level
//! per step down; past the interpreter's recursion limit (`sys.getrecursionlimit()`), or
//! when less than [`STACK_MARGIN`] of the thread's stack is left (a level of a generic
//! conversion can take kilobytes of stack in a debug build, and threads may have small
//! stacks), it raises `RecursionError`, as CPython's own recursive operations do. A cycle
//! is thereby bounded too, and the cost stays linear in the input read.
use crate::err::PyResult;
use crate::exceptions::PyRecursionError;
use crate::ffi;
use crate::gil::Gil;
use std::cell::Cell;
use std::marker::PhantomData;

/// The stack a conversion leaves free for the levels between two checks and for
/// building the error (Linux; elsewhere only the recursion limit applies).
pub const STACK_MARGIN: usize = 256 * 1024;

/// This thread's conversion state, read and written with one thread-local access per
/// level (a thread-local in a shared library costs a call to `__tls_get_addr` each time).
#[derive(Clone, Copy)]
struct Levels {
    /// Levels entered on this thread (each thread converts on its own stack).
    depth: u32,
    /// The lowest usable address of this thread's stack, plus the margin (0: unknown,
    /// `usize::MAX`: not yet read).
    floor: usize,
}

thread_local! {
    static LEVELS: Cell<Levels> = const {
        Cell::new(Levels {
            depth: 0,
            floor: usize::MAX,
        })
    };
}

/// The address below which this thread's stack is too short to go deeper (0 if unknown).
#[cold]
fn read_stack_floor() -> usize {
    read_stack_low().map_or(0, |low| low.saturating_add(STACK_MARGIN))
}

/// The lowest address of the current thread's stack.
#[cfg(target_os = "linux")]
fn read_stack_low() -> Option<usize> {
    let mut attr = std::mem::MaybeUninit::<libc::pthread_attr_t>::uninit();
    // SAFETY: `attr` is filled by pthread_getattr_np on success and destroyed once after
    // it; the out-parameters are valid locals.
    unsafe {
        if libc::pthread_getattr_np(libc::pthread_self(), attr.as_mut_ptr()) != 0 {
            return None;
        }
        let mut addr = std::ptr::null_mut();
        let mut size = 0;
        let rc = libc::pthread_attr_getstack(attr.as_ptr(), &mut addr, &mut size);
        libc::pthread_attr_destroy(attr.as_mut_ptr());
        (rc == 0 && !addr.is_null()).then_some(addr as usize)
    }
}

#[cfg(not(target_os = "linux"))]
fn read_stack_low() -> Option<usize> {
    None
}

/// One level of a recursive conversion; leaving it (dropping) steps back up.
pub struct Nesting {
    _not_send: PhantomData<*const ()>,
}

impl Nesting {
    /// Enters one level deeper, or raises `RecursionError` past the limit.
    #[inline]
    pub fn enter(_gil: Gil<'_>) -> PyResult<Nesting> {
        // SAFETY: reading the recursion limit with the GIL held (the token).
        let limit = unsafe { ffi::Py_GetRecursionLimit() }.max(1) as u32;
        LEVELS.with(|cell| {
            let mut levels = cell.get();
            if levels.floor == usize::MAX {
                levels.floor = read_stack_floor();
            }
            let here = std::ptr::addr_of!(levels) as usize;
            if levels.depth >= limit || here < levels.floor {
                cell.set(levels);
                return Err(too_deep());
            }
            levels.depth += 1;
            cell.set(levels);
            Ok(Nesting {
                _not_send: PhantomData,
            })
        })
    }
}

impl Drop for Nesting {
    #[inline]
    fn drop(&mut self) {
        LEVELS.with(|cell| {
            let mut levels = cell.get();
            levels.depth -= 1;
            cell.set(levels);
        });
    }
}

/// The levels a conversion that counts its own depth may still descend, passed down by
/// value (the serde serializer carries one in each `Serializer`): [`Depth::deeper`] is a
/// comparison of two numbers, with no thread-local access, where [`Nesting::enter`] reads
/// and writes this thread's state at each level.
///
/// The budget is read once, from the levels entered on this thread when the conversion
/// starts; the levels it then descends are not recorded on the thread, so a conversion
/// started from inside it (a `Serialize` impl calling back into bind) starts from the
/// outer level again. Its own levels stay bounded by the recursion limit, and every level
/// still checks the stack, so even such re-entry raises `RecursionError` before the stack
/// runs out.
///
/// Not `Send`: the stack floor is this thread's.
#[derive(Clone, Copy)]
pub struct Depth {
    /// Levels left before `RecursionError`.
    left: u32,
    /// The lowest usable stack address (as `Levels::floor`, 0: unknown).
    floor: usize,
    _not_send: PhantomData<*const ()>,
}

impl Depth {
    /// What is left on this thread: the recursion limit (`sys.getrecursionlimit()`) minus
    /// the [`Nesting`] levels entered, and the stack this thread has.
    pub fn current(_gil: Gil<'_>) -> Depth {
        // SAFETY: reading the recursion limit with the GIL held (the token).
        let limit = unsafe { ffi::Py_GetRecursionLimit() }.max(1) as u32;
        LEVELS.with(|cell| {
            let mut levels = cell.get();
            if levels.floor == usize::MAX {
                levels.floor = read_stack_floor();
                cell.set(levels);
            }
            Depth {
                left: limit.saturating_sub(levels.depth),
                floor: levels.floor,
                _not_send: PhantomData,
            }
        })
    }

    /// One level deeper, or `RecursionError` (as [`Nesting::enter`]: past the recursion
    /// limit, or with less than [`STACK_MARGIN`] of stack left).
    #[inline(always)]
    pub fn deeper(self) -> PyResult<Depth> {
        let here = std::mem::MaybeUninit::<u8>::uninit();
        if self.left == 0 || (std::ptr::addr_of!(here) as usize) < self.floor {
            return Err(too_deep());
        }
        Ok(Depth {
            left: self.left - 1,
            ..self
        })
    }
}

#[cold]
fn too_deep() -> crate::PyErr {
    PyRecursionError::new_err("maximum recursion depth exceeded while converting a nested value")
}
