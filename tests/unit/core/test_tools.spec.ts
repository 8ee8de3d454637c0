import { test } from '@japa/runner'
import { suitesToRun } from '#core/test_tools'

test.group('Core | test tools | which suites a command line runs', () => {
  test('"{argv}" runs {suites}')
    .with([
      { argv: '', suites: ['unit', 'functional', 'browser'] },
      { argv: 'unit functional', suites: ['unit', 'functional'] },
      { argv: '--files tests/functional/bus/failures.spec.ts,tests/unit/core/clock.spec.ts', suites: ['unit', 'functional'] },
      { argv: '--files=tests/browser/planner/week_view.spec.ts', suites: ['browser'] },
      { argv: 'functional --files tests/browser/planner/week_view.spec.ts', suites: [] },
      { argv: '--files week_view.spec.ts', suites: ['unit', 'functional', 'browser'] },
    ])
    .run(({ assert }, { argv, suites }) => {
      assert.deepEqual(suitesToRun(argv.split(' ').filter(Boolean)), suites)
    })
})
