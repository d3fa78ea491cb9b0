import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      // The bare-engine page is built too, so the benchmarks measure the production build.
      input: { main: 'index.html', bench: 'bench/engine.html' },
    },
  },
});
