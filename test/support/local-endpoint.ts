/**
 * A local HTTP or HTTPS endpoint that records what is posted to it: stands in for a Slack
 * incoming webhook, or for Amazon Q Developer's SNS endpoint (moto delivers `https`
 * subscriptions with Python's requests, so the test certificate is handed to moto_server
 * through REQUESTS_CA_BUNDLE).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface LocalEndpoint {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Answers for the next requests, in order (status, optional headers); then 200 `ok`. */
  answerNext(...answers: { status: number; headers?: Record<string, string> }[]): void;
  stop(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, made with openssl; `caPath` is its PEM. */
export function testCertificate(): { key: string; cert: string; caPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    caPath: join(dir, 'cert.pem'),
  };
}

export async function startLocalEndpoint(tls?: {
  readonly key: string;
  readonly cert: string;
}): Promise<LocalEndpoint> {
  const requests: RecordedRequest[] = [];
  const answers: { status: number; headers?: Record<string, string> }[] = [];
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        path: request.url ?? '/',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = answers.shift() ?? { status: 200 };
      response
        .writeHead(answer.status, answer.headers)
        .end(answer.status === 200 ? 'ok' : 'rate_limited');
    });
  };
  const server = tls ? createHttpsServer(tls, handle) : createHttpServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    answerNext: (...next) => answers.push(...next),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
