import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm run test:faults`: real server processes through kills, outages and a full disk (see test/faults/README.md).
// One file at a time: the scenarios stop and start services and measure recovery times.
export default defineConfig({
  root: resolve(import.meta.dirname, '..', '..'),
  test: {
    name: 'faults',
    environment: 'node',
    include: ['test/faults/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
