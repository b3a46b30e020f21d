/**
 * The peer of the fan-out benchmark: the least a Node server can do to deliver one message to
 * every socket. A plain `ws` server; `POST /broadcast {"change","bytes"}` sends one text message
 * of `bytes` bytes carrying the change mark to every open socket (`for … of clients: send`, as in
 * the `ws` README), then answers 204. No login, no watch lists, no sequence numbers, no replay
 * buffer: what the proxy does beyond this is what the ratio of their rates measures.
 *
 * `GET /stats` answers the open sockets, the process's memory and CPU time; `?gc=1` runs a full
 * collection first (when started with `--expose-gc`). Started by bench/fanout/run.ts; listens on 127.0.0.1.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { broadcastMessage } from './marks.ts';

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://raw.invalid');
  const path = url.pathname;
  if (request.method === 'POST' && path === '/broadcast') {
    const { change, bytes } = JSON.parse(await readBody(request)) as { change: number; bytes: number };
    const text = broadcastMessage(change, bytes);
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(text);
    response.writeHead(204).end();
  } else if (request.method === 'GET' && path === '/stats') {
    if (url.searchParams.get('gc') === '1') globalThis.gc?.();
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        clients: wss.clients.size,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        cpuUserSeconds: cpu.user / 1e6,
        cpuSystemSeconds: cpu.system / 1e6,
      }),
    );
  } else {
    response.writeHead(404).end();
  }
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (socket) => socket.on('error', () => socket.terminate()));

server.listen(Number(process.env.RAW_PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`raw-broadcast listening on http://127.0.0.1:${port}`);
});

function stop(): void {
  for (const client of wss.clients) client.terminate();
  server.close(() => process.exit(0));
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
