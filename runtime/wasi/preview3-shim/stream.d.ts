// preview3-shim's stream reader, as the runtime makes one for a request body (see http.d.ts).
export declare class StreamReader {
  constructor(source: AsyncIterable<Uint8Array>);
}
