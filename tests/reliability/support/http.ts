import http from 'node:http';

export interface RawRequest {
  method?: string;
  /** Path and query, sent as is (no encoding added). */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Send the body chunked (no content-length). */
  chunked?: boolean;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** The server did not answer in time, or dropped the connection. */
export class NoAnswerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NoAnswerError';
  }
}

/**
 * One HTTP request with full control over headers and bytes (fetch adds and checks
 * headers), and a deadline: a server that never answers is a failure, not a hung test.
 */
export function rawRequest(
  baseUrl: string,
  req: RawRequest,
  timeoutMs = 3000,
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
  const headers: Record<string, string> = { ...req.headers };
  if (body && !req.chunked) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method ?? 'GET',
        path: req.path,
        headers,
        // A fresh connection per request: a request the server leaves hanging cannot
        // hold up the next case on a shared keep-alive socket.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => {
          clearTimeout(timer);
          reject(new NoAnswerError(`response broke off: ${e.message}`));
        });
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined; // not JSON: callers look at `text`
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      reject(
        new NoAnswerError(
          `no answer within ${timeoutMs} ms to ${req.method ?? 'GET'} ${req.path.slice(0, 120)}`,
        ),
      );
    }, timeoutMs);
    timer.unref(); // a deadline, not a reason to keep the test process alive
    request.on('error', (e) => {
      clearTimeout(timer);
      reject(new NoAnswerError(`request failed: ${e.message}`, { cause: e }));
    });
    if (body) request.write(body);
    request.end();
  });
}
