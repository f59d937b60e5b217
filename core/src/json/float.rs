//! The `f64` nearest to a JSON number literal (round half to even), as `str::parse::<f64>` and
//! serde_json's `float_roundtrip` give it.
//!
//! Why not `str::parse`: its Eisel–Lemire tables and code are ~15 KB gzipped in the npm package's
//! wasm (budget 100 KB gzip, `wasm/README.md` "Size"), more than everything else JSON there. Here: the
//! exact fast path for short literals (a product or quotient of two exactly representable
//! doubles is correctly rounded), and otherwise exact integer arithmetic — the literal is
//! `digits × 10^exponent`; 66 bits of it, plus whether anything below them is non-zero, decide
//! the rounding. Slower than `str::parse` on long literals, which a receipt hardly has. The tests
//! compare the two on generated literals and on the classic hard cases.

use alloc::vec::Vec;

/// Significant digits kept. An `f64`, and a midpoint between two of them, has at most 767
/// significant decimal digits; a literal cut after more than that, with a non-zero digit put
/// in place of a non-zero tail, rounds the same way.
const MAX_DIGITS: usize = 780;

/// Powers of ten that are exact doubles.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The literal's magnitude as the nearest `f64`, `None` if that is infinite. `literal` is a JSON
/// number already checked by the parser (`-?int(.frac)?([eE][+-]?exp)?`, the exponent within i32).
pub(crate) fn parse(literal: &str) -> Option<f64> {
    let (mantissa, exponent_text) = match literal.find(['e', 'E']) {
        Some(at) => (&literal[..at], &literal[at + 1..]),
        None => (literal, ""),
    };
    let mut exponent = i64::from(exponent_text.parse::<i32>().unwrap_or(0));
    let mut digits: Vec<u8> = Vec::new();
    let mut dropped_nonzero = false;
    let mut after_point = false;
    for byte in mantissa.bytes() {
        match byte {
            b'.' => after_point = true,
            b'0'..=b'9' => {
                if digits.is_empty() && byte == b'0' {
                    // A leading zero: only its place after the point matters.
                    exponent -= i64::from(after_point);
                    continue;
                }
                if digits.len() < MAX_DIGITS {
                    digits.push(byte - b'0');
                    exponent -= i64::from(after_point);
                } else {
                    dropped_nonzero |= byte != b'0';
                    exponent += i64::from(!after_point);
                }
            }
            _ => {}
        }
    }
    if dropped_nonzero {
        digits.push(1);
        exponent -= 1;
    }
    if digits.is_empty() {
        return Some(0.0);
    }
    // value = digits × 10^exponent, with 10^(count − 1) ≤ digits < 10^count.
    let count = digits.len() as i64;
    if count + exponent > 310 {
        return None;
    }
    if count + exponent < -324 {
        return Some(0.0);
    }
    if count <= 15 && (-22..=22).contains(&exponent) {
        let integer = digits.iter().fold(0u64, |value, &digit| value * 10 + u64::from(digit)) as f64;
        let power = EXACT_POWERS_OF_TEN[exponent.unsigned_abs() as usize];
        return Some(if exponent < 0 { integer / power } else { integer * power });
    }

    let mut integer = Big::default();
    for &digit in &digits {
        integer.mul_add(10, u32::from(digit));
    }
    // The top 66 bits `top`, at weight 2^scale, and whether anything below them is non-zero.
    let (top, scale, sticky) = if exponent >= 0 {
        for _ in 0..exponent {
            integer.mul_add(10, 0);
        }
        integer.top_bits(66)
    } else {
        let mut divisor = Big::from(1);
        for _ in 0..exponent.unsigned_abs() {
            divisor.mul_add(10, 0);
        }
        // Scale one side so that the quotient has 66 or 67 bits.
        let scale = integer.bit_length() as i64 - divisor.bit_length() as i64 - 66;
        if scale < 0 {
            integer.shift_left(scale.unsigned_abs() as usize);
        } else {
            divisor.shift_left(scale as usize);
        }
        let (quotient, remainder_nonzero) = integer.divide(&divisor);
        (quotient, scale, remainder_nonzero)
    };
    round(top, scale, sticky)
}

