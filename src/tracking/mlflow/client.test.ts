import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MlflowClient } from './client';
import { MlflowError } from './errors';

/** A real HTTP server on loopback that answers every request with `reply` and remembers what it got. */
async function fakeMlflow(reply: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      reply(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (status: number, body: unknown) => (_req: http.IncomingMessage, res: http.ServerResponse) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

async function failure(promise: Promise<unknown>): Promise<MlflowError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MlflowError);
  return error as MlflowError;
}

describe('MlflowClient against a real HTTP server', () => {
  let server: Awaited<ReturnType<typeof fakeMlflow>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const client = (overrides: Partial<ConstructorParameters<typeof MlflowClient>[0]> = {}) =>
    new MlflowClient({ trackingUri: server!.url, timeoutMs: 2000, ...overrides });

  it("names the endpoint, status and MLflow's error code on a 4xx, and does not retry it", async () => {
    server = await fakeMlflow(
      json(400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'Changing param values is not allowed.' }),
    );
    const error = await failure(client().logBatch({ runId: 'r1', params: [{ key: 'epochs', value: '7' }] }));
    expect(error.message).toBe(
      'MLflow POST /api/2.0/mlflow/runs/log-batch: HTTP 400 INVALID_PARAMETER_VALUE: Changing param values is not allowed.',
    );
    expect(error).toMatchObject({ status: 400, errorCode: 'INVALID_PARAMETER_VALUE', retryable: false });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      run_id: 'r1',
      metrics: [],
      params: [{ key: 'epochs', value: '7' }],
      tags: [],
    });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
  });

  it('retries a 5xx from a proxy that answers in HTML, quoting the start of the body', async () => {
    server = await fakeMlflow((_req, res) =>
      res.writeHead(503).end('<html><body>Service Unavailable</body></html>'),
    );
    const error = await failure(client().getRun('abc'));
    expect(error.message).toBe(
      'MLflow GET /api/2.0/mlflow/runs/get: HTTP 503: <html><body>Service Unavailable</body></html>',
    );
    expect(error.retryable).toBe(true);
    expect(server.requests[0]!.url).toBe('/api/2.0/mlflow/runs/get?run_id=abc');
  });

  it('treats 429 as worth retrying', async () => {
    server = await fakeMlflow(json(429, { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' }));
    expect((await failure(client().createExperiment('x'))).retryable).toBe(true);
  });

  it('returns undefined for an experiment MLflow does not have', async () => {
    server = await fakeMlflow(
      json(404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'no such experiment' }),
    );
    await expect(client().getExperimentByName('LegalAid_Connect_Matchmaking')).resolves.toBeUndefined();
    expect(server.requests[0]!.url).toBe(
      '/api/2.0/mlflow/experiments/get-by-name?experiment_name=LegalAid_Connect_Matchmaking',
    );
  });

  it('reports a server that is not listening as unreachable and retryable', async () => {
    server = await fakeMlflow(json(200, {}));
    const { url } = server;
    await server.close();
    const error = await failure(new MlflowClient({ trackingUri: url, timeoutMs: 2000 }).getRun('abc'));
    expect(error.message).toMatch(
      /^MLflow GET \/api\/2\.0\/mlflow\/runs\/get: server http:\/\/127\.0\.0\.1:\d+ unreachable \(.*ECONNREFUSED/,
    );
    expect(error).toMatchObject({ status: undefined, retryable: true });
    server = undefined;
  });

  it('gives up on a server that does not answer within the timeout', async () => {
    server = await fakeMlflow(() => undefined); // never answers
    const started = Date.now();
    const error = await failure(client({ timeoutMs: 300 }).getRun('abc'));
    expect(error.message).toMatch(
      /^MLflow GET \/api\/2\.0\/mlflow\/runs\/get: no answer from http:\/\/127\.0\.0\.1:\d+ within 300 ms$/,
    );
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('names the missing field when a 200 answer is not what the endpoint documents', async () => {
    server = await fakeMlflow(json(200, { run: { info: { experiment_id: '1' } } }));
    const error = await failure(
      client().createRun({ experimentId: '1', runName: 'r', startTime: 0, tags: [] }),
    );
    expect(error.message).toMatch(
      /^MLflow POST \/api\/2\.0\/mlflow\/runs\/create: answered 200 with an unexpected body: run\.info\.run_id /,
    );
    expect(error.retryable).toBe(false);
  });

  it('says so when a 200 answer is not JSON', async () => {
    server = await fakeMlflow((_req, res) => res.writeHead(200).end('<html>login</html>'));
    const error = await failure(client().getRegisteredModel('m'));
    expect(error.message).toBe(
      'MLflow GET /api/2.0/mlflow/registered-models/get: answered 200 with a body that is not JSON: <html>login</html>',
    );
  });

  it('keeps a path prefix of the tracking URI and sends basic or bearer credentials', async () => {
    server = await fakeMlflow(json(200, {}));
    await new MlflowClient({
      trackingUri: `${server.url}/mlflow`,
      timeoutMs: 2000,
      username: 'ana',
      password: 's3cret',
    }).updateRun({ runId: 'r1', status: 'FINISHED', endTime: 5 });
    await client({ token: 'tok' }).setRegisteredModelAlias('m', 'champion', '3');
    expect(server.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ['POST', '/mlflow/api/2.0/mlflow/runs/update', `Basic ${Buffer.from('ana:s3cret').toString('base64')}`],
      ['POST', '/api/2.0/mlflow/registered-models/alias', 'Bearer tok'],
    ]);
    expect(JSON.parse(server.requests[1]!.body)).toEqual({ name: 'm', alias: 'champion', version: '3' });
  });

  it('uploads artifact bytes with PUT to the artifact proxy, path segments encoded', async () => {
    server = await fakeMlflow((_req, res) => res.writeHead(200).end()); // MLflow answers an upload with an empty body
    await client().uploadArtifact('1/abc/artifacts/model/weights bin', new Uint8Array([1, 2, 3]));
    expect(server.requests[0]).toMatchObject({
      method: 'PUT',
      url: '/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/model/weights%20bin',
    });
    expect(server.requests[0]!.headers['content-type']).toBe('application/octet-stream');
  });

  it('follows metric history pages', async () => {
    let page = 0;
    server = await fakeMlflow((_req, res) => {
      page++;
      const metric = { key: 'loss', value: 1 / page, timestamp: 10, step: page };
      json(200, page === 1 ? { metrics: [metric], next_page_token: 'p2' } : { metrics: [metric] })(_req, res);
    });
    const history = await client().getMetricHistory('r1', 'loss');
    expect(history.map((m) => m.step)).toEqual([1, 2]);
    expect(server.requests[1]!.url).toContain('page_token=p2');
  });
});
