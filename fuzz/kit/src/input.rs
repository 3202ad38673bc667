//! The fuzzer's bytes read as a stream of choices. An exhausted input reads as zeros, and
//! every choice is arranged so that zero is the simplest option (the first kind, an empty
//! container, no optional part), so generation always ends.

/// The bytes a value is generated from.
#[derive(Clone, Debug)]
pub struct Input<'d> {
    data: &'d [u8],
}

impl<'d> Input<'d> {
    /// Reads choices from `data`.
    pub fn new(data: &'d [u8]) -> Self {
        Input { data }
    }

    /// Whether every byte has been read.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The next byte (0 once exhausted).
    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    /// A choice in `0..n` (`n >= 1`; 0 once exhausted).
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n >= 1);
        if n <= 256 {
            usize::from(self.byte()) % n
        } else {
            (usize::from(self.byte()) | usize::from(self.byte()) << 8) % n
        }
    }

    /// A coin flip (`false` once exhausted).
    pub fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// `true` about once in `n` reads (`false` once exhausted).
    pub fn one_in(&mut self, n: usize) -> bool {
        n <= 1 || self.below(n) == n - 1
    }

    /// Up to `n` bytes (fewer once exhausted).
    pub fn bytes(&mut self, n: usize) -> &'d [u8] {
        let (head, rest) = self.data.split_at(n.min(self.data.len()));
        self.data = rest;
        head
    }

    /// A little-endian `u128` from up to `n` bytes.
    pub fn uint(&mut self, n: usize) -> u128 {
        let mut buf = [0u8; 16];
        let head = self.bytes(n.min(16));
        buf[..head.len()].copy_from_slice(head);
        u128::from_le_bytes(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::Input;

    #[test]
    fn an_exhausted_input_reads_as_the_simplest_choices() {
        let mut input = Input::new(&[7]);
        assert_eq!(input.byte(), 7);
        assert!(input.is_empty());
        assert_eq!(input.below(10), 0);
        assert!(!input.flag());
        assert!(!input.one_in(4));
        assert_eq!(input.uint(8), 0);
    }
}
