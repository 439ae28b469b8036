//! The floor on WASI 0.2: bookserver's page (floor-page) from one component
//! exporting wasi:http/incoming-handler, through the `wasi` crate's bindings
//! and nothing more.
use floor_page::{answer, CONTENT_TYPE};
use wasi::exports::http::incoming_handler::Guest;
use wasi::http::types::{Fields, IncomingRequest, Method, OutgoingBody, OutgoingResponse, ResponseOutparam};

/// A write of wasi:io's output-stream takes at most 4096 bytes.
const MOST_A_WRITE: usize = 4096;

struct Floor;

wasi::http::proxy::export!(Floor);

impl Guest for Floor {
    fn handle(request: IncomingRequest, out: ResponseOutparam) {
        let target = request.path_with_query().unwrap_or_default();
        let (path, query) = target.split_once('?').unwrap_or((&target, ""));
        let answer = answer(&method_name(request.method()), path, query);
        let body = answer.body.as_bytes();

        // With its length, as the frontend answers: Spin would chunk it otherwise.
        let mut headers = vec![
            ("content-type".to_string(), CONTENT_TYPE.as_bytes().to_vec()),
            ("content-length".to_string(), body.len().to_string().into_bytes()),
        ];
        if let Some(allow) = answer.allow {
            headers.push(("allow".to_string(), allow.as_bytes().to_vec()));
        }
        let fields = Fields::from_list(&headers).expect("content-type, content-length and allow are valid fields");
        let response = OutgoingResponse::new(fields);
        response
            .set_status_code(answer.status)
            .expect("the answer's status is a valid one");
        let outgoing = response.body().expect("a new response's body is there to take");
        let stream = outgoing.write().expect("a new body's stream is there to take");

        // The first write before the response is set, so that Spin sends the head and the body
        // together: Spin 4.1 leaves Nagle's algorithm on, and a body that follows its head can
        // wait for the client's delayed ACK (40 ms), as components/http-face says.
        let mut chunks = body.chunks(MOST_A_WRITE);
        stream
            .blocking_write_and_flush(chunks.next().unwrap_or_default())
            .expect("the body's first write");
        ResponseOutparam::set(out, Ok(response));
        for chunk in chunks {
            stream.blocking_write_and_flush(chunk).expect("a write of the body");
        }
        drop(stream);
        OutgoingBody::finish(outgoing, None).expect("the body is as long as its content-length");
    }
}

/// The method as HTTP spells it.
fn method_name(method: Method) -> String {
    match method {
        Method::Get => "GET",
        Method::Head => "HEAD",
        Method::Post => "POST",
        Method::Put => "PUT",
        Method::Delete => "DELETE",
        Method::Connect => "CONNECT",
        Method::Options => "OPTIONS",
        Method::Trace => "TRACE",
        Method::Patch => "PATCH",
        Method::Other(name) => return name,
    }
    .to_string()
}
