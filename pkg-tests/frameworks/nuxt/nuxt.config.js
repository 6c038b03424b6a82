// The smallest Nuxt app: no pages, one server route (server/api/qstash.post.js).
export default defineNuxtConfig({
  compatibilityDate: "2026-01-01",
  devtools: { enabled: false },
  telemetry: false,
  sourcemap: { server: false, client: false },
});
