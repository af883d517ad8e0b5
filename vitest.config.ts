import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/{api,content,search}/**/*.test.ts'],
    globalSetup: ['tests/factories/build-admin.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file gets its own databases; files run in parallel on the two cores.
    pool: 'forks',
  },
});
