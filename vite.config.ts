import { defineConfig } from 'vite'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
  // Every tenant has its own host name; the dev server must accept them all.
  // Tests serve assets through Vite too, without hot reload (its socket's port: VITE_HMR_PORT, bin/test.ts).
  server: { allowedHosts: true, hmr: process.env.NODE_ENV === 'test' ? false : undefined },
  // A tree of its own may keep its own pre-bundled deps (worktrees sharing one node_modules otherwise overwrite each other's).
  cacheDir: process.env.VITE_CACHE_DIR || undefined,
  // Pre-bundled at start: a dependency found only when a page first asks for it (the map's Leaflet,
  // the charts' Chart.js) makes Vite re-optimize and reload, and pages still loading the old bundles fail.
  optimizeDeps: { include: ['leaflet', 'leaflet.markercluster', 'chart.js', '@adonisjs/transmit-client'] },
  plugins: [
    adonisjs({
      entryPoints: [
        'resources/css/app.css',
        'resources/js/app.js',
        'resources/js/charts.js',
        'resources/js/voice.js',
        'resources/js/trends.js',
        'resources/js/planner.js',
        'resources/js/problems_map.js',
        'resources/css/problems_map.css',
        'resources/js/deadline_preview.js',
        'resources/js/opendata_map.js',
        'resources/css/opendata_views.css',
        'resources/js/priorities_map.js',
        'resources/css/priorities_map.css',
        'resources/css/social_publications.css',
        'resources/js/social_gallery_map.js',
        'resources/js/suggestions_map.js',
        'resources/js/social_conversations.js',
        'resources/css/social_conversations.css',
      ],
      reload: ['resources/views/**/*.edge'],
    }),
  ],
})
