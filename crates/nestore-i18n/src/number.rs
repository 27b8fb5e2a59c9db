//! Numbers in the language's form: the decimal separator, no digit grouping.

use fluent_bundle::types::FluentNumber;

/// Fraction digits when a number says nothing else (as `Intl.NumberFormat` does).
const DEFAULT_MAX_FRACTION: usize = 3;
/// More fraction digits than any value the apps show; bounds what a catalogue may ask.
const MOST_FRACTION: usize = 9;
/// More integer digits than any value the apps show; bounds what a catalogue may ask.
const MOST_INTEGER: usize = 9;

/// `n` rounded to its maximum fraction digits, without trailing zeros beyond its minimum,
/// padded to its minimum integer digits, with `decimal` as the separator. Never "-0".
/// Significant digits, styles (percent, currency) and grouping are not supported: the
/// apps show none of them.
pub(crate) fn format(n: &FluentNumber, decimal: char) -> String {
    let v = n.value;
    if !v.is_finite() {
        return v.to_string();
    }
    let o = &n.options;
    let min_frac = o.minimum_fraction_digits.unwrap_or(0).min(MOST_FRACTION);
    let max_frac = o
        .maximum_fraction_digits
        .unwrap_or(DEFAULT_MAX_FRACTION)
        .clamp(min_frac, MOST_FRACTION);
    let rounded = format!("{:.*}", max_frac, v.abs());
    let (int, frac) = rounded.split_once('.').unwrap_or((&rounded, ""));
    let frac = frac.trim_end_matches('0');
    let frac = format!("{frac:0<min_frac$}");
    let min_int = o.minimum_integer_digits.unwrap_or(1).min(MOST_INTEGER);
    let int = format!("{int:0>min_int$}");
    let zero = int.bytes().all(|b| b == b'0') && frac.bytes().all(|b| b == b'0');
    let sign = if v < 0.0 && !zero { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}{decimal}{frac}")
    }
}

#[cfg(test)]
mod tests {
    use fluent_bundle::types::{FluentNumber, FluentNumberOptions};

    use super::format;

    fn n(v: f64, max: Option<usize>, min: Option<usize>, min_int: Option<usize>) -> FluentNumber {
        FluentNumber::new(
            v,
            FluentNumberOptions {
                maximum_fraction_digits: max,
                minimum_fraction_digits: min,
                minimum_integer_digits: min_int,
                ..Default::default()
            },
        )
    }

    #[test]
    fn decimals_are_rounded_and_trimmed() {
        let two = |v| format(&n(v, Some(2), None, None), '.');
        assert_eq!(two(2.0), "2");
        assert_eq!(two(1.5), "1.5");
        assert_eq!(two(1.98), "1.98");
        assert_eq!(two(1.704), "1.7");
        assert_eq!(two(2.4), "2.4");
        assert_eq!(two(-0.001), "0");
        assert_eq!(two(-0.25), "-0.25");
        assert_eq!(two(3400.0), "3400");
        assert_eq!(format(&n(2.4, Some(2), None, None), ','), "2,4");
        assert_eq!(format(&n(77.6, Some(0), None, None), ','), "78");
        assert_eq!(format(&n(-0.4, Some(0), None, None), '.'), "0");
        assert_eq!(format(&n(2.0, Some(2), Some(1), None), ','), "2,0");
        assert_eq!(format(&n(1.23456, None, None, None), '.'), "1.235");
        assert_eq!(format(&n(63.0, None, None, None), ','), "63");
    }

    #[test]
    fn integers_are_padded() {
        assert_eq!(format(&n(5.0, None, None, Some(2)), ','), "05");
        assert_eq!(format(&n(14.0, None, None, Some(2)), ','), "14");
        assert_eq!(format(&n(0.0, None, None, Some(2)), '.'), "00");
        assert_eq!(format(&n(2024.0, None, None, None), '.'), "2024");
    }

    #[test]
    fn odd_values_stay_readable() {
        assert_eq!(format(&n(f64::NAN, Some(2), None, None), ','), "NaN");
        assert_eq!(format(&n(f64::INFINITY, Some(2), None, None), ','), "inf");
        // A catalogue asking for absurd precision is bounded.
        assert_eq!(
            format(&n(0.5, Some(500), None, Some(500)), '.'),
            "000000000.5"
        );
    }
}
