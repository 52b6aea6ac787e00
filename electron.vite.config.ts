import { defineConfig } from 'electron-vite';

/**
 * Three bundles: main (plus the browser-mode server and the CLI, which share the core), the
 * sandboxed preload (CommonJS, because sandboxed preloads cannot be ES modules), and the renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: 'src/main/index.ts',
          web: 'src/main/web/start.ts',
          cli: 'src/cli/index.ts',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'src/preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: 'src/renderer/index.html' },
    },
  },
});
