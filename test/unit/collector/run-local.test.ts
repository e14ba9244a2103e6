import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCollector } from '../../../shared/collector/run-local';
import { CollectorRunError } from '../../../shared/errors';

const stubs = mkdtempSync(join(tmpdir(), 'baa-run-local-'));
afterAll(() => rmSync(stubs, { recursive: true, force: true }));

describe('runCollector', () => {
  it('reports a shell that cannot be started as a CollectorRunError naming it', async () => {
    await expect(runCollector({ shell: '/nonexistent/sh' })).rejects.toThrowError(
      new CollectorRunError(
        'could not start the collector with /nonexistent/sh: spawn /nonexistent/sh ENOENT',
      ),
    );
  });

  it('reports a shell that fails as a CollectorRunError with its status', async () => {
    await expect(runCollector({ shell: '/bin/false' })).rejects.toThrowError(
      /exited with status 1/,
    );
  });

  it('stops a collector that hangs, and says after how long', async () => {
    // a uname that never answers, as a wedged command would
    writeFileSync(join(stubs, 'uname'), '#!/bin/sh\nexec sleep 30\n');
    chmodSync(join(stubs, 'uname'), 0o755);
    const started = performance.now();
    await expect(
      runCollector({ root: stubs, env: { PATH: `${stubs}:/usr/bin:/bin` }, timeoutMs: 500 }),
    ).rejects.toThrowError(new CollectorRunError('the collector did not finish within 500 ms'));
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('reads files below the given root', async () => {
    const raw = await runCollector({ root: stubs, env: { PATH: '/usr/bin:/bin' } });
    expect(raw.split('\n')[0]).toMatch(new RegExp(`root=${stubs}$`));
    expect(raw).toMatch(/^@@ end os-release status=1$/m);
  });
});
