//! Zero-copy buffers from Rust: a class exporting its storage, the export count seen from
//! Rust borrows, typed views extracted from Python exporters.
use bind::buffer::Array;
use bind::exceptions::PyBufferError;
use bind::prelude::*;

/// Samples in a plain `Vec`: locked against `&mut` while exported.
#[derive(PyType)]
#[bind(module = "buf")]
struct Samples {
    #[bind(buffer)]
    data: Vec<f64>,
}

#[methods]
impl Samples {
    #[new]
    fn new(data: Vec<f64>) -> Self {
        Samples { data }
    }
    fn push(&mut self, x: f64) {
        self.data.push(x);
    }
}

/// Samples in an `Array`: writable in place while exported.
#[derive(PyType)]
#[bind(module = "buf")]
struct Grid {
    #[bind(buffer)]
    cells: Array<i32, 2>,
}

#[test]
fn vec_export_locks_mutable_borrows_until_released() {
    Gil::with(|gil| {
        let s = Owned::<Samples>::new(gil, Samples::new(vec![1.0, 2.0]))?;
        let mv = PyMemoryView::from_object(s.as_any())?;
        assert_eq!(mv.nbytes()?, 16);
        assert!(!mv.readonly()?);
        let err = s.borrow_mut().err().expect("locked while exported");
        assert!(err.is_instance_of::<PyBufferError>(gil), "{err}");
        assert!(err.to_string().contains("while 1 buffer export"), "{err}");
        assert_eq!(s.borrow()?.data, [1.0, 2.0]); // shared borrows still work
        mv.release()?;
        s.borrow_mut()?.push(3.0);
        assert_eq!(s.borrow()?.data.len(), 3);
        Ok::<_, PyErr>(())
    })
    .unwrap();
}

#[test]
fn array_export_stays_writable_in_place() {
    Gil::with(|gil| {
        let g = Owned::<Grid>::new(
            gil,
            Grid {
                cells: Array::zeros([2, 3]),
            },
        )?;
        let mv = PyMemoryView::from_object(g.as_any())?;
        assert_eq!(mv.getattr("shape")?.extract::<(usize, usize)>()?, (2, 3));
        {
            let mut grid = g.borrow_mut()?;
            *grid.cells.at_mut([1, 2]) = 7;
            assert_eq!(grid.cells.exports(), 1);
            assert!(grid.cells.resize([3, 3], 0).is_err());
        }
        let tolist = mv.call_method0("tolist")?;
        assert_eq!(
            tolist.extract::<Vec<Vec<i32>>>()?,
            vec![vec![0, 0, 0], vec![0, 0, 7]]
        );
        mv.release()?;
        g.borrow_mut()?.cells.resize([3, 3], 1)?;
        assert_eq!(*g.borrow()?.cells.at([2, 2]), 1);
        Ok::<_, PyErr>(())
    })
    .unwrap();
}

#[test]
fn typed_views_of_python_exporters() {
    Gil::with(|gil| {
        let array = gil.import("array")?;
        let doubles = array.call_method1("array", ("d", vec![1.0, 2.5]))?;
        let view: SliceRef<'_, f64> = doubles.extract()?;
        assert_eq!(&*view, &[1.0, 2.5]);
        drop(view);
        let ints = array.call_method1("array", ("i", vec![1, 2]))?;
        let err = ints.extract::<SliceRef<'_, f64>>().err().unwrap();
        assert_eq!(
            err.to_string(),
            "TypeError: expected a buffer of 'd' (float64), got 'i' (int32)"
        );
        let mut view: SliceMut<'_, i32> = ints.extract()?;
        view[0] = 10;
        drop(view);
        assert_eq!(ints.call_method0("tolist")?.extract::<Vec<i32>>()?, [10, 2]);
        // The view was released: the array can grow again.
        ints.call_method1("append", (3,))?;
        Ok::<_, PyErr>(())
    })
    .unwrap();
}
