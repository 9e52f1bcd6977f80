// One build for the three hosts: the Electron main process (index), the browser-mode
// server (server) and the command line (cli) share src/main/core; plus preload and renderer.
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

const contract = resolve(import.meta.dirname, 'src/main/contract');

export default defineConfig({
  main: {
    // Dependencies stay in node_modules (better-sqlite3 is native); build.externalizeDeps defaults on.
    resolve: { alias: { '@contract': contract } },
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          server: resolve(import.meta.dirname, 'src/main/server.ts'),
          cli: resolve(import.meta.dirname, 'src/main/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    resolve: { alias: { '@contract': contract } },
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
      chunkSizeWarningLimit: 4000,
    },
  },
});
