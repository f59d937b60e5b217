//! RFC 3339 date-times exactly as stateset-sequencer reads them (its date library, chrono's
//! `parse_from_rfc3339`): the check of an event's `created_at` and of a key's validity window.
//! Parsing a string needs no clock; callers pass the current time as a [`Timestamp`].

use core::fmt;

/// An instant, as seconds and nanoseconds since the Unix epoch (UTC). `nanos` reaches past one
/// second only inside a leap second (`23:59:60`), which sorts after `:59.999…` of the same
/// minute, as the server's date library orders it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    pub unix_seconds: i64,
    /// Nanoseconds within that second (`< 2_000_000_000`).
    pub nanos: u32,
}

impl Timestamp {
    /// The instant `unix_seconds` + `nanos` after the epoch (what a caller reads from its clock).
    pub fn from_unix(unix_seconds: i64, nanos: u32) -> Self {
        Timestamp { unix_seconds, nanos }
    }
}

/// Why a text is not an RFC 3339 date-time, in the server's date library's words (chrono's
/// `ParseError` kinds, whose `Display` the server puts in its 400 answers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rfc3339Error {
    /// A character where another was expected.
    Invalid,
    /// The text ends too early.
    TooShort,
    /// Characters after the offset.
    TooLong,
    /// A field out of its range (month 13, hour 24, offset ±24:00, …).
    OutOfRange,
}

impl fmt::Display for Rfc3339Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Rfc3339Error::Invalid => "input contains invalid characters",
            Rfc3339Error::TooShort => "premature end of input",
            Rfc3339Error::TooLong => "trailing input",
            Rfc3339Error::OutOfRange => "input is out of range",
        })
    }
}

fn two_digits(bytes: &[u8], at: usize) -> Result<u32, Rfc3339Error> {
    match (bytes[at], bytes[at + 1]) {
        (a @ b'0'..=b'9', b @ b'0'..=b'9') => Ok(u32::from(a - b'0') * 10 + u32::from(b - b'0')),
        _ => Err(Rfc3339Error::Invalid),
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Parses an RFC 3339 date-time exactly as the server does (chrono's `parse_from_rfc3339`):
/// `YYYY-MM-DD`, then `T`, `t` or a space, `hh:mm:ss`, an optional `.` with one or more digits
/// (past nine ignored), then `Z`, `z` or `±hh:mm` (the minus also as U+2212). Seconds may be
/// 60 (a leap second); an offset must be under 24 hours.
///
/// ```
/// use set_core::ves::rfc3339::{parse_rfc3339, Rfc3339Error};
/// let t = parse_rfc3339("1970-01-01T01:00:00.5+01:00").unwrap();
/// assert_eq!((t.unix_seconds, t.nanos), (0, 500_000_000));
/// assert_eq!(parse_rfc3339("2026-11-22 10:00:00Z").map(|t| t.unix_seconds), Ok(1_795_341_600));
/// assert_eq!(parse_rfc3339("2026-11-22T10:00:00"), Err(Rfc3339Error::TooShort));
/// ```
///
/// # Errors
/// The [`Rfc3339Error`] the server's parser gives.
pub fn parse_rfc3339(text: &str) -> Result<Timestamp, Rfc3339Error> {
    let bytes = text.as_bytes();
    if bytes.len() < 19 {
        return Err(Rfc3339Error::TooShort);
    }
    let year = two_digits(bytes, 0)? * 100 + two_digits(bytes, 2)?;
    if bytes[4] != b'-' {
        return Err(Rfc3339Error::Invalid);
    }
    let month = two_digits(bytes, 5)?;
    if bytes[7] != b'-' {
        return Err(Rfc3339Error::Invalid);
    }
    let day = two_digits(bytes, 8)?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(Rfc3339Error::OutOfRange);
    }
    if !matches!(bytes[10], b'T' | b't' | b' ') {
        return Err(Rfc3339Error::Invalid);
    }
    let hour = two_digits(bytes, 11)?;
    if bytes[13] != b':' {
        return Err(Rfc3339Error::Invalid);
    }
    let minute = two_digits(bytes, 14)?;
    if bytes[16] != b':' {
        return Err(Rfc3339Error::Invalid);
    }
    let second = two_digits(bytes, 17)?;
    // A leap second is kept as :59 plus one more second of nanoseconds.
    let (second, mut nanos) = if second == 60 { (59, 1_000_000_000u32) } else { (second, 0) };
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(if fraction.is_empty() { Rfc3339Error::TooShort } else { Rfc3339Error::Invalid });
        }
        let kept = &fraction.as_bytes()[..digits.min(9)];
        let value = kept.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        nanos += value * 10u32.pow(9 - kept.len() as u32);
        rest = &fraction[digits..];
    }
    if hour >= 24 || minute >= 60 || second >= 60 {
        return Err(Rfc3339Error::OutOfRange);
    }
    let offset = parse_offset(&mut rest)?;
    if !rest.is_empty() {
        return Err(Rfc3339Error::TooLong);
    }
    let days = days_from_civil(i64::from(year), month, day);
    let local = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Ok(Timestamp { unix_seconds: local - i64::from(offset), nanos })
}

