import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";

const root = fileURLToPath(new URL(".", import.meta.url));
const api = process.env.API_URL ?? "http://localhost:3000";
// The platform answers these; /assets/base.css styles its own pages (sign-in, demo bank).
const proxied = ["/api", "/auth", "/oidc", "/signin", "/demo-bank", "/openapi.json", "/assets"];

export default defineConfig({
  root,
  // Brotli and gzip copies beside each built file; the server sends them precompressed.
  plugins: [react(), compression({ algorithms: ["brotliCompress", "gzip"], threshold: 0 })],
  // The domain core (pure rules shared with the server): the web app imports it, never copies it.
  resolve: { alias: { "@domain": fileURLToPath(new URL("../src/domain", import.meta.url)) } },
  build: {
    outDir: "dist",
    // Not "assets": the server already answers /assets/base.css for its own pages.
    assetsDir: "app",
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      output: {
        // React and the router change less often than the app: their own file, cached across releases.
        manualChunks(id: string) {
          if (/node_modules\/(react|react-dom|react-router|scheduler)\//.test(id)) return "react";
          if (/node_modules\/(i18next|react-i18next)\//.test(id)) return "i18n";
          return undefined;
        },
      },
    },
    // The chart chunk (ECharts core with the map and line charts and its renderer, ~590 kB, ~200 kB
    // gzip) loads only with the leaders' dashboard and the statistics page, never with the portal.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: api, changeOrigin: false }])),
  },
  preview: {
    port: 4173,
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: api, changeOrigin: false }])),
  },
});
