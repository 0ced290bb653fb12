/** A local HTTP server answering from a script: one step per request, then the last step forever. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Step =
  | { status: number; headers?: Record<string, string>; body?: string }
  /** Never answer (the client's timeout must fire). */
  | 'hang'
  /** Drop the connection without an answer (a network error). */
  | 'reset';

export interface ScriptedServer {
  url: string;
  seen: Array<{ method: string; path: string; headers: IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

export async function startScriptedServer(script: Step[]): Promise<ScriptedServer> {
  const seen: ScriptedServer['seen'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const step = script[Math.min(seen.length, script.length) - 1]!;
      if (step === 'hang') return;
      if (step === 'reset') return req.socket.destroy();
      res.writeHead(step.status, { 'content-type': 'application/json', ...(step.headers ?? {}) });
      res.end(step.body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
