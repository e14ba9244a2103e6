import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // The collector is a POSIX sh script imported as text (esbuild's `text` loader does the
      // same for the CLI and Lambda bundles), so one file is both run on hosts and shipped in code.
      // The waiver file (waivers.yml) is bundled into the functions the same way.
      name: 'sh-as-text',
      transform(code, id) {
        if (id.endsWith('.sh') || id.endsWith('.yml'))
          return { code: `export default ${JSON.stringify(code)};`, map: null };
        return undefined;
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
