import { defineConfig } from 'vite'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
  // Every tenant has its own host name; the dev server must accept them all.
  // Tests serve assets through Vite too, without a hot-reload socket.
  server: { allowedHosts: true, hmr: process.env.NODE_ENV === 'test' ? false : undefined },
  plugins: [
    adonisjs({
      entryPoints: ['resources/css/app.css', 'resources/js/app.js', 'resources/js/charts.js'],
      reload: ['resources/views/**/*.edge'],
    }),
  ],
})
