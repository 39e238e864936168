import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app lives in src/web and is served by the API server from dist/web.
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    // Every browser we support knows modulepreload: no polyfill chunk, one request fewer per page.
    modulePreload: { polyfill: false },
    // The anonymous answering page (src/modules/surveys) is its own small entry, not the app.
    rollupOptions: { input: { main: 'src/web/index.html', svar: 'src/web/svar.html' } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
});
