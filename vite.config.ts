import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * No inline script may run, so a value smuggled into the page from a URL can
 * never execute even if it reached the DOM as HTML. KaTeX positions glyphs
 * with style attributes (style-src 'unsafe-inline'); the wasm backend needs
 * 'wasm-unsafe-eval'. Production only: the dev server's hot-reload preamble
 * is an inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
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
