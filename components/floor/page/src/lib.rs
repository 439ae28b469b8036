//! bookserver's page, `GET /?weekday=N`, answered as the frontend answers it
//! (components/frontend/src/app.ts and render.ts) but with no book-api to
//! ask and no store: the week is built in. What the floor's two components
//! (p2/, p3/) share; each serves it on its WASI version.
mod query;

use query::Weekday;
use std::time::{SystemTime, UNIX_EPOCH};

pub struct Book {
    pub title: &'static str,
    pub author: &'static str,
}

// WEEK, from book-api's week.json (build.rs).
include!(concat!(env!("OUT_DIR"), "/week.rs"));

/// The content-type of every answer, as the frontend's.
pub const CONTENT_TYPE: &str = "text/plain; charset=utf-8";

/// A status, the `allow` header when there is one, and a body.
#[derive(Debug, PartialEq)]
pub struct Answer {
    pub status: u16,
    pub allow: Option<&'static str>,
    pub body: String,
}

/// The answer to `method` on `path` with `query` (the target after `?`).
/// The clock is read only when the query names no weekday, as the frontend reads it.
pub fn answer(method: &str, path: &str, query: &str) -> Answer {
    if method != "GET" {
        let body = format!("{method} is not allowed on {path}; use GET");
        return Answer {
            status: 405,
            allow: Some("GET"),
            body,
        };
    }
    match query::weekday(query) {
        Weekday::Day(day) => page(day),
        Weekday::Today => page(weekday_in_utc(seconds_now())),
        Weekday::Refused(reason) => Answer {
            status: 400,
            allow: None,
            body: reason,
        },
    }
}

/// The page of `day`, worded as renderBook (components/frontend/src/render.ts) words it.
fn page(day: usize) -> Answer {
    let Book { title, author } = &WEEK[day];
    Answer {
        status: 200,
        allow: None,
        body: format!("Today's book is _{title}_ by {author}"),
    }
}

/// By std's clock, on wasm32-wasip2 wasi:clocks/wall-clock@0.2 in both builds, as the app's WASI 0.3
/// components read it too; WASI 0.3's system-clock would be the one import the local runtime lacks.
fn seconds_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// The day of the week in UTC, 0 (Sunday) to 6, as `getUTCDay` gives it; the epoch was a Thursday.
fn weekday_in_utc(seconds: u64) -> usize {
    ((seconds / 86_400 + 4) % 7) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_book_of_the_day() {
        let answer = answer("GET", "/", "weekday=3");
        assert_eq!(
            answer,
            Answer {
                status: 200,
                allow: None,
                body: "Today's book is _My Ántonia_ by Willa Cather".into()
            }
        );
    }

    #[test]
    fn refuses_a_bad_weekday_with_400() {
        let answer = answer("GET", "/", "weekday=7");
        assert_eq!((answer.status, answer.allow), (400, None));
        assert!(answer.body.ends_with("got \"7\""), "{}", answer.body);
    }

    #[test]
    fn refuses_another_method_with_405_and_allow() {
        let body = "POST is not allowed on /; use GET".to_string();
        assert_eq!(
            answer("POST", "/", "weekday=3"),
            Answer {
                status: 405,
                allow: Some("GET"),
                body
            }
        );
    }

    #[test]
    fn counts_weekdays_from_a_thursday() {
        assert_eq!(weekday_in_utc(0), 4);
        // Monday 23 November 2026, 12:00 UTC, and the Sunday before it, one second to midnight.
        assert_eq!(weekday_in_utc(1_795_435_200), 1);
        assert_eq!(weekday_in_utc(1_795_391_999), 0);
    }
}