/// `top × 2^scale` (plus a non-zero fraction of the lowest bit if `sticky`) rounded to an `f64`
/// with round half to even, `None` if that is infinite. `top` has at least 66 bits.
fn round(top: u128, scale: i64, sticky: bool) -> Option<f64> {
    let length = i64::from(128 - top.leading_zeros());
    // Bits to drop: down to 53 significant bits, or fewer below the normal range, whose lowest
    // bit is worth 2^-1074.
    let drop = (length - 53).max(-1074 - scale);
    if drop > length {
        return Some(0.0);
    }
    let drop = drop as u32;
    let mut mantissa = (top >> drop) as u64;
    let rest = top & ((1u128 << drop) - 1);
    let half = 1u128 << (drop - 1);
    if rest > half || (rest == half && (sticky || mantissa & 1 == 1)) {
        mantissa += 1;
    }
    // value = mantissa × 2^(scale + drop). With the implicit bit counted in the mantissa, the
    // bit pattern is ((scale + drop + 1074) << 52) + mantissa; a carry to 2^53 moves into the
    // exponent field, and subnormals (scale + drop = −1074) come out as the mantissa alone.
    let bits = u64::try_from(scale + i64::from(drop) + 1074).ok()?.checked_shl(52)?.checked_add(mantissa)?;
    (bits < f64::INFINITY.to_bits()).then(|| f64::from_bits(bits))
}

/// A non-negative integer, 32-bit limbs, least significant first.
#[derive(Default)]
struct Big {
    limbs: Vec<u32>,
}

impl From<u32> for Big {
    fn from(value: u32) -> Self {
        Big { limbs: alloc::vec![value] }
    }
}

