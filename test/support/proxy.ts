// A tiny local HTTP proxy for tests: CONNECT tunnels and absolute-URI forwarding, on 127.0.0.1 port 0.
// It records what passed through so a test can prove the client used it.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ProxyRecord {
  /** 'CONNECT' for tunnels, else the forwarded method. */
  method: string;
  /** host:port for CONNECT, the absolute URL otherwise. */
  target: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface TestProxy {
  /** 'http://127.0.0.1:PORT' */
  readonly url: string;
  readonly seen: ProxyRecord[];
  close(): Promise<void>;
}

function splitHostPort(target: string): { host: string; port: number } {
  const at = target.lastIndexOf(':');
  const host = target.slice(0, at).replace(/^\[|\]$/g, '');
  return { host, port: Number(target.slice(at + 1)) };
}

function tunnel(req: http.IncomingMessage, client: net.Socket, head: Buffer, sockets: Set<net.Socket>): void {
  const { host, port } = splitHostPort(req.url ?? '');
  const upstream = net.connect(port, host, () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  sockets.add(upstream);
  upstream.once('close', () => sockets.delete(upstream));
  const end = () => {
    upstream.destroy();
    client.destroy();
  };
  upstream.on('error', () => {
    if (!client.destroyed) client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    end();
  });
  client.on('error', end);
  client.on('close', end);
  upstream.on('close', end);
}

function forward(req: http.IncomingMessage, res: http.ServerResponse): void {
  const upstream = http.request(req.url ?? '', { method: req.method, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

export async function startProxy(): Promise<TestProxy> {
  const seen: ProxyRecord[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', target: req.url ?? '', headers: { ...req.headers } });
    forward(req, res);
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push({ method: 'CONNECT', target: req.url ?? '', headers: { ...req.headers } });
    tunnel(req, client, head, sockets);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    async close() {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
