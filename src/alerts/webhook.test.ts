import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postJson, redactUrl, WebhookError } from './webhook';

/** A real HTTP receiver on loopback that answers with the given statuses in turn. */
async function receiver(statuses: number[]) {
  const bodies: Array<{ body: unknown; headers: http.IncomingHttpHeaders }> = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      bodies.push({ body: JSON.parse(data) as unknown, headers: req.headers });
      res.writeHead(statuses.shift() ?? 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/secret-token`,
    bodies,
    close: () => server.close(),
  };
}

describe('postJson', () => {
  it('posts JSON with the idempotency key', async () => {
    const r = await receiver([200]);
    await postJson(r.url, { text: 'hello' }, { idempotencyKey: 'wf/run' });
    expect(r.bodies).toEqual([
      {
        body: { text: 'hello' },
        headers: expect.objectContaining({ 'idempotency-key': 'wf/run' }) as unknown,
      },
    ]);
    r.close();
  });

  it('marks 5xx and 429 as retryable and other 4xx as final, without leaking the token', async () => {
    const r = await receiver([503, 429, 404]);
    for (const retryable of [true, true, false]) {
      const error = (await postJson(r.url, {}).catch((e: unknown) => e)) as WebhookError;
      expect(error).toBeInstanceOf(WebhookError);
      expect(error.retryable).toBe(retryable);
      expect(error.message).not.toContain('secret-token');
    }
    r.close();
  });

  it('calls an unreachable receiver retryable', async () => {
    const error = (await postJson('http://127.0.0.1:9/hook', {}, { timeoutMs: 2000 }).catch(
      (e: unknown) => e,
    )) as WebhookError;
    expect(error.retryable).toBe(true);
    expect(error.status).toBeUndefined();
  });

  it('redacts the path of a webhook URL', () => {
    expect(redactUrl('https://hooks.slack.com/services/T/B/xyz')).toBe('https://hooks.slack.com/…');
  });
});
