import { defineConfig } from 'vite'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
  // Every tenant has its own host name; the dev server must accept them all.
  // Tests serve assets through Vite too, without hot reload; Vite's socket still opens (pages connect to it),
  // on a port of the run's own (20000 + PORT): not the default 24678 a developer's `npm run dev` or the
  // other shard of `npm test` holds, whose server refuses this run's token and fails the console checks.
  server:
    process.env.NODE_ENV === 'test'
      ? { allowedHosts: true, hmr: false, ws: { port: 20000 + Number(process.env.PORT ?? 3334) } }
      : { allowedHosts: true },
  // A tree of its own may keep its own pre-bundled deps (worktrees sharing one node_modules otherwise overwrite each other's).
  cacheDir: process.env.VITE_CACHE_DIR || undefined,
  // Pre-bundled at start: a dependency found only when a page first asks for it (the map's Leaflet,
  // the charts' Chart.js) makes Vite re-optimize and reload, and pages still loading the old bundles fail.
  optimizeDeps: { include: ['leaflet', 'leaflet.markercluster', 'chart.js'] },
  plugins: [
    adonisjs({
      entryPoints: ['resources/css/app.css', 'resources/js/app.js', 'resources/js/charts.js', 'resources/js/voice.js', 'resources/js/trends.js', 'resources/js/planner.js', 'resources/js/problems_map.js', 'resources/css/problems_map.css', 'resources/js/deadline_preview.js', 'resources/js/opendata_map.js', 'resources/css/opendata_views.css', 'resources/js/priorities_map.js', 'resources/css/priorities_map.css'],
      reload: ['resources/views/**/*.edge'],
    }),
  ],
})
