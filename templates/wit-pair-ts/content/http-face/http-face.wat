;; The http-face adapter (world http-face in wit/world.wit): serves a guest's
;; {{wit-package}}/plain-http as wasi:http/incoming-handler, for a guest on
;; QuickJS, which cannot build a component that imports wasi:http. It reads
;; the request whole (method, target, headers, and the body up to 1 MiB and
;; one byte more, so that the guest can tell a body past its limit), asks the
;; guest, and sends the guest's reply with its headers, a content-length, and
;; the body in writes of 4096 bytes, the first before the response is set
;; (Spin leaves Nagle's algorithm on: a body after its head can wait 40 ms).
;; Any failure of the host's calls is a trap, which Spin answers with a 500.
;; Memory is handed out by a bump allocator: an instance serves one request.
;; `npm run build:http-face` (build.mjs) makes it a component.
(module
  (import "{{wit-package}}/plain-http@0.1.0" "handle"
    (func $handle (param i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:http/types@0.2.10" "[method]incoming-request.method" (func $method (param i32 i32)))
  (import "wasi:http/types@0.2.10" "[method]incoming-request.path-with-query" (func $path_with_query (param i32 i32)))
  (import "wasi:http/types@0.2.10" "[method]incoming-request.headers" (func $request_headers (param i32) (result i32)))
  (import "wasi:http/types@0.2.10" "[method]incoming-request.consume" (func $consume (param i32 i32)))
  (import "wasi:http/types@0.2.10" "[resource-drop]incoming-request" (func $drop_request (param i32)))
  (import "wasi:http/types@0.2.10" "[method]fields.entries" (func $entries (param i32 i32)))
  (import "wasi:http/types@0.2.10" "[resource-drop]fields" (func $drop_fields (param i32)))
  (import "wasi:http/types@0.2.10" "[method]incoming-body.stream" (func $body_stream (param i32 i32)))
  (import "wasi:http/types@0.2.10" "[resource-drop]incoming-body" (func $drop_incoming_body (param i32)))
  (import "wasi:http/types@0.2.10" "[static]fields.from-list" (func $fields_from_list (param i32 i32 i32)))
  (import "wasi:http/types@0.2.10" "[constructor]outgoing-response" (func $new_response (param i32) (result i32)))
  (import "wasi:http/types@0.2.10" "[method]outgoing-response.set-status-code" (func $set_status (param i32 i32) (result i32)))
  (import "wasi:http/types@0.2.10" "[method]outgoing-response.body" (func $response_body (param i32 i32)))
  (import "wasi:http/types@0.2.10" "[static]response-outparam.set"
    (func $set_response (param i32 i32 i32 i32 i64 i32 i32 i32 i32)))
  (import "wasi:http/types@0.2.10" "[method]outgoing-body.write" (func $body_write (param i32 i32)))
  (import "wasi:http/types@0.2.10" "[static]outgoing-body.finish" (func $body_finish (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.10" "[method]input-stream.blocking-read" (func $read (param i32 i64 i32)))
  (import "wasi:io/streams@0.2.10" "[resource-drop]input-stream" (func $drop_input (param i32)))
  (import "wasi:io/streams@0.2.10" "[method]output-stream.blocking-write-and-flush" (func $write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.10" "[resource-drop]output-stream" (func $drop_stream (param i32)))

  (memory (export "memory") 1)

  ;; The methods wasi:http names, in the order of its `method` variant, at 8 bytes each.
  (data (i32.const 64) "GET\00\00\00\00\00HEAD\00\00\00\00POST\00\00\00\00PUT\00\00\00\00\00DELETE\00\00CONNECT\00OPTIONS\00TRACE\00\00\00PATCH\00\00\00")
  (data (i32.const 136) "\03\04\04\03\06\07\07\05\05")
  (data (i32.const 152) "content-length")
  (data (i32.const 168) "/")
  ;; Where each host call returns its result, then the heap.
  (global $result i32 (i32.const 256))
  (global $next (mut i32) (i32.const 1024))
  ;; The most body read: 1 MiB and one byte.
  (global $body_cap i32 (i32.const 1048577))

  (func $alloc (param $align i32) (param $size i32) (result i32)
    (local $at i32)
    (local.set $at (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1))) (i32.sub (i32.const 0) (local.get $align))))
    (global.set $next (i32.add (local.get $at) (local.get $size)))
    (block $fits
      (br_if $fits (i32.le_u (global.get $next) (i32.shl (memory.size) (i32.const 16))))
      (br_if $fits (i32.ne (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $next) (i32.shl (memory.size) (i32.const 16))) (i32.const 16)) (i32.const 1))) (i32.const -1)))
      unreachable)
    (local.get $at))
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (call $alloc (local.get $align) (local.get $size)))

  ;; The result at $result must be ok (its tag 0), and its first payload word is returned.
  (func $ok (param $payload_at i32) (result i32)
    (if (i32.load8_u (global.get $result)) (then unreachable))
    (i32.load (i32.add (global.get $result) (local.get $payload_at))))

  ;; `value` in decimal at a fresh place; returns its length, the place at $result.
  (func $decimal (param $value i32) (result i32)
    (local $digits i32) (local $rest i32) (local $at i32)
    (local.set $rest (local.get $value))
    (local.set $digits (i32.const 1))
    (block $done (loop $count
      (br_if $done (i32.lt_u (local.get $rest) (i32.const 10)))
      (local.set $rest (i32.div_u (local.get $rest) (i32.const 10)))
      (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
      (br $count)))
    (local.set $at (call $alloc (i32.const 1) (local.get $digits)))
    (i32.store (global.get $result) (local.get $at))
    (local.set $rest (local.get $value))
    (local.set $at (i32.add (local.get $at) (local.get $digits)))
    (loop $digit
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i32.store8 (local.get $at) (i32.add (i32.const 0x30) (i32.rem_u (local.get $rest) (i32.const 10))))
      (local.set $rest (i32.div_u (local.get $rest) (i32.const 10)))
      (br_if $digit (local.get $rest)))
    (local.get $digits))

  ;; Reads the request's body into consecutive memory from $next, until it ends or
  ;; $body_cap bytes have come: each chunk the host returns is allocated right after
  ;; the last, nothing else being allocated in between. Returns its length; it starts
  ;; where $next was.
  (func $read_body (param $request i32) (result i32)
    (local $body i32) (local $stream i32) (local $length i32)
    (call $consume (local.get $request) (global.get $result))
    (local.set $body (call $ok (i32.const 4)))
    (call $body_stream (local.get $body) (global.get $result))
    (local.set $stream (call $ok (i32.const 4)))
    (block $ended (loop $more
      (br_if $ended (i32.ge_u (local.get $length) (global.get $body_cap)))
      (call $read (local.get $stream) (i64.extend_i32_u (i32.sub (global.get $body_cap) (local.get $length))) (global.get $result))
      ;; An error but `closed` (its case 1) is a trap.
      (if (i32.load8_u (global.get $result))
        (then
          (br_if $ended (i32.eq (i32.load8_u offset=4 (global.get $result)) (i32.const 1)))
          unreachable))
      (local.set $length (i32.add (local.get $length) (i32.load offset=8 (global.get $result))))
      (br $more)))
    (call $drop_input (local.get $stream))
    (call $drop_incoming_body (local.get $body))
    (local.get $length))

  (func (export "wasi:http/incoming-handler@0.2.10#handle") (param $request i32) (param $response_out i32)
    (local $tag i32) (local $method_ptr i32) (local $method_len i32) (local $target_ptr i32) (local $target_len i32)
    (local $fields i32) (local $in_headers_ptr i32) (local $in_headers_len i32) (local $in_body_ptr i32) (local $in_body_len i32)
    (local $reply i32) (local $count i32) (local $headers i32) (local $entry i32) (local $body_ptr i32) (local $body_len i32)
    (local $response i32) (local $body i32) (local $stream i32) (local $at i32) (local $chunk i32) (local $set i32)

    ;; The method: one of the named ones, or `other` with its own text.
    (call $method (local.get $request) (global.get $result))
    (local.set $tag (i32.load8_u (global.get $result)))
    (if (i32.lt_u (local.get $tag) (i32.const 9))
      (then
        (local.set $method_ptr (i32.add (i32.const 64) (i32.mul (local.get $tag) (i32.const 8))))
        (local.set $method_len (i32.load8_u (i32.add (i32.const 136) (local.get $tag)))))
      (else
        (local.set $method_ptr (i32.load offset=4 (global.get $result)))
        (local.set $method_len (i32.load offset=8 (global.get $result)))))
    ;; The target, `/` when there is none.
    (call $path_with_query (local.get $request) (global.get $result))
    (if (i32.load8_u (global.get $result))
      (then
        (local.set $target_ptr (i32.load offset=4 (global.get $result)))
        (local.set $target_len (i32.load offset=8 (global.get $result))))
      (else
        (local.set $target_ptr (i32.const 168))
        (local.set $target_len (i32.const 1))))
    ;; The headers, as wasi:http lists them: a field's name and value bytes lie as the guest's pairs do.
    (local.set $fields (call $request_headers (local.get $request)))
    (call $entries (local.get $fields) (global.get $result))
    (local.set $in_headers_ptr (i32.load (global.get $result)))
    (local.set $in_headers_len (i32.load offset=4 (global.get $result)))
    (call $drop_fields (local.get $fields))
    (local.set $in_body_ptr (global.get $next))
    (local.set $in_body_len (call $read_body (local.get $request)))
    (call $drop_request (local.get $request))

    ;; The guest's reply: status at 0, headers at 4, body at 12.
    (local.set $reply (call $alloc (i32.const 4) (i32.const 20)))
    (call $handle
      (local.get $method_ptr) (local.get $method_len) (local.get $target_ptr) (local.get $target_len)
      (local.get $in_headers_ptr) (local.get $in_headers_len) (local.get $in_body_ptr) (local.get $in_body_len)
      (local.get $reply))
    (local.set $count (i32.load offset=8 (local.get $reply)))
    (local.set $body_ptr (i32.load offset=12 (local.get $reply)))
    (local.set $body_len (i32.load offset=16 (local.get $reply)))

    ;; Its headers, then content-length: a tuple of two strings and a tuple of a string and bytes are laid out alike.
    (local.set $headers (call $alloc (i32.const 4) (i32.mul (i32.add (local.get $count) (i32.const 1)) (i32.const 16))))
    (memory.copy (local.get $headers) (i32.load offset=4 (local.get $reply)) (i32.mul (local.get $count) (i32.const 16)))
    (local.set $entry (i32.add (local.get $headers) (i32.mul (local.get $count) (i32.const 16))))
    (i32.store (local.get $entry) (i32.const 152))
    (i32.store offset=4 (local.get $entry) (i32.const 14))
    (i32.store offset=12 (local.get $entry) (call $decimal (local.get $body_len)))
    (i32.store offset=8 (local.get $entry) (i32.load (global.get $result)))
    (call $fields_from_list (local.get $headers) (i32.add (local.get $count) (i32.const 1)) (global.get $result))
    (local.set $fields (call $ok (i32.const 4)))

    (local.set $response (call $new_response (local.get $fields)))
    (if (call $set_status (local.get $response) (i32.load16_u (local.get $reply))) (then unreachable))
    (call $response_body (local.get $response) (global.get $result))
    (local.set $body (call $ok (i32.const 4)))
    (call $body_write (local.get $body) (global.get $result))
    (local.set $stream (call $ok (i32.const 4)))

    ;; The first 4096 bytes of the body are written before the response is set, so that the host
    ;; has the head and the start of the body at once, and sends them together: Spin 4.1 leaves
    ;; Nagle's algorithm on, and a body that follows its head holds until the client's delayed ACK
    ;; (40 ms) on some requests. The rest follows once the response is set, the host reading it.
    (block $written (loop $next
      (if (i32.lt_u (local.get $at) (local.get $body_len))
        (then
          (local.set $chunk (i32.sub (local.get $body_len) (local.get $at)))
          (if (i32.gt_u (local.get $chunk) (i32.const 4096)) (then (local.set $chunk (i32.const 4096))))
          (call $write (local.get $stream) (i32.add (local.get $body_ptr) (local.get $at)) (local.get $chunk) (global.get $result))
          (drop (call $ok (i32.const 0)))
          (local.set $at (i32.add (local.get $at) (local.get $chunk)))))
      (if (i32.eqz (local.get $set))
        (then
          (call $set_response (local.get $response_out) (i32.const 0) (local.get $response) (i32.const 0) (i64.const 0)
            (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
          (local.set $set (i32.const 1))))
      (br_if $next (i32.lt_u (local.get $at) (local.get $body_len)))))
    (call $drop_stream (local.get $stream))
    (call $body_finish (local.get $body) (i32.const 0) (i32.const 0) (global.get $result))
    (drop (call $ok (i32.const 0)))))
