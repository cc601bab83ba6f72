import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the download server did for one request. */
export interface Served {
  path: string;
  /** Body bytes written before the response ended or the client went away. */
  bytes: number;
  /** True when the client closed the connection before the body was complete. */
  cutOff: boolean;
}

/**
 * A stand-in for SharePoint's download endpoint on loopback: fixed files, a file larger
 * than it says or than the limit, one that never finishes, and a redirect elsewhere.
 */
export class FileServer {
  readonly served: Served[] = [];
  readonly files = new Map<string, string | Uint8Array>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private readonly open = new Set<http.ServerResponse>();
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const served: Served = { path, bytes: 0, cutOff: false };
    this.served.push(served);
    this.open.add(res);
    res.on('close', () => {
      this.open.delete(res);
      if (!res.writableEnded) served.cutOff = true;
    });
    const file = this.files.get(path);
    if (file !== undefined) {
      const body = typeof file === 'string' ? Buffer.from(file) : file;
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': body.byteLength });
      served.bytes = body.byteLength;
      res.end(body);
      return;
    }
    switch (path) {
      case '/declared-huge.csv': {
        // Says 100 MB, sends a little, then waits: only the header can refuse it in time.
        res.writeHead(200, { 'content-type': 'text/csv', 'content-length': 100 * 1024 * 1024 });
        res.write('"Identity","Status"\n');
        served.bytes = 20;
        return;
      }
      case '/endless.csv': {
        // No length, and rows for as long as anybody reads (up to 50 MB).
        res.writeHead(200, { 'content-type': 'text/csv' });
        const row = Buffer.from('"someone@hospital.example","Syncing"\n'.repeat(400));
        const pump = () => {
          while (!res.destroyed && served.bytes < 50 * 1024 * 1024) {
            served.bytes += row.byteLength;
            if (!res.write(row)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        pump();
        return;
      }
      case '/slow.csv': {
        // Headers at once, the body never.
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.flushHeaders();
        return;
      }
      case '/moved.csv': {
        // To another host (`localhost` is not `127.0.0.1`), which would serve the file.
        const port = (this.server.address() as AddressInfo).port;
        res.writeHead(302, { location: `http://localhost:${port}/users.csv` });
        res.end();
        return;
      }
      default:
        res.writeHead(404).end();
    }
  }
}
