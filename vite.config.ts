import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Two builds share this file:
// - default: the widget app and chat chunk (ES modules loaded by the loader with import()) and the console page;
// - `--mode loader`: widget.js, a classic IIFE script that host pages include with <script async src>.
export default defineConfig(({ mode }) => {
  if (mode === 'loader') {
    return {
      publicDir: false,
      build: {
        outDir: 'dist/public',
        emptyOutDir: false,
        target: 'es2020',
        cssTarget: ['chrome100', 'firefox100', 'safari15'],
        lib: {
          entry: resolve('widget/loader/main.ts'),
          formats: ['iife'],
          name: 'ParleyLoader',
          fileName: () => 'widget.js',
        },
      },
    };
  }
  return {
    plugins: [preact()],
    publicDir: false,
    base: './',
    build: {
      outDir: 'dist/public',
      emptyOutDir: false,
      target: 'es2020',
      modulePreload: false,
      rollupOptions: {
        input: {
          app: resolve('widget/app/main.tsx'),
          console: resolve('widget/console/index.html'),
        },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'app' ? 'widget/app.js' : 'assets/[name]-[hash].js'),
          chunkFileNames: 'assets/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
        },
        preserveEntrySignatures: 'exports-only',
      },
    },
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            environment: 'node',
            include: ['test/unit/**/*.test.ts'],
            // Type tests (*.test-d.ts: expectTypeOf, @ts-expect-error) run in the type checker with the rest.
            typecheck: {
              enabled: true,
              include: ['test/unit/**/*.test-d.ts'],
              tsconfig: 'tsconfig.json',
              // Errors elsewhere fail `npm run typecheck`; here only the type tests count.
              ignoreSourceErrors: true,
            },
          },
        },
        {
          extends: true,
          test: {
            name: 'components',
            environment: 'jsdom',
            // test/security/*.test.tsx: what the console shows of hostile visitor input.
            include: ['test/components/**/*.test.{ts,tsx}', 'test/security/**/*.test.tsx'],
            setupFiles: ['test/support/components-setup.ts'],
          },
        },
        {
          extends: true,
          test: {
            name: 'integration',
            environment: 'node',
            include: ['test/integration/**/*.test.ts', 'test/security/**/*.test.ts'],
            // Two nodes need a shared PostgreSQL and Redis: CI provides them (.ci/services.sh).
            exclude: [
              ...(process.env.DATABASE_URL && process.env.REDIS_URL
                ? []
                : ['test/integration/multi-node.test.ts', 'test/integration/multi-node-processes.test.ts']),
              // Sign-out across nodes needs Redis (the nodes share an SQLite file).
              ...(process.env.REDIS_URL ? [] : ['test/security/sign-out-every-node.test.ts']),
              // PostgreSQL's named statements need PostgreSQL.
              ...(process.env.DATABASE_URL ? [] : ['test/integration/pg-prepared.test.ts']),
            ],
            testTimeout: 30_000,
            hookTimeout: 30_000,
          },
        },
      ],
    },
  };
});
