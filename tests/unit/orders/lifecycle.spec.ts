import { test } from '@japa/runner'
import { nextStatus, ORDER_STATUSES, type OrderStatus, type OrderTransition } from '#modules/orders/lifecycle'

/** The lifecycle of DOMAIN.md, written out: every allowed step and where it leads. */
const ALLOWED: [OrderStatus, OrderTransition, OrderStatus][] = [
  ['draft', 'issue', 'issued'],
  ['issued', 'start', 'in_progress'],
  ['returned', 'start', 'in_progress'],
  ['issued', 'request_extension', 'extension_requested'],
  ['in_progress', 'request_extension', 'extension_requested'],
  ['returned', 'request_extension', 'extension_requested'],
  ['extension_requested', 'decide_extension', 'in_progress'],
  ['issued', 'submit_report', 'report_submitted'],
  ['in_progress', 'submit_report', 'report_submitted'],
  ['returned', 'submit_report', 'report_submitted'],
  ['report_submitted', 'accept', 'accepted'],
  ['report_submitted', 'return', 'returned'],
  ['accepted', 'remove_from_control', 'removed'],
]
const TRANSITIONS: OrderTransition[] = [
  'issue', 'start', 'request_extension', 'decide_extension', 'submit_report', 'accept', 'return', 'remove_from_control',
]

test.group('Orders | lifecycle | allowed transitions', () => {
  test('{0} --{1}--> {2}')
    .with(ALLOWED)
    .run(({ assert }, [from, transition, to]) => {
      assert.equal(nextStatus(from, transition), to)
    })
})

test.group('Orders | lifecycle | forbidden transitions', () => {
  const forbidden = ORDER_STATUSES.flatMap((status) =>
    TRANSITIONS.filter((transition) => !ALLOWED.some(([from, step]) => from === status && step === transition)).map(
      (transition) => [status, transition] as const
    )
  )

  test('{0} cannot {1}')
    .with(forbidden)
    .run(({ assert }, [status, transition]) => {
      assert.throws(() => nextStatus(status, transition), `An order in status "${status}" cannot "${transition}"`)
    })
})
