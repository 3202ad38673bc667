//! The user guide. Each chapter is a Markdown file of `docs/guide/`; every Rust example in
//! it is compiled and run as a doctest of this module (`cargo test --doc -p bind`), so the
//! guide follows the API.

#[doc = include_str!("../docs/guide/01-getting-started.md")]
pub mod getting_started {}

#[doc = include_str!("../docs/guide/02-functions.md")]
pub mod functions {}

#[doc = include_str!("../docs/guide/03-classes.md")]
pub mod classes {}

#[doc = include_str!("../docs/guide/04-protocols.md")]
pub mod protocols {}

#[doc = include_str!("../docs/guide/05-buffers.md")]
pub mod buffers {}

#[doc = include_str!("../docs/guide/06-conversions.md")]
pub mod conversions {}

#[doc = include_str!("../docs/guide/07-dataclasses.md")]
pub mod dataclasses {}

#[doc = include_str!("../docs/guide/08-errors.md")]
pub mod errors {}

#[doc = include_str!("../docs/guide/09-gil-and-threads.md")]
pub mod gil_and_threads {}

#[doc = include_str!("../docs/guide/10-calling-python.md")]
pub mod calling_python {}

#[doc = include_str!("../docs/guide/11-building.md")]
pub mod building {}

#[doc = include_str!("../docs/guide/12-fuzz.md")]
pub mod fuzz {}

#[doc = include_str!("../docs/guide/13-performance.md")]
pub mod performance {}

#[doc = include_str!("../docs/guide/14-faq.md")]
pub mod faq {}

#[doc = include_str!("../docs/guide/15-migration.md")]
pub mod migration {}
