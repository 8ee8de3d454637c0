/**
 * Imported first by every benchmark: its own database (recreated each run)
 * and production settings, before any application module reads them.
 */
process.env.DB_DATABASE = process.env.BENCH_DB_DATABASE || 'krai_bench'
process.env.NODE_ENV = 'production'
process.env.APP_KEY = process.env.APP_KEY || `bench-${Math.random().toString(36).slice(2)}-key-0123456789abcdef`
process.env.LOG_LEVEL = 'error'
process.env.DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'bench-password-1'