/// `Z`, `z` or `±hh:mm` (hours 00–23 once combined, minutes 00–59), in seconds east of UTC.
fn parse_offset(rest: &mut &str) -> Result<i32, Rfc3339Error> {
    let text = *rest;
    let (negative, digits) = match text.chars().next() {
        Some('Z' | 'z') => {
            *rest = &text[1..];
            return Ok(0);
        }
        Some('+') => (false, &text[1..]),
        Some('-') => (true, &text[1..]),
        Some('\u{2212}') => (true, &text['\u{2212}'.len_utf8()..]),
        Some(_) => return Err(Rfc3339Error::Invalid),
        None => return Err(Rfc3339Error::TooShort),
    };
    let bytes = digits.as_bytes();
    if bytes.len() < 2 {
        return Err(Rfc3339Error::TooShort);
    }
    let hours = two_digits(bytes, 0)?;
    match bytes.get(2) {
        Some(b':') => {}
        Some(_) => return Err(Rfc3339Error::Invalid),
        None => return Err(Rfc3339Error::TooShort),
    }
    if bytes.len() < 5 {
        return Err(Rfc3339Error::TooShort);
    }
    let minutes = match (bytes[3], bytes[4]) {
        (b'0'..=b'5', b'0'..=b'9') => two_digits(bytes, 3)?,
        (b'6'..=b'9', b'0'..=b'9') => return Err(Rfc3339Error::OutOfRange),
        _ => return Err(Rfc3339Error::Invalid),
    };
    *rest = &digits[5..];
    let seconds = (hours * 3600 + minutes * 60) as i32;
    if seconds >= 86_400 {
        return Err(Rfc3339Error::OutOfRange);
    }
    Ok(if negative { -seconds } else { seconds })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;

    /// chrono (the server's date library) is the oracle: the same strings accepted, at the same
    /// instant, and the same error kind for the others.
    #[test]
    fn rfc3339_parses_exactly_as_the_servers_date_library() {
        let mut texts: Vec<String> = [
            "2026-11-22T10:00:00Z",
            "2026-11-22t10:00:00z",
            "2026-11-22 10:00:00+05:30",
            "2026-11-22T10:00:00.123456789123-00:00",
            "2026-11-22T10:00:00.1\u{2212}01:00",
            "1970-01-01T00:00:00Z",
            "0000-01-01T00:00:00+23:59",
            "9999-12-31T23:59:60.999Z",
            "2016-12-31T23:59:60Z",
            "2024-02-29T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2100-02-29T00:00:00Z",
            "2000-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-00-01T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-11-22T24:00:00Z",
            "2026-11-22T23:60:00Z",
            "2026-11-22T23:59:61Z",
            "2026-11-22T10:00:00+24:00",
            "2026-11-22T10:00:00+23:60",
            "2026-11-22T10:00:00+99:00",
            "2026-11-22T10:00:00+0100",
            "2026-11-22T10:00:00+01",
            "2026-11-22T10:00:00+01:0",
            "2026-11-22T10:00:00.",
            "2026-11-22T10:00:00.Z",
            "2026-11-22T10:00:00",
            "2026-11-22T10:00:00ZZ",
            "2026-11-22T10:00:00Z ",
            " 2026-11-22T10:00:00Z",
            "2026-11-22",
            "2026/11/22T10:00:00Z",
            "2026-11-22X10:00:00Z",
            "2026-11-22T10-00:00Z",
            "2026-11-22T10:00-00Z",
            "+2026-11-22T10:00:00Z",
            "2026-11-22T10:00:00+01:00:00",
            "2026-11-22T10:00:00.5é",
            "2026-11-22T10:00:00é",
            "२०२६-11-22T10:00:00Z",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every truncation and one-byte substitution of a few valid texts.
        for valid in ["2026-11-22T10:00:00.250+05:30", "1999-12-31 23:59:60Z"] {
            for end in 0..valid.len() {
                texts.push(valid[..end].to_string());
            }
            for index in 0..valid.len() {
                for replacement in ['0', '9', '6', ':', '-', '+', 'T', 'Z', '.', ' ', 'a'] {
                    let mut bytes = valid.as_bytes().to_vec();
                    bytes[index] = replacement as u8;
                    texts.push(String::from_utf8(bytes).unwrap_or_default());
                }
            }
        }
        for text in &texts {
            let ours = parse_rfc3339(text);
            let theirs = chrono::DateTime::parse_from_rfc3339(text);
            match (&ours, &theirs) {
                (Ok(t), Ok(dt)) => {
                    let utc = dt.naive_utc().and_utc();
                    assert_eq!((t.unix_seconds, t.nanos), (utc.timestamp(), utc.timestamp_subsec_nanos()), "{text:?}");
                }
                (Err(e), Err(c)) => assert_eq!(e.to_string(), c.to_string(), "{text:?}"),
                _ => panic!("{text:?}: ours {ours:?}, chrono {theirs:?}"),
            }
        }
    }
}
