//! `derive(FromPyObject)` with non-string item keys: integers (into sequences or
//! int-keyed mappings), bools and tuples.
use bind::prelude::*;

/// A row read by position: `row[0]` and `row[-1]` (a list, a tuple, or a dict with those
/// integer keys).
#[derive(FromPyObject)]
pub struct Row {
    #[bind(item(0))]
    id: i64,
    #[bind(item(-1))]
    last: String,
}

/// Cells of a mapping keyed by tuples.
#[derive(FromPyObject)]
pub struct Grid {
    #[bind(item((0, 0)))]
    origin: f64,
    #[bind(item((1, "x")))]
    label: String,
    #[bind(item(true), default)]
    flagged: bool,
}

/// `(row[0], row[-1])`, read through the derive.
#[function]
fn read_row(row: Row) -> (i64, String) {
    (row.id, row.last)
}

/// `(grid[0, 0], grid[1, "x"], grid.get(True, False))`, read through the derive.
#[function]
fn read_grid(grid: Grid) -> (f64, String, bool) {
    (grid.origin, grid.label, grid.flagged)
}

/// Adds this file's functions to the module.
pub fn add_to(m: &Owned<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap!(read_row))?;
    m.add_function(wrap!(read_grid))?;
    Ok(())
}
