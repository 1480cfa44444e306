//! Publication dates: the many formats dumps use, to microseconds since the epoch in UTC.
//! A value with no zone is taken as UTC; "None" and empty strings are null.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

const NAIVE_DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
];

const ZONED_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S%.f%:z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
];

const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%d %B %Y", "%B %d, %Y"];

/// Parses a date or timestamp; returns microseconds since 1970-01-01 UTC.
pub fn parse_timestamp_us(raw: &str) -> Option<i64> {
    let s = raw.trim();
    if s.is_empty() || s.eq_ignore_ascii_case("none") || s.eq_ignore_ascii_case("null") {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.timestamp_micros());
    }
    for fmt in ZONED_FORMATS {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Some(dt.timestamp_micros());
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.timestamp_micros());
    }
    let without_z = s.strip_suffix('Z').unwrap_or(s);
    for fmt in NAIVE_DATETIME_FORMATS {
        if let Ok(dt) = NaiveDateTime::parse_from_str(without_z, fmt) {
            return Some(dt.and_utc().timestamp_micros());
        }
    }
    for fmt in DATE_FORMATS {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return d.and_hms_opt(0, 0, 0).map(|dt| dt.and_utc().timestamp_micros());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(us: Option<i64>) -> String {
        us.and_then(DateTime::from_timestamp_micros)
            .map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_else(|| "null".into())
    }

    #[test]
    fn parses_the_formats_dumps_use() {
        assert_eq!(
            iso(parse_timestamp_us("2019-11-19T13:03:00+00:00")),
            "2019-11-19T13:03:00"
        );
        assert_eq!(
            iso(parse_timestamp_us("2019-11-19T15:03:00+02:00")),
            "2019-11-19T13:03:00"
        );
        assert_eq!(iso(parse_timestamp_us("2019-11-19T13:03:00Z")), "2019-11-19T13:03:00");
        assert_eq!(iso(parse_timestamp_us("2019-11-19T13:03:00")), "2019-11-19T13:03:00");
        assert_eq!(iso(parse_timestamp_us("2019-11-19 13:03:00")), "2019-11-19T13:03:00");
        assert_eq!(
            iso(parse_timestamp_us("Tue, 19 Nov 2019 13:03:00 +0000")),
            "2019-11-19T13:03:00"
        );
        assert_eq!(iso(parse_timestamp_us("2019-11-19")), "2019-11-19T00:00:00");
        assert_eq!(
            iso(parse_timestamp_us("2022-05-26 10:00:00+01:00")),
            "2022-05-26T09:00:00"
        );
    }

    #[test]
    fn none_empty_and_garbage_are_null() {
        assert_eq!(parse_timestamp_us("None"), None);
        assert_eq!(parse_timestamp_us(""), None);
        assert_eq!(parse_timestamp_us("  "), None);
        assert_eq!(parse_timestamp_us("last Tuesday"), None);
    }
}
