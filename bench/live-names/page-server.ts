/**
 * The host page's server: another origin than the proxy (another port of 127.0.0.1), as an
 * intranet page embedding the elements would be. It serves one HTML page at `/`, set once the
 * proxy's address and a token are known.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class PageServer {
  private html = '<!doctype html><title>not ready</title>';

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<PageServer> {
    let page: PageServer | undefined;
    const server = createServer((request, response) => {
      if (request.method === 'GET' && (request.url === '/' || request.url?.startsWith('/?'))) {
        // Never cached: the warm load must ask for the page again, as a revisit does.
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        response.end(page?.html);
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    page = new PageServer(server, `http://127.0.0.1:${port}`);
    return page;
  }

  setPage(html: string): void {
    this.html = html;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
