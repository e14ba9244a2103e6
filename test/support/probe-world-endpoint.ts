/**
 * A ProbeWorld as one AWS endpoint, for a process of its own (the built CLI, given
 * `--endpoint-url`): Run Command is answered by the world's scripted SSM, everything else is
 * passed on to its moto_server. Launches, terminations and agent registrations are recorded as
 * the world's in-process clients record them, so the scenario plays the same either way.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProbeWorld } from './probe-world';

export interface ProbeWorldEndpoint {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  close(): Promise<void>;
}

/** SSM operations the world scripts (moto runs no commands), by X-Amz-Target. */
const SCRIPTED_SSM: Readonly<Record<string, (world: ProbeWorld, input: never) => unknown>> = {
  'AmazonSSM.DescribeInstanceInformation': (world, input) =>
    world.describeInstanceInformation(input),
  'AmazonSSM.SendCommand': (world, input) => world.sendCommand(input),
  'AmazonSSM.GetCommandInvocation': (world, input) => world.getCommandInvocation(input),
};

/** Request headers that describe this hop, not the call. */
const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding']);

export async function serveProbeWorld(world: ProbeWorld): Promise<ProbeWorldEndpoint> {
  const server = createServer((request, response) => {
    answer(world, request, response).catch((error: Error) =>
      reply(response, 500, { __type: 'InternalFailure', message: error.message }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function answer(world: ProbeWorld, request: IncomingMessage, response: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const target = String(request.headers['x-amz-target'] ?? '');

  const scripted = SCRIPTED_SSM[target];
  if (scripted) {
    try {
      reply(response, 200, await scripted(world, JSON.parse(body.toString() || '{}') as never));
    } catch (error) {
      const { name, message } = error as Error;
      reply(response, 400, { __type: name, message });
    }
    return;
  }
  // The agents of booted probes register before the probe looks for them, as in process.
  if (target.endsWith('.ListContainerInstances')) await world.simulateAgents();

  const upstream = await fetch(`${world.moto.endpoint}${request.url}`, {
    method: request.method ?? 'GET',
    headers: Object.fromEntries(
      Object.entries(request.headers)
        .filter(([name]) => !HOP_HEADERS.has(name))
        .map(([name, value]) => [name, String(value)]),
    ),
    ...(body.length > 0 ? { body } : {}),
  });
  const text = await upstream.text();
  const form = new URLSearchParams(body.toString());
  if (form.get('Action') === 'RunInstances') {
    for (const [, id] of text.matchAll(/<instanceId>(i-[0-9a-f]+)<\/instanceId>/g)) {
      if (id) world.recordLaunch(id);
    }
  }
  if (form.get('Action') === 'TerminateInstances') {
    world.recordTermination(
      [...form.entries()].filter(([key]) => key.startsWith('InstanceId.')).map(([, id]) => id),
    );
  }
  response.writeHead(upstream.status, {
    'content-type': upstream.headers.get('content-type') ?? 'text/xml',
  });
  response.end(text);
}

/** A JSON-protocol answer (SSM), errors with `__type` as the SDK reads them. */
function reply(response: ServerResponse, status: number, document: unknown): void {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
  const type = (document as { __type?: string }).__type;
  if (status >= 400 && type) headers['x-amzn-errortype'] = type;
  response.writeHead(status, headers);
  response.end(JSON.stringify(document));
}
