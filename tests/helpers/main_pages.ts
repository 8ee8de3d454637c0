import { lawsuitsOffice, createCase, type LawsuitsOffice } from '#tests/helpers/lawsuits'
import { problemsPortal, reportWithPhoto, type ProblemsPortal } from '#tests/helpers/problems'
import { ensureTenant, ensureUser, hostOf, inOffice } from '#tests/helpers/tenants'
import { CreateOrder } from '#modules/orders/actions/create_order'
import { IssueOrder } from '#modules/orders/actions/issue_order'
import { DateTime } from 'luxon'
import Rating from '#modules/ratings/models/rating'
import RatingEdition from '#modules/ratings/models/rating_edition'
import RatingIndicator from '#modules/ratings/models/rating_indicator'
import { upsertObservations, type ObservationInput } from '#modules/ratings/actions/save_observation'
import { tenantDb } from '#tenancy/tenant_model'
import { rollupBuilder } from '#tenancy/rollup'
import type User from '#modules/identity/models/user'

/** One page of the tour: where it is, who opens it (null: nobody signed in), its name for screenshots. */
export interface MainPage {
  name: string
  host: string
  path: string
  as: User | null
  /** the status the page answers with (200 unless an error page) */
  status?: number
}

export interface MainPages {
  office: LawsuitsOffice
  portal: ProblemsPortal
  controlAdmin: User
  pages: MainPage[]
}

/**
 * A block with orders, court cases and a rating, the Department of Control
 * and the citizens' portal with one problem, and the list of the main pages
 * of all three as their daily users see them. Shared by the HTML validator
 * test and the browser layout tour (screenshots at 1366 and 360 px).
 */
export async function mainPages(prefix: string): Promise<MainPages> {
  const office = await lawsuitsOffice(`${prefix}_block`)
  const control = await ensureTenant(`${prefix}_control`, 'control')
  const controlAdmin = await ensureUser(control, 'admin', `admin@${prefix.replace(/_/g, '-')}-control.test`)
  const portal = await problemsPortal(`${prefix}_portal`)

  const texts = [
    'Подготовить сводный отчёт о ходе капитального ремонта дорог регионального значения за третий квартал с приложением фотоматериалов',
    'Проверить готовность больниц к осенне-зимнему периоду',
    'Представить предложения по сокращению очередей в поликлиниках',
  ]
  const orderIds = await inOffice(office, async () => {
    const ids: number[] = []
    for (const text of texts) {
      const draft = await new CreateOrder().handle(
        { type: 'order', text, deadlineKeyword: 'promptly', responsible: `department:${office.departments.health.id}` },
        office.head
      )
      ids.push((await new IssueOrder().handle(draft, office.head)).id)
    }
    return ids
  })
  const rating = await inOffice(office, async () => {
    const created = await Rating.updateOrCreate(
      { code: 'ASI' },
      { title: 'Национальный рейтинг состояния инвестиционного климата в субъектах Российской Федерации', publisher: 'АСИ', periodicity: 'yearly', alertDropPlaces: 5 }
    )
    const edition = await RatingEdition.updateOrCreate({ ratingId: created.id, period: '2026' }, { publishedOn: DateTime.fromISO('2026-06-01'), methodologyVersion: '3.0', regionsCount: 85 })
    const indicators = [
      { code: 'TOTAL', name: 'Итоговое место в рейтинге', departmentId: null },
      { code: 'A1', name: 'Качество регуляторной среды и административных процедур', departmentId: office.departments.legal.id },
      { code: 'A2', name: 'Эффективность поддержки малого и среднего предпринимательства', departmentId: office.departments.finance.id },
    ]
    const inputs: ObservationInput[] = []
    for (const [position, indicator] of indicators.entries()) {
      const row = await RatingIndicator.updateOrCreate({ ratingId: created.id, code: indicator.code }, { ...indicator, position })
      inputs.push({ indicatorId: row.id, value: 1234.5678 * (position + 1), score: 87.25, rank: 12 + position * 30, districtRank: 2 })
    }
    await tenantDb().transaction((trx) => upsertObservations(trx, edition.id, inputs))
    return { id: created.id, editionId: edition.id }
  })
  // large sums and a decided case: the figures and the monthly outcomes chart have something to show
  await createCase(office, { number: `А32-41877/2026-${prefix}`, claimedAmount: 1_234_567_890.55, ourRole: 'defendant' })
  await createCase(office, { number: `А32-10001/2026-${prefix}`, claimedAmount: 98_765_432.1, ourRole: 'plaintiff', outcome: 'satisfied', awardedAmount: 87_000_000 }, '2026-10-15')
  const { problemId } = await reportWithPhoto(portal)
  // what the every-minute control.refresh_rollup job does: the region pages read the blocks' figures
  await rollupBuilder.refresh()

  const block = office.host
  const page = (name: string, host: string, path: string, as: User | null, status = 200): MainPage => ({ name, host, path, as, status })
  return {
    office,
    portal,
    controlAdmin,
    pages: [
      page('login', block, '/login', null),
      page('dashboard', block, '/dashboard', office.head),
      page('orders', block, '/orders', office.head),
      page('order-card', block, `/orders/${orderIds[0]}`, office.head),
      page('order-new', block, '/orders/new', office.head),
      page('orders-dashboard', block, '/orders/dashboard', office.head),
      page('department-board', block, '/orders/board', office.healthHead),
      page('planner', block, '/planner', office.head),
      page('lawsuits', block, '/lawsuits', office.head),
      page('lawsuits-dashboard', block, '/lawsuits/dashboard', office.head),
      page('ratings', block, '/ratings', office.head),
      page('rating-edition', block, `/ratings/${rating.id}/editions/${rating.editionId}`, office.head),
      page('media', block, '/media', office.head),
      page('staffing', block, '/staffing', office.head),
      page('notifications', block, '/notifications', office.head),
      page('not-found', block, '/no-such-page', office.head, 404),
      page('forbidden', block, '/admin/users', office.healthExecutor, 403),
      page('control', hostOf(control), '/control', controlAdmin),
      page('control-effectiveness', hostOf(control), '/control/effectiveness', controlAdmin),
      page('lawsuits-region', hostOf(control), '/lawsuits/region', controlAdmin),
      page('staffing-region', hostOf(control), '/staffing/region', controlAdmin),
      page('portal-home', portal.host, '/', null),
      page('portal-problems', portal.host, '/problems', null),
      page('portal-problem', portal.host, `/problems/${problemId}`, null),
      page('portal-report', portal.host, '/problems/new', portal.citizen),
      page('portal-priorities', portal.host, '/priorities', portal.citizen),
      page('portal-priority-results', portal.host, '/priorities/results', null),
      page('portal-priority-method', portal.host, '/priorities/method', null),
    ],
  }
}
