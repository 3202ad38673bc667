//! What the kit's tests share.

/// `count` deterministic pseudo-random fuzzer inputs of up to 96 bytes from `seed`.
pub fn inputs(count: usize, seed: u64) -> impl Iterator<Item = Vec<u8>> {
    let mut state = seed | 1;
    (0..count).map(move |i| {
        (0..i % 97)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect()
    })
}
