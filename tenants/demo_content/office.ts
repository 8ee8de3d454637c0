import { tenantDb } from '#tenancy/tenant_model'
import { systemActor } from '#core/audit'
import type Department from '#modules/identity/models/department'
import Order from '#modules/orders/models/order'
import Programme from '#modules/programmes/models/programme'
import ProgrammeEvent from '#modules/programmes/models/programme_event'
import ProgrammeIndicator from '#modules/programmes/models/programme_indicator'
import { SpawnOrderFromEvent } from '#modules/programmes/actions/spawn_order'
import { SavePlannerItem } from '#modules/planner/actions/save_planner_item'
import type { PlannerItemInput } from '#modules/planner/validators/planner_validators'
import { SavePosition } from '#modules/staffing/actions/save_position'
import { AddStaff, type StaffInput } from '#modules/staffing/actions/add_staff'
import type { KeyPost } from '#modules/staffing/services/risk_rules'
import Rating from '#modules/ratings/models/rating'
import RatingEdition from '#modules/ratings/models/rating_edition'
import RatingIndicator from '#modules/ratings/models/rating_indicator'
import { upsertObservations } from '#modules/ratings/actions/save_observation'
import { refreshAlerts } from '#modules/ratings/services/rating_alerts'
import { SaveCase, type CaseInput } from '#modules/lawsuits/actions/save_case'
import { ScheduleHearing } from '#modules/lawsuits/actions/schedule_hearing'
import { dayFromToday, type OfficeCast } from '#tenants/demo_content/cast'

const actor = systemActor('demo:seed')

/** The n-th department, wrapping around (offices have one to five). */
function nth(cast: OfficeCast, index: number): Department {
  return cast.departments[index % cast.departments.length]
}

/**
 * A regional programme with four events: one done, one lagging behind its
 * plan, one in time, and one that spawned an order (through the same action
 * as the programme page).
 */
export async function seedProgramme(cast: OfficeCast) {
  const programme = await Programme.create({
    kind: 'regional',
    code: 'ГП-07',
    title: 'Государственная программа края «Эффективное государственное управление»',
    description: 'Повышение качества государственных услуг и открытости органов власти',
    departmentId: cast.lead.id,
    startsOn: dayFromToday(-300),
    endsOn: dayFromToday(400),
    createdBy: cast.head.id,
  })
  const events = [
    { title: 'Перевод массовых социально значимых услуг в электронный вид', start: -240, end: -60, done: -70, indicator: ['Доля услуг в электронном виде', '%', 95, 96] },
    { title: 'Обучение служащих работе в региональной системе документооборота', start: -120, end: -10, done: null, indicator: ['Обучено служащих', 'чел.', 400, 260] },
    { title: 'Запуск обратной связи с гражданами через портал', start: -30, end: 45, done: null, indicator: ['Обращений через портал', 'ед.', 5000, 1800] },
    { title: 'Проведение мониторинга качества предоставления услуг', start: 0, end: 25, done: null, indicator: null, spawn: true },
  ] as const
  for (const [index, entry] of events.entries()) {
    const event = await ProgrammeEvent.create({
      programmeId: programme.id,
      title: entry.title,
      departmentId: nth(cast, index).id,
      plannedStart: dayFromToday(entry.start),
      plannedEnd: dayFromToday(entry.end),
      completedOn: entry.done === null ? null : dayFromToday(entry.done),
    })
    if (entry.indicator) {
      const [name, unit, plannedValue, actualValue] = entry.indicator
      await ProgrammeIndicator.create({ eventId: event.id, name, unit, plannedValue, actualValue })
    }
    if ('spawn' in entry) await new SpawnOrderFromEvent().handle(event, cast.head)
  }
  return programme
}

