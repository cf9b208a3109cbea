//! Python's `random`: the same Mersenne Twister, seeded and drawn from the way CPython does,
//! so `--seed N` gives exactly the numbers `random.seed(N)` gives.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use rand_mt::Mt;

/// `random.seed(n)` for an integer: the absolute value's 32-bit words, least significant
/// first, fed to `init_by_array`.
pub fn seeded(seed: u64) -> Mt {
    let mut key = vec![seed as u32];
    if seed >> 32 != 0 {
        key.push((seed >> 32) as u32);
    }
    Mt::new_with_key(key)
}

/// A generator seeded from the process's hash randomness and the clock.
pub fn from_entropy() -> Mt {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.write_u32(std::process::id());
    seeded(hasher.finish())
}

/// `random.random()`: 53 random bits as a float in [0, 1).
pub fn random(mt: &mut Mt) -> f64 {
    let a = (mt.next_u32() >> 5) as f64;
    let b = (mt.next_u32() >> 6) as f64;
    (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
}

/// `random.getrandbits(k)` for 0 < k <= 128: 32-bit words, least significant first, the
/// last one cut to the bits still wanted.
fn getrandbits(mt: &mut Mt, k: u32) -> u128 {
    let mut r: u128 = 0;
    let mut shift = 0;
    let mut left = k;
    while left > 0 {
        let word = mt.next_u32();
        let word = if left < 32 { word >> (32 - left) } else { word };
        r |= u128::from(word) << shift;
        shift += 32;
        left = left.saturating_sub(32);
    }
    r
}

/// `random._randbelow(n)`: rejection sampling over `n.bit_length()` bits. `n` reaches
/// 2^64 for `randint(-2**63, 2**63 - 1)`, which takes 65 bits.
pub fn below(mt: &mut Mt, n: u128) -> u128 {
    if n == 0 {
        return 0;
    }
    let k = 128 - n.leading_zeros();
    loop {
        let r = getrandbits(mt, k);
        if r < n {
            return r;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values CPython 3.11 gives for `random.seed(7); [random.random() for _ in 3]`
    /// and `random.seed(7); [random.randint(1, 100) for _ in 5]`.
    #[test]
    fn matches_cpython() {
        let mut mt = seeded(7);
        let r: Vec<String> = (0..3).map(|_| format!("{:.12}", random(&mut mt))).collect();
        assert_eq!(r, ["0.323832764833", "0.150849173925", "0.650934473040"]);
        let mut mt = seeded(7);
        let n: Vec<u128> = (0..5).map(|_| 1 + below(&mut mt, 100)).collect();
        assert_eq!(n, [42, 20, 51, 84, 7]);
    }

    /// `random.seed(7); [random.randint(-2**63, 2**63 - 1) for _ in range(3)]`: 65 bits a
    /// draw, three words each.
    #[test]
    fn the_whole_i64_range() {
        let mut mt = seeded(7);
        let n: Vec<i128> = (0..3)
            .map(|_| i128::from(i64::MIN) + below(&mut mt, 1 << 64) as i128)
            .collect();
        assert_eq!(
            n,
            [
                8261657684473197624,
                2784249659845191438,
                -8531699129511414324
            ]
        );
    }
}
