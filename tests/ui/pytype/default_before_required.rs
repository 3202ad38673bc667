use bind::prelude::*;

#[derive(PyType, Clone)]
#[bind(dataclass)]
struct Config {
    #[bind(default = 80)]
    port: u16,
    host: String,
}

fn main() {}