impl Big {
    fn mul_add(&mut self, factor: u32, addend: u32) {
        let mut carry = u64::from(addend);
        for limb in &mut self.limbs {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry != 0 {
            self.limbs.push(carry as u32);
        }
    }

    fn bit_length(&self) -> usize {
        match self.limbs.iter().rposition(|&limb| limb != 0) {
            Some(top) => top * 32 + 32 - self.limbs[top].leading_zeros() as usize,
            None => 0,
        }
    }

    fn bit(&self, index: usize) -> bool {
        self.limbs.get(index / 32).is_some_and(|limb| limb >> (index % 32) & 1 == 1)
    }

    /// The `count` bits below the top one included, their weight's exponent, and whether any
    /// bit under them is set.
    fn top_bits(&self, count: usize) -> (u128, i64, bool) {
        let length = self.bit_length();
        let low = length.saturating_sub(count);
        let mut top = 0u128;
        for index in (low..length).rev() {
            top = top << 1 | u128::from(self.bit(index));
        }
        let top = top << (count - (length - low));
        let sticky = (0..low).any(|index| self.bit(index));
        (top, low as i64 - (count - (length - low)) as i64, sticky)
    }

    fn shift_left(&mut self, bits: usize) {
        let mut shifted = alloc::vec![0u32; bits / 32];
        let offset = bits % 32;
        let mut carry = 0u32;
        for &limb in &self.limbs {
            if offset == 0 {
                shifted.push(limb);
            } else {
                shifted.push(limb << offset | carry);
                carry = limb >> (32 - offset);
            }
        }
        if carry != 0 {
            shifted.push(carry);
        }
        self.limbs = shifted;
    }

    fn significant_limbs(&self) -> &[u32] {
        let length = self.limbs.iter().rposition(|&limb| limb != 0).map_or(0, |top| top + 1);
        &self.limbs[..length]
    }

    fn at_least(&self, other: &Big) -> bool {
        let (mine, theirs) = (self.significant_limbs(), other.significant_limbs());
        mine.len().cmp(&theirs.len()).then_with(|| mine.iter().rev().cmp(theirs.iter().rev())).is_ge()
    }

    /// `self −= other`; the caller has checked that `self ≥ other`.
    fn subtract(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (index, limb) in self.limbs.iter_mut().enumerate() {
            let difference = i64::from(*limb) - i64::from(other.limbs.get(index).copied().unwrap_or(0)) - borrow;
            *limb = difference as u32;
            borrow = i64::from(difference < 0);
        }
    }

    fn shift_right_one(&mut self) {
        let mut carry = 0;
        for limb in self.limbs.iter_mut().rev() {
            let low = *limb & 1;
            *limb = *limb >> 1 | carry << 31;
            carry = low;
        }
    }

    /// The quotient `self / divisor`, known to be below 2^70, and whether the remainder is
    /// non-zero (schoolbook binary long division: 70 steps).
    fn divide(mut self, divisor: &Big) -> (u128, bool) {
        let mut shifted = Big { limbs: divisor.limbs.clone() };
        shifted.shift_left(69);
        let mut quotient = 0u128;
        for bit in (0..70).rev() {
            if self.at_least(&shifted) {
                self.subtract(&shifted);
                quotient |= 1 << bit;
            }
            shifted.shift_right_one();
        }
        (quotient, !self.significant_limbs().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;
    use proptest::prelude::*;

    fn assert_like_std(literal: &str) {
        let expected = literal.parse::<f64>().ok().filter(|value| value.is_finite()).map(f64::to_bits);
        assert_eq!(parse(literal).map(f64::to_bits), expected, "{literal}");
    }

    #[test]
    fn hard_cases_round_like_std() {
        let cases = [
            "0", "0.0", "1", "1.5", "0.1", "0.3", "123456789012345678", "9007199254740993", "9007199254740992.5",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308", "4.9e-324",
            "2.4703282292062327e-324", "2.4703282292062328e-324", "2.47032822920623272e-324", "1e-324", "5e-324",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e309",
            "179769313486231580793728971405301e276", "7.2057594037927933e16", "1e23", "8.98846567431158e307",
            "1448997445238699", "0.000000000000000000000000000000000000000000001", "3.0e-44",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124999",
            "1.00000000000000011102230246251565404236316680908203125001",
            "4.4501477170144022721148195934182639518696390927032912960468522194496444440421538910330590478162701758282983178260792422137401728773891892910553144148156412434867599762821265346585071045737627442980259622449029037796981144446145705102663115100318287949527959668236039986479250965780342141637013812613333119898765515451440315261253813266652951306000184917766328660755595837392240989947807556594098101021612198814605258742579179000071675999344145086087205681577915435923018910334964869420614052182892431445797605163650903606514140377217442262561590244668525767372446430075513332450079650686719491377688478005309963967709758965844137894433796621993967316936280457084866613206797017728916080020698679408551343728867675409720757232455434770912461317493580281734466552734375e-308",
        ];
        for literal in cases {
            assert_like_std(literal);
        }
        let long = format!("0.{}1e-300", "0".repeat(1000));
        assert_like_std(&long);
        let many = format!("{}e-700", "9".repeat(900));
        assert_like_std(&many);
        let halfway_then_tail = format!("9007199254740993{}1e0", "0".repeat(900));
        assert_like_std(&halfway_then_tail);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

        #[test]
        fn random_doubles_print_and_read_back(bits in any::<u64>()) {
            let value = f64::from_bits(bits & !(1 << 63));
            prop_assume!(value.is_finite());
            assert_like_std(&format!("{value:e}"));
            assert_like_std(&format!("{value:.25e}"));
            assert_like_std(&format!("{value}"));
        }

        #[test]
        fn random_literals_round_like_std(
            integer in "[1-9][0-9]{0,30}|0",
            fraction in proptest::option::of("[0-9]{1,40}"),
            exponent in proptest::option::of(-400i32..400),
        ) {
            let mut literal = integer;
            if let Some(fraction) = fraction {
                literal.push('.');
                literal.push_str(&fraction);
            }
            if let Some(exponent) = exponent {
                literal.push_str(&format!("e{exponent}"));
            }
            assert_like_std(&literal);
        }

        /// Midpoints between neighbouring doubles, and a hair either side: the cases where a
        /// careless rounding goes wrong.
        #[test]
        fn midpoints_round_like_std(bits in 1u64..0x7FEF_FFFF_FFFF_FFFF) {
            let midpoint = exact_midpoint(f64::from_bits(bits));
            assert_like_std(&midpoint);
            assert_like_std(&format!("{midpoint}1"));
            // The midpoint's digits end in 5 (an odd number times a power of five): 4999 instead.
            if let Some((digits, exponent)) = midpoint.split_once('e') {
                let below = format!("{}4999e{exponent}", &digits[..digits.len() - 1]);
                assert_like_std(&below);
                assert_like_std(&format!("{digits}0000001e{exponent}"));
            }
        }
    }

    /// The exact decimal expansion of the midpoint between `low` and the next double up: with
    /// low = m·2^e, it is (2m+1)·2^(e−1) = (2m+1)·5^(1−e)·10^(e−1) for e ≤ 1.
    fn exact_midpoint(low: f64) -> String {
        let bits = low.to_bits();
        let biased = (bits >> 52) as i64;
        let (mantissa, exponent) = if biased == 0 {
            (bits & ((1 << 52) - 1), -1074)
        } else {
            (bits & ((1 << 52) - 1) | 1 << 52, biased - 1075)
        };
        let odd = 2 * u128::from(mantissa) + 1;
        let power = exponent - 1;
        let mut big = Big { limbs: alloc::vec![odd as u32, (odd >> 32) as u32, (odd >> 64) as u32] };
        if power >= 0 {
            for _ in 0..power {
                big.mul_add(2, 0);
            }
            return format!("{}e0", to_decimal(&big));
        }
        for _ in 0..-power {
            big.mul_add(5, 0);
        }
        format!("{}e{}", to_decimal(&big), power)
    }

    fn to_decimal(big: &Big) -> String {
        let mut limbs = big.limbs.clone();
        let mut digits = alloc::vec::Vec::new();
        while limbs.iter().any(|&limb| limb != 0) {
            let mut remainder = 0u64;
            for limb in limbs.iter_mut().rev() {
                let value = remainder << 32 | u64::from(*limb);
                *limb = (value / 10) as u32;
                remainder = value % 10;
            }
            digits.push(b'0' + remainder as u8);
        }
        digits.reverse();
        String::from_utf8(digits).unwrap_or_default()
    }
}