/** The head's week: a weekly staff meeting, a few events and a task tied to an order. */
export async function seedPlanner(cast: OfficeCast) {
  const at = (days: number, time: string) => `${dayFromToday(days).toISODate()} ${time}`
  const order = await Order.query().where('status', 'in_progress').where('special_control', true).orderBy('id').first()
  const items: PlannerItemInput[] = [
    { kind: 'event', title: 'Планёрка с руководителями органов власти блока', startsAt: at(-14, '09:00'), endsAt: at(-14, '10:00'), rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=26', location: 'Зал заседаний, каб. 301', reminders: [30] },
    { kind: 'event', title: 'Заседание Правительства края', startsAt: at(2, '11:00'), endsAt: at(2, '13:00'), location: 'Дом Правительства', reminders: [60] },
    { kind: 'event', title: 'Приём граждан по личным вопросам', startsAt: at(3, '15:00'), endsAt: at(3, '17:00'), location: 'Приёмная, каб. 105' },
    { kind: 'event', title: 'Выездное совещание в муниципальном образовании', startsAt: at(8, '00:00'), allDay: true },
    {
      kind: 'task',
      title: 'Проверить ход исполнения поручения на особом контроле',
      startsAt: at(1, '16:00'),
      reminders: [60],
      ...(order ? { orderId: order.id, notes: `Поручение ${order.number}` } : {}),
    },
  ]
  for (const item of items) await new SavePlannerItem().handle(item, cast.head)
  return items.length
}

interface DemoPosition {
  title: string
  category: string
  approvedFte: number
  keyPost?: KeyPost
  staff: StaffInput[]
}

/** An establishment table per department: filled, acting and vacant posts, so completeness and risks differ. */
function establishment(variant: number): DemoPosition[] {
  const since = (days: number) => dayFromToday(-days).toJSDate()
  return [
    { title: 'Руководитель', category: 'руководители', approvedFte: 1, keyPost: 'head',
      staff: variant === 2 ? [{ status: 'acting', personName: 'Соколова Марина Викторовна', since: since(120) }] : [{ status: 'filled', personName: 'Петров Андрей Николаевич', since: since(900) }] },
    { title: 'Заместитель руководителя', category: 'руководители', approvedFte: 2, keyPost: 'deputy',
      staff: [{ status: 'filled', personName: 'Кузнецова Ольга Сергеевна', since: since(600) }, ...(variant === 1 ? [{ status: 'vacant' as const, since: since(40) }] : [{ status: 'filled' as const, personName: 'Морозов Игорь Павлович', since: since(300) }])] },
    { title: 'Главный бухгалтер', category: 'специалисты', approvedFte: 1, keyPost: 'chief_accountant',
      staff: [{ status: 'filled', personName: 'Лебедева Наталья Ивановна', since: since(1500) }] },
    { title: 'Начальник отдела', category: 'руководители', approvedFte: 3,
      staff: [{ status: 'filled', personName: 'Васильев Денис Олегович', since: since(700) }, { status: 'filled', personName: 'Новикова Елена Андреевна', since: since(200) }, { status: 'vacant', since: since(variant === 0 ? 30 : 130) }] },
    { title: 'Консультант', category: 'специалисты', approvedFte: 4,
      staff: [{ status: 'filled', personName: 'Фёдоров Сергей Александрович', since: since(400) }, { status: 'filled', personName: 'Алексеева Анна Дмитриевна', since: since(350) }, { status: 'filled', personName: 'Смирнов Павел Евгеньевич', since: since(80), rate: 0.5 }, { status: 'filled', personName: 'Козлова Ирина Юрьевна', since: since(60) }] },
    { title: 'Главный специалист-эксперт', category: 'специалисты', approvedFte: 3,
      staff: [{ status: 'filled', personName: 'Попов Артём Владимирович', since: since(500) }, { status: 'filled', personName: 'Волкова Светлана Петровна', since: since(250) }] },
  ]
}

/** Establishment and staff of up to three departments, through the staffing actions. */
export async function seedStaffing(cast: OfficeCast) {
  let positions = 0
  for (const [variant, department] of cast.departments.slice(0, 3).entries()) {
    for (const position of establishment(variant)) {
      const { staff, ...input } = position
      const saved = await new SavePosition().handle(department.id, { ...input, effectiveFrom: dayFromToday(-2000).toJSDate() }, cast.head)
      for (const entry of staff) await new AddStaff().handle(saved, entry, cast.head)
      positions++
    }
  }
  return positions
}

/** Two federal ratings, each with two editions, so places move and alerts show. */
export async function seedRatings(cast: OfficeCast) {
  const ratings = [
    {
      code: 'INVEST', title: 'Национальный рейтинг состояния инвестиционного климата в субъектах РФ', publisher: 'АНО «Агентство стратегических инициатив»', periodicity: 'yearly' as const,
      editions: [['2024', -420], ['2025', -60]] as const,
      indicators: [['A', 'Регуляторная среда', [18, 12]], ['B', 'Институты для бизнеса', [25, 31]], ['C', 'Инфраструктура и ресурсы', [9, 7]], ['D', 'Поддержка малого предпринимательства', [60, 70]]] as const,
    },
    {
      code: 'DIGITAL', title: 'Рейтинг цифровой зрелости органов власти субъектов РФ', publisher: 'Минцифры России', periodicity: 'quarterly' as const,
      editions: [['2026-Q2', -150], ['2026-Q3', -40]] as const,
      indicators: [['D1', 'Доля услуг, оказываемых в электронном виде', [14, 11]], ['D2', 'Обратная связь с гражданами', [33, 41]], ['D3', 'Цифровые компетенции служащих', [52, 48]]] as const,
    },
  ]
  for (const entry of ratings) {
    const rating = await Rating.create({ code: entry.code, title: entry.title, publisher: entry.publisher, periodicity: entry.periodicity, alertDropPlaces: 5, createdBy: cast.head.id })
    const indicators: RatingIndicator[] = []
    for (const [position, [code, name]] of entry.indicators.entries()) {
      indicators.push(await RatingIndicator.create({ ratingId: rating.id, code, name, departmentId: nth(cast, position).id, position }))
    }
    await tenantDb().transaction(async (trx) => {
      for (const [index, [period, published]] of entry.editions.entries()) {
        const edition = await RatingEdition.create(
          { ratingId: rating.id, period, publishedOn: dayFromToday(published), methodologyVersion: '1.0', regionsCount: 89 },
          { client: trx }
        )
        await upsertObservations(
          trx,
          edition.id,
          indicators.map((indicator, position) => ({ indicatorId: indicator.id, rank: entry.indicators[position][2][index], score: 100 - entry.indicators[position][2][index] }))
        )
      }
      await refreshAlerts(rating.id, trx)
    })
  }
  return ratings.length
}

const COURT = 'Арбитражный суд Краснодарского края'

/** A few court cases: open with a hearing soon, decided for and against, and one with an appeal pending. */
export async function seedLawsuits(cast: OfficeCast) {
  const cases: (Omit<CaseInput, 'departmentId'> & { department: number; hearing?: number })[] = [
    { number: 'А32-41877/2026', court: COURT, instance: 'first', category: 'contract', ourRole: 'defendant', claimedAmount: 3_450_000, subject: 'Взыскание задолженности по государственному контракту на ремонт зданий', department: 0, hearing: 5,
      parties: [{ role: 'plaintiff', name: 'ООО «ЮгСтройМонтаж»' }, { role: 'defendant', name: 'Орган исполнительной власти края' }] },
    { number: 'А32-12904/2026', court: COURT, instance: 'first', category: 'procurement', ourRole: 'plaintiff', claimedAmount: 812_500.5, subject: 'Неустойка за просрочку поставки оборудования', department: 1, hearing: 12,
      parties: [{ role: 'plaintiff', name: 'Орган исполнительной власти края' }, { role: 'defendant', name: 'АО «МедТехСнаб»' }] },
    { number: '2а-3318/2026', court: 'Октябрьский районный суд г. Краснодара', instance: 'first', category: 'administrative', ourRole: 'defendant', claimedAmount: 0, subject: 'Оспаривание отказа в предоставлении меры социальной поддержки', department: 2,
      outcome: 'denied', decidedOn: dayFromToday(-35).toJSDate(), parties: [{ role: 'plaintiff', name: 'Гражданин Т.' }] },
    { number: 'А32-7710/2025', court: COURT, instance: 'first', category: 'property', ourRole: 'plaintiff', claimedAmount: 1_200_000, awardedAmount: 950_000, collectedAmount: 400_000, department: 0,
      subject: 'Взыскание арендной платы за пользование краевым имуществом', outcome: 'partially_satisfied', decidedOn: dayFromToday(-90).toJSDate(), parties: [{ role: 'defendant', name: 'ИП Гончаров В. А.' }] },
  ]
  for (const { department, hearing, ...input } of cases) {
    const saved = await tenantDb().transaction((trx) => new SaveCase().handle(trx, { ...input, departmentId: nth(cast, department).id }, actor))
    if (hearing !== undefined) {
      await new ScheduleHearing().handle(saved, { scheduledOn: dayFromToday(hearing).toJSDate(), startsAt: '10:30', courtroom: `зал ${hearing + 3}` }, actor)
    }
  }
  return cases.length
}
