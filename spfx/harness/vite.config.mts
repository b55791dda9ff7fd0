/**
 * The local harness: the web part's own view components (../src/webparts/boardSecretariat/components) in a plain
 * page against the local hub, with the demo personas, so no SharePoint and no SPFx runtime are needed. Built with
 * the root's Vite, React and Fluent UI (aliased, so a spfx/node_modules with SPFx's React 17 is never mixed in);
 * the contract is bundled from its sources as the tabs do.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // JSX by Vite's own transform (the React plugin is the tabs' dependency; no fast refresh is needed here).
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    alias: {
      '@pph/contract': root('contract/src/index.ts'),
      react: root('node_modules/react'),
      'react-dom': root('node_modules/react-dom'),
      '@fluentui/react-components': root('node_modules/@fluentui/react-components'),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Fluent's "use client" marks are for React Server Components; a client-only page has nothing to keep.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
});
