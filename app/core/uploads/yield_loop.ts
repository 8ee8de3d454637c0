import { setImmediate as nextTurn } from 'node:timers/promises'

/**
 * Lets the event loop serve other requests every `every` calls. Loops that
 * await only promises that resolve at once (validators, parsers) otherwise
 * hold the process for as long as the whole file takes.
 */
export function loopYielder(every = 200) {
  let count = 0
  return async () => {
    if (++count % every === 0) await nextTurn()
  }
}
