//! Writes the week into `$OUT_DIR/week.rs` from book-api's week.json, the one
//! source of the seven books, so that the floor serves the books book-api
//! serves without copying them.
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::{env, fs};

/// A week has seven days, Sunday first, a book each.
const DAYS: usize = 7;

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let source = manifest_dir.join("../../book-api/src/week.json");
    println!("cargo:rerun-if-changed={}", source.display());
    let books = week(&source).unwrap_or_else(|problem| panic!("{}: {problem}", source.display()));
    let entries: String = books
        .iter()
        .map(|(title, author)| format!("    Book {{ title: {title:?}, author: {author:?} }},\n"))
        .collect();
    let generated =
        format!("/// The week of week.json, Sunday first.\npub const WEEK: [Book; {DAYS}] = [\n{entries}];\n");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("week.rs");
    fs::write(&out, generated).unwrap_or_else(|error| panic!("{}: cannot write: {error}", out.display()));
}

/// The books of week.json as (title, author), or what is wrong with it, naming the entry and the key.
fn week(source: &Path) -> Result<Vec<(String, String)>, String> {
    let text = fs::read_to_string(source).map_err(|error| format!("cannot read: {error}"))?;
    let value: Value = serde_json::from_str(&text).map_err(|error| format!("not JSON: {error}"))?;
    let books = value.as_array().ok_or("must be an array of books")?;
    if books.len() != DAYS {
        return Err(format!("must hold {DAYS} books, Sunday first, got {}", books.len()));
    }
    books
        .iter()
        .enumerate()
        .map(|(day, book)| Ok((field(book, day, "title")?, field(book, day, "author")?)))
        .collect()
}

fn field(book: &Value, day: usize, key: &str) -> Result<String, String> {
    match book.get(key) {
        Some(Value::String(text)) => Ok(text.clone()),
        Some(other) => Err(format!("[{day}].{key} must be a string, got {other}")),
        None => Err(format!("[{day}] has no \"{key}\"")),
    }
}
