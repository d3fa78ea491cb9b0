import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

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

/**
 * Offline and installable (DESIGN.md, "Offline"): a generated service worker
 * precaches the build, the wasm binaries and the recorded results, so after a
 * first visit the lab loads and trains with no network. The page registers
 * it from its own code (src/app/pwa.ts): the CSP forbids an inline register
 * script. 'prompt': a new version waits until the user accepts the reload,
 * which the page offers only when no run is training.
 */
function offline() {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    includeAssets: ['favicon.svg'],
    manifest: {
      name: 'Natural Weights Lab',
      short_name: 'NW Lab',
      description: 'See in the browser why depth-2 networks with natural random weights are still hard to learn.',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#f4f5f7',
      theme_color: '#1f2a44',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      // Chromium reads KaTeX's woff2 faces; the woff and ttf copies are for browsers the lab does not target.
      globPatterns: ['**/*.{js,css,html,svg,png,wasm,woff2,webmanifest}', 'recorded/**/*.json'],
      globIgnores: ['bench/**', '**/bench-*.js', '**/*.map'],
      // The training worker (tfjs and its backends) is about 1.3 MB; the wasm binaries up to 0.45 MB each.
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      navigateFallback: 'index.html',
      navigateFallbackDenylist: [/^\/bench\//],
      cleanupOutdatedCaches: true,
    },
  });
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), offline()],
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
