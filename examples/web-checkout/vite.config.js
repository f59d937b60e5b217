import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Two pages: the checkout (default entry, inlined wasm) and a slim-entry page (fetched wasm).
// No plugin and no wasm option: @setchain/core needs none.
export default defineConfig({
  build: {
    outDir: process.env.WEB_CHECKOUT_OUT ?? 'dist',
    emptyOutDir: true,
    // The default entry inlines the wasm module (≈ 0.9 MB of base64 before gzip) on purpose.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      input: { checkout: resolve(import.meta.dirname, 'index.html'), slim: resolve(import.meta.dirname, 'slim.html') },
    },
  },
});
