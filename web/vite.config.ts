/// <reference types="vitest/config" />
// The web app's build. The router plugin must come before react() or route code splitting fails
// silently. In development Vite proxies the API's paths to the API on port 3000.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { tanstackRouter } from '@tanstack/router-plugin/vite';

const api = process.env.MEILENSTEIN_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    tanstackRouter({
      target: 'react',
      autoCodeSplitting: true,
      routesDirectory: './src/routes',
      generatedRouteTree: './src/routeTree.gen.ts',
      quoteStyle: 'single',
      semicolons: true,
    }),
    react(),
  ],
  optimizeDeps: {
    // GraphiQL's editor workers are imported with ?worker, which Vite handles in the app but not
    // while pre-bundling dependencies for the dev server.
    exclude: ['graphiql/setup-workers/vite', '@graphiql/react/setup-workers/vite'],
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': api,
      '/health': api,
      '/reports': {
        target: api,
        bypass: (req) => (req.url?.endsWith('/download') ? undefined : req.url),
      },
      '/admin': api,
      '/downloads': api,
      '/attachments': api,
      // The public library's feed and export; its pages are the app's in development.
      '^/commons/(feed\\.atom|export\\.json)$': api,
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test-setup.ts'],
  },
});
