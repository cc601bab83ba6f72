import type { Next, Request, Response } from 'restify';

/**
 * Refuses request bodies in any content encoding but identity, before the body parser
 * sees them. restify would gunzip a `Content-Encoding: gzip` body, and a body that is not
 * gzip made the decoder fail outside the request's error path: one request ended the
 * process. Teams, the tab and scripts send plain bodies; nothing is lost by refusing.
 */
export function refuseEncodedBodies(req: Request, res: Response, next: Next): void {
  const encoding = (req.header('content-encoding') ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') {
    delete req.headers['content-encoding']; // restify's reader refuses even "identity"
    next();
    return;
  }
  res.send(415, {
    error: {
      code: 'unsupported_content_encoding',
      message: 'Send the request body without a Content-Encoding (identity).',
    },
  });
  next(false);
}
