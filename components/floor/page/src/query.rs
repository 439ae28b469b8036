//! `?weekday=` read as the frontend reads it (components/shared/query.ts,
//! through URLSearchParams): the first pair named `weekday` once decoded, as
//! application/x-www-form-urlencoded decodes (`+` a space, percent-escapes
//! as UTF-8, ill-formed UTF-8 a U+FFFD, a `%` that escapes nothing kept).

/// What the request asks for: a day, today, or a refusal with its words.
#[derive(Debug, PartialEq)]
pub enum Weekday {
    Today,
    Day(usize),
    Refused(String),
}

/// The weekday `query` (the target after `?`) names, 0 (Sunday) to 6.
pub fn weekday(query: &str) -> Weekday {
    let raw = query.split('&').filter(|pair| !pair.is_empty()).find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(name) == "weekday").then(|| decode(value))
    });
    match raw {
        None => Weekday::Today,
        Some(raw) => day(&raw),
    }
}

/// As `weekdayParam` takes it: one to nine ASCII digits, then from 0 to 6.
fn day(raw: &str) -> Weekday {
    if raw.is_empty() || raw.len() > 9 || !raw.bytes().all(|byte| byte.is_ascii_digit()) {
        return Weekday::Refused(format!(
            "query parameter \"weekday\" must be a non-negative integer, got \"{raw}\""
        ));
    }
    let number: u32 = raw.parse().expect("nine digits at most fit a u32");
    if number > 6 {
        return Weekday::Refused(format!(
            "query parameter \"weekday\" must be from 0 (Sunday) to 6 (Saturday), got \"{number}\""
        ));
    }
    Weekday::Day(number as usize)
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match (byte, escaped(&bytes[at..])) {
            (b'%', Some(escaped)) => {
                out.push(escaped);
                at += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                at += 1;
            }
            _ => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The byte a `%XX` at the start of `rest` stands for, if it is one.
fn escaped(rest: &[u8]) -> Option<u8> {
    let [b'%', high, low, ..] = *rest else {
        return None;
    };
    let digit = |byte: u8| char::from(byte).to_digit(16);
    u8::try_from(digit(high)? * 16 + digit(low)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_day_and_leading_zeros() {
        assert_eq!(weekday("weekday=3"), Weekday::Day(3));
        assert_eq!(weekday("weekday=0006"), Weekday::Day(6));
    }

    #[test]
    fn takes_the_first_pair_whose_decoded_name_is_weekday() {
        assert_eq!(weekday("x=1&week%64ay=2&weekday=9"), Weekday::Day(2));
        assert_eq!(weekday("&&weekday=5&"), Weekday::Day(5));
    }

    #[test]
    fn is_today_without_a_weekday() {
        assert_eq!(weekday(""), Weekday::Today);
        assert_eq!(weekday("weekdays=1&day=2"), Weekday::Today);
    }

    #[test]
    fn refuses_a_day_out_of_range_naming_the_number() {
        let refused = |got: &str| {
            Weekday::Refused(format!(
                "query parameter \"weekday\" must be from 0 (Sunday) to 6 (Saturday), got \"{got}\""
            ))
        };
        assert_eq!(weekday("weekday=7"), refused("7"));
        assert_eq!(weekday("weekday=000000009"), refused("9"));
    }

    #[test]
    fn refuses_what_is_not_a_number_naming_it_decoded() {
        let refused = |got: &str| {
            Weekday::Refused(format!(
                "query parameter \"weekday\" must be a non-negative integer, got \"{got}\""
            ))
        };
        assert_eq!(weekday("weekday"), refused(""));
        assert_eq!(weekday("weekday=%2B3"), refused("+3"));
        assert_eq!(weekday("weekday=a+b"), refused("a b"));
        assert_eq!(weekday("weekday=1234567890"), refused("1234567890"));
        assert_eq!(weekday("weekday=%C3%28"), refused("\u{fffd}("));
        assert_eq!(weekday("weekday=%zz%4"), refused("%zz%4"));
        assert_eq!(weekday("weekday=%C3%81"), refused("Á"));
    }
}
