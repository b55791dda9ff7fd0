/**
 * The tabs' build: one SPA (every page is a path of index.html), the contract bundled from its sources so the
 * tabs validate with the very schemas the API does. The charts library is imported lazily by the dashboard, so it
 * lands in a chunk of its own that no other page loads.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: { '@pph/contract': fileURLToPath(new URL('../contract/src/index.ts', import.meta.url)) },
  },
  // The manifest names the chunks each page needs (the bench counts each tab's first-load JS from it).
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
