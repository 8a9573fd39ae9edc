//! A calendar date as written in the data (YYYY-MM-DD) and printed in documents (DD.MM.YYYY).

use std::fmt;

use serde::{Deserialize, Deserializer};

/// A valid Gregorian date; ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting impossible days such as 2023-02-30.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date { year: y.parse().ok()?, month: m.parse().ok()?, day: d.parse().ok()? };
        (date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= date.days_in_month()).then_some(date)
    }

    fn days_in_month(self) -> u8 {
        match self.month {
            4 | 6 | 9 | 11 => 30,
            2 if self.year % 4 == 0 && (self.year % 100 != 0 || self.year % 400 == 0) => 29,
            2 => 28,
            _ => 31,
        }
    }

    /// DD.MM.YYYY, the form ГОСТ Р 7.0.97 uses in requisites.
    pub fn dotted(self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }

    /// Days since 1970-01-01 (for PDF timestamps).
    pub fn days_since_epoch(self) -> i64 {
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date a day count since 1970-01-01 falls on.
    pub fn from_days_since_epoch(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date { year: (yoe + era * 400 + i64::from(month <= 2)) as i32, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a date in YYYY-MM-DD form")))
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_dates() {
        let d = Date::parse_iso("2023-10-25").unwrap();
        assert_eq!(d.dotted(), "25.10.2023");
        assert_eq!(Date::parse_iso("2024-02-29").unwrap().dotted(), "29.02.2024");
        assert!(Date::parse_iso("2023-02-29").is_none());
        assert!(Date::parse_iso("2024.26.12").is_none());
        assert!(Date::parse_iso("2024-13-01").is_none());
        assert_eq!(Date::parse_iso("1970-01-02").unwrap().days_since_epoch(), 1);
        assert_eq!(Date::parse_iso("2023-10-25").unwrap().days_since_epoch(), 19_655);
        for iso in ["1970-01-01", "2000-02-29", "2026-11-24", "2024-12-31"] {
            let d = Date::parse_iso(iso).unwrap();
            assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d, "{iso}");
        }
    }
}
