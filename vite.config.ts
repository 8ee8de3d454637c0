import { defineConfig } from 'vite'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
  // Every tenant has its own host name; the dev server must accept them all.
  // Tests serve assets through Vite too, without a hot-reload socket.
  server: { allowedHosts: true, hmr: process.env.NODE_ENV === 'test' ? false : undefined },
  // Pre-bundled at start: found only when the map page asks for it, Leaflet would make Vite re-optimize and reload the page.
  optimizeDeps: { include: ['leaflet'] },
  plugins: [
    adonisjs({
      entryPoints: ['resources/css/app.css', 'resources/js/app.js', 'resources/js/charts.js', 'resources/js/voice.js', 'resources/js/trends.js', 'resources/js/planner.js', 'resources/js/problems_map.js'],
      reload: ['resources/views/**/*.edge'],
    }),
  ],
})
