/*
 * JavaScript entrypoint for Ace. Registers the TypeScript JIT compiler and
 * hands over to bin/console.ts.
 */
import '@poppinss/ts-exec'

await import('./bin/console.js')
