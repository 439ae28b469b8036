//! The floor on WASI 0.3: bookserver's page (floor-page) from one component
//! exporting wasi:http/handler@0.3.0, Spin 4's default, as the Spin Rust SDK
//! serves it.
use floor_page::{answer, CONTENT_TYPE};
use spin_sdk::http::{HeaderMap, HeaderValue, Request, StatusCode};
use spin_sdk::http_service;

#[http_service]
async fn page(request: Request) -> (StatusCode, HeaderMap, String) {
    let uri = request.uri();
    let answer = answer(request.method().as_str(), uri.path(), uri.query().unwrap_or_default());
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static(CONTENT_TYPE));
    // With its length, as the frontend answers on WASI 0.2: Spin would chunk it otherwise.
    headers.insert("content-length", HeaderValue::from(answer.body.len()));
    if let Some(allow) = answer.allow {
        headers.insert("allow", HeaderValue::from_static(allow));
    }
    let status = StatusCode::from_u16(answer.status).expect("the answer's status is a valid one");
    (status, headers, answer.body)
}
