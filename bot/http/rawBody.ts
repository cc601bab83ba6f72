import type { Request } from 'restify';

/** The body was larger than the route takes. */
export class PayloadTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = 'PayloadTooLarge';
  }
}

/**
 * Reads a request body the global body parser left alone (an import: up to 64 MB of CSV,
 * where the JSON API takes 1 MB, and restify's own CSV parser would mangle an export).
 * A declared length over the limit is refused before a byte is read; a chunked body is
 * refused once it passes the limit, and the rest is left for Node to discard (not
 * destroyed, so the refusal can still be answered).
 */
export function readRawBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.header('content-length') ?? Number.NaN);
  if (declared > limit) return Promise.reject(new PayloadTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > limit) {
        cleanUp();
        reject(new PayloadTooLarge(limit));
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = () => {
      cleanUp();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanUp();
      reject(error);
    };
    const cleanUp = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
