//! A class without `gc` holding another object: long chains of these free without
//! recursing once per object (bind defers deep deallocations, as CPython's trashcan does).
use bind::prelude::*;

/// A link of a chain: holds the next object (any object, `None` at the end).
#[derive(PyType)]
#[bind(module = "classes_demo", subclass)]
pub struct Link {
    #[bind(get)]
    next: Option<Handle<PyAny>>,
}

#[methods]
impl Link {
    #[new]
    fn new(next: Option<Handle<PyAny>>) -> Self {
        Link { next }
    }

    /// The number of links from this one to the end, without recursion.
    fn length(slf: PyRef<'_, Self>) -> PyResult<usize> {
        let gil = slf.gil();
        let mut count = 1;
        let mut next = slf.next.as_ref().map(|h| h.bind(gil).clone());
        while let Some(obj) = next {
            let Ok(link) = obj.downcast::<Link>() else {
                break;
            };
            count += 1;
            next = link.borrow()?.next.as_ref().map(|h| h.bind(gil).clone());
        }
        Ok(count)
    }
}
