import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real HTTP server on loopback that records POSTs and answers with scripted statuses. */
export interface WebhookReceiver {
  readonly url: string;
  /** Bodies of the requests answered with 2xx. */
  readonly delivered: unknown[];
  /** Every request, whatever the answer. */
  readonly attempts: number;
  close(): Promise<void>;
}

/** Starts a receiver; `statuses` are answered in order, then 200. */
export async function startWebhookReceiver(statuses: number[] = []): Promise<WebhookReceiver> {
  const delivered: unknown[] = [];
  let attempts = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      attempts++;
      const status = statuses.shift() ?? 200;
      if (status < 300) delivered.push(JSON.parse(body) as unknown);
      res.writeHead(status).end(status < 300 ? 'ok' : 'try again');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/drift`,
    delivered,
    get attempts() {
      return attempts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
