import { tenantDb } from '#tenancy/tenant_model'
import { slugFromCode } from '#tenancy/naming'
import KnownBody from '#modules/identity/models/known_body'
import Municipality from '#modules/identity/models/municipality'
import User from '#modules/identity/models/user'
import Priority from '#modules/priorities/models/priority'
import { SavePriority } from '#modules/priorities/actions/save_priority'
import { CastVote } from '#modules/priorities/actions/cast_vote'
import { SealQuarter } from '#modules/priorities/actions/seal_quarter'
import { chooseResidence } from '#modules/priorities/services/residence'
import { currentQuarter, previousQuarter, quarterEnd, quarterStart } from '#modules/priorities/services/quarters'
import { ballotReceipt } from '#modules/priorities/services/receipts'
import { DEFAULT_POPULATION, DEMO_POPULATIONS } from '#modules/priorities/services/demo_populations'

interface DemoPriority {
  title: string
  description: string
  category: string
  /** The block of the demo catalog that answers for it (used when the portal's directory knows it). */
  block?: string
  /** How much the region's residents care (relative), and how that drifts quarter to quarter. */
  appeal: number
  drift: number
}

/** Regional priorities: what a Kuban resident votes about. */
const REGIONAL: DemoPriority[] = [
  { title: 'Ремонт региональных дорог между станицами', description: 'Капитальный ремонт дорог регионального значения, связывающих станицы и районные центры, с освещением и остановочными павильонами.', category: 'Дороги', block: 'construction', appeal: 10, drift: 1 },
  { title: 'Новые фельдшерско-акушерские пункты в сёлах', description: 'Строительство и оснащение ФАПов в населённых пунктах, где до ближайшей поликлиники больше 10 км.', category: 'Здравоохранение', block: 'social', appeal: 9, drift: 2 },
  { title: 'Строительство школ в растущих микрорайонах', description: 'Новые школы на 1100 мест там, где классы работают в две смены: Краснодар, Анапа, Динской район.', category: 'Образование', block: 'social', appeal: 8, drift: 3 },
  { title: 'Модернизация водоснабжения в курортных городах', description: 'Новые водозаборы и магистральные водоводы, чтобы летом вода шла без графиков отключений.', category: 'ЖКХ', block: 'construction', appeal: 8, drift: -2 },
  { title: 'Обновление пригородных автобусов', description: 'Замена автобусов старше 15 лет на пригородных маршрутах, низкопольные машины с кондиционером.', category: 'Транспорт', block: 'construction', appeal: 6, drift: 2 },
  { title: 'Очистка и благоустройство берегов рек и лиманов', description: 'Расчистка русел Кубани, Протоки и малых рек, пляжи и набережные в станицах.', category: 'Экология', block: 'agro', appeal: 5, drift: 1 },
  { title: 'Спортивные площадки в каждом сельском поселении', description: 'Универсальные площадки с покрытием и освещением, открытые для всех до 22:00.', category: 'Спорт', block: 'resorts', appeal: 5, drift: -1 },
  { title: 'Газификация частного сектора', description: 'Подведение газа до границ участков без оплаты жителями в рамках региональной программы.', category: 'ЖКХ', block: 'construction', appeal: 7, drift: -3 },
  { title: 'Поддержка фермеров и сельхозкооперативов', description: 'Гранты начинающим фермерам, льготные кредиты кооперативам на хранилища и переработку.', category: 'Сельское хозяйство', block: 'agro', appeal: 4, drift: 0 },
  { title: 'Доступная среда в учреждениях культуры', description: 'Пандусы, подъёмники и навигация для маломобильных посетителей в домах культуры и библиотеках.', category: 'Культура', block: 'social', appeal: 3, drift: 1 },
  { title: 'Скоростной интернет в малых населённых пунктах', description: 'Подключение сёл и хуторов с населением от 100 человек к оптоволоконным сетям и мобильной связи 4G.', category: 'Цифровое развитие', block: 'property', appeal: 6, drift: 2 },
  { title: 'Защита от паводков в предгорных районах', description: 'Берегоукрепление, дамбы и системы оповещения в Крымском, Северском, Апшеронском и Туапсинском районах.', category: 'Безопасность', block: 'security', appeal: 4, drift: -1 },
]

/** Municipal priorities of a few municipalities (by code), answered by the municipality itself. */
const MUNICIPAL: Record<string, DemoPriority[]> = {
  krasnodar: [
    { title: 'Развязка на пересечении ул. Ростовское шоссе и Западного обхода', description: 'Двухуровневая развязка, чтобы снять утренние пробки на въезде в город с севера.', category: 'Дороги', appeal: 9, drift: 1 },
    { title: 'Новые детские сады в Прикубанском округе', description: 'Три детских сада на 280 мест в микрорайонах, где очередь больше двух лет.', category: 'Образование', appeal: 8, drift: 2 },
    { title: 'Выделенные полосы для общественного транспорта', description: 'Полосы для автобусов и троллейбусов на ул. Северной, Красных Партизан и Тургенева.', category: 'Транспорт', appeal: 5, drift: -1 },
    { title: 'Парк на месте бывшей промзоны на Карасунских озёрах', description: 'Благоустройство берегов Карасуна: прогулочные дорожки, велодорожки, освещение.', category: 'Благоустройство', appeal: 6, drift: 0 },
  ],
  sochi: [
    { title: 'Ливневая канализация в Центральном районе', description: 'Новые ливнёвки на улицах, которые заливает после каждого сильного дождя.', category: 'ЖКХ', appeal: 8, drift: 0 },
    { title: 'Тротуары вдоль Курортного проспекта', description: 'Непрерывный тротуар и пешеходные переходы от Мацесты до центра.', category: 'Дороги', appeal: 6, drift: 1 },
    { title: 'Поликлиника в Адлере', description: 'Новая взрослая поликлиника на 600 посещений в смену для растущих микрорайонов Адлера.', category: 'Здравоохранение', appeal: 7, drift: 2 },
  ],
  novorossiysk: [
    { title: 'Снижение пыли от цементных заводов', description: 'Контроль выбросов, пылеподавление и мониторинг воздуха с открытыми данными.', category: 'Экология', appeal: 9, drift: 0 },
    { title: 'Реконструкция набережной им. Адмирала Серебрякова', description: 'Обновление покрытия, освещения и малых форм на главной набережной города.', category: 'Благоустройство', appeal: 5, drift: 1 },
    { title: 'Новый маршрут автобуса в Мысхако', description: 'Прямой маршрут из центра в Мысхако с интервалом 15 минут.', category: 'Транспорт', appeal: 4, drift: 2 },
  ],
  anapa: [
    { title: 'Очистные сооружения для чистого моря', description: 'Реконструкция очистных сооружений, чтобы стоки не попадали в море у пляжей.', category: 'Экология', appeal: 9, drift: 1 },
    { title: 'Школа в микрорайоне Алексеевка', description: 'Школа на 1100 мест для семей, переехавших в новые кварталы.', category: 'Образование', appeal: 7, drift: 1 },
    { title: 'Велодорожка вдоль Пионерского проспекта', description: 'Безопасная велодорожка от центра до Джемете и Витязево.', category: 'Транспорт', appeal: 4, drift: -1 },
  ],
  armavir: [
    { title: 'Капитальный ремонт ул. Кирова', description: 'Полная замена покрытия, тротуаров и освещения на главной улице города.', category: 'Дороги', appeal: 7, drift: 0 },
    { title: 'Крытый бассейн для детей', description: 'Бассейн при спортивной школе с бесплатными секциями для детей.', category: 'Спорт', appeal: 5, drift: 2 },
  ],
  gelendzhik: [
    { title: 'Пешеходная тропа на Маркотхском хребте', description: 'Обустроенная экотропа с указателями, смотровыми площадками и местами отдыха.', category: 'Туризм', appeal: 5, drift: 1 },
    { title: 'Парковки у въезда в центр', description: 'Перехватывающие парковки у въезда в город, чтобы разгрузить центр летом.', category: 'Транспорт', appeal: 6, drift: -1 },
    { title: 'Ремонт поликлиники в Кабардинке', description: 'Капитальный ремонт и новое оборудование для амбулатории в Кабардинке.', category: 'Здравоохранение', appeal: 6, drift: 1 },
  ],
}

/** How many sealed quarters before the current one the demo shows (Δrank needs two, the history chart likes more). */
export const DEMO_SEALED_QUARTERS = 3
/** One demo voter per this many residents (so ~1 100 voters region-wide per quarter). */
const RESIDENTS_PER_VOTER = 5000

/** A small deterministic generator (mulberry32): the same seed gives the same ballots in every demo. */
function generator(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Picks `count` different entries, each with a chance proportional to its weight. */
function pickWeighted<T>(random: () => number, entries: { item: T; weight: number }[], count: number): T[] {
  const pool = entries.filter((entry) => entry.weight > 0)
  const chosen: T[] = []
  while (chosen.length < count && pool.length) {
    const total = pool.reduce((sum, entry) => sum + entry.weight, 0)
    let point = random() * total
    const index = pool.findIndex((entry) => (point -= entry.weight) < 0)
    chosen.push(pool.splice(index === -1 ? pool.length - 1 : index, 1)[0].item)
  }
  return chosen
}

/**
 * Demo ballots of a past quarter: voters of every municipality (in
 * proportion to its population) each give one to five votes to regional
 * priorities and their municipality's own, by the priorities' appeal drifting
 * quarter to quarter, on days spread over the quarter. The ballots carry
 * receipts of demo voters who are nobody (negative ids, no account): a
 * ballot never names a person anyway, and no real citizen's allowance is used.
 */
async function pastBallots(quarter: string, age: number, priorities: { priority: Priority; spec: DemoPriority }[], municipalities: string[]) {
  const random = generator(quarter.split('').reduce((hash, char) => Math.imul(hash, 31) + char.charCodeAt(0), 7))
  const start = quarterStart(quarter)
  const days = Math.round(quarterEnd(quarter).diff(start, 'days').days)
  const rows: Record<string, unknown>[] = []
  let voter = 0
  for (const code of municipalities) {
    const voters = Math.max(3, Math.round((DEMO_POPULATIONS[code] ?? DEFAULT_POPULATION) / RESIDENTS_PER_VOTER))
    const choices = priorities
      .filter(({ priority }) => priority.level === 'regional' || priority.municipalityCode === code)
      // an older quarter has each priority's drift `age` steps back
      .map(({ priority, spec }) => ({ item: priority, weight: Math.max(0.5, spec.appeal - spec.drift * age * 0.8 + (priority.level === 'municipal' ? 2 : 0)) }))
    for (let index = 0; index < voters; index++) {
      voter++
      const votes = 1 + Math.floor(random() * 5)
      for (const priority of pickWeighted(random, choices, votes)) {
        const castAt = start.plus({ days: Math.floor(random() * days), minutes: Math.floor(random() * 24 * 60) })
        rows.push({
          receipt: ballotReceipt(-voter, quarter, priority.id),
          quarter,
          priority_id: priority.id,
          municipality_code: code,
          cast_at: castAt.toJSDate(),
          // a few change their mind: withdrawn ballots stay, counted in the method notes
          withdrawn_at: random() < 0.03 ? castAt.plus({ days: 1 }).toJSDate() : null,
        })
      }
    }
  }
  for (let from = 0; from < rows.length; from += 1000) await tenantDb().table('priority_ballots').insert(rows.slice(from, from + 1000))
  return rows.length
}

/**
 * The portal's priorities: a dozen regional ones and a few of six
 * municipalities, open since three quarters ago, with the responsible
 * bodies from the portal's directory (a catalog block by theme, else the
 * directory's blocks in turn; the municipality itself when it is a body).
 * The three past quarters get demo ballots and are sealed by the real
 * sealing (ranks, Δrank, hashes, results sent to the bodies); the current
 * quarter is open, and the demo citizen lives in the first municipality
 * and has cast two votes in it.
 * Nothing is written when the portal already has priorities.
 * Returns the counts.
 */
export async function seedPriorities() {
  if (await Priority.query().select('id').first()) return { priorities: 0, ballots: 0, sealedQuarters: 0 }
  const current = currentQuarter()
  const past = demoSealedQuarters()
  const municipalities = (await Municipality.query().orderByRaw('code collate "C"')).map((municipality) => municipality.code)
  const known = await KnownBody.query().select('slug', 'kind').orderBy('slug')
  const knownSlugs = new Set(known.map((body) => body.slug))
  const knownBlocks = known.filter((body) => body.kind === 'block').map((body) => body.slug)
  let fallback = 0
  // the demo catalog's block by theme; in another catalog, its blocks in turn; none while the directory is empty
  const body = (slug: string | undefined) =>
    slug && knownSlugs.has(slug) ? slug : knownBlocks.length ? knownBlocks[fallback++ % knownBlocks.length] : null

  const save = new SavePriority()
  const created: { priority: Priority; spec: DemoPriority }[] = []
  const entries = [
    ...REGIONAL.map((spec) => ({ spec, municipalityCode: null as string | null, responsible: body(spec.block) })),
    ...Object.entries(MUNICIPAL)
      .filter(([code]) => municipalities.includes(code))
      .flatMap(([code, specs]) => specs.map((spec) => ({ spec, municipalityCode: code, responsible: knownSlugs.has(slugFromCode(code)) ? slugFromCode(code) : null }))),
  ]
  for (const { spec, municipalityCode, responsible } of entries) {
    const draft = await save.handle({
      level: municipalityCode ? 'municipal' : 'regional',
      municipalityCode,
      title: spec.title,
      description: spec.description,
      category: spec.category,
      responsibleBody: responsible,
      opensQuarter: past[0],
      closesQuarter: null,
    })
    const priority = await save.setStatus(draft.id, 'published')
    // published when the first demo quarter opened, as it would have been
    priority.publishedAt = quarterStart(past[0]).plus({ days: -7 })
    await priority.save()
    created.push({ priority, spec })
  }

  let ballots = 0
  // oldest first, so that each quarter's Δrank compares with the one before
  for (const [index, quarter] of past.entries()) {
    ballots += await pastBallots(quarter, past.length - index, created, municipalities)
    await new SealQuarter().handle(quarter)
  }

  // the demo citizen lives in the first municipality with its own priorities and has voted twice this quarter
  const citizen = await User.query().where('role', 'citizen').where('status', 'active').orderBy('id').first()
  const home = Object.keys(MUNICIPAL).find((code) => municipalities.includes(code))
  if (citizen && home) {
    await chooseResidence(citizen, home)
    const regional = created.find(({ priority }) => priority.level === 'regional')!.priority
    const local = created.find(({ priority }) => priority.municipalityCode === home)!.priority
    for (const priority of [regional, local]) await new CastVote().handle(citizen, { priorityId: priority.id, quarter: current })
    ballots += 2
  }
  return { priorities: created.length, ballots, sealedQuarters: past.length }
}

/** The quarters the demo seals, oldest first, by the platform's clock: the three before the current one. */
export function demoSealedQuarters() {
  const quarters = [previousQuarter(currentQuarter())]
  while (quarters.length < DEMO_SEALED_QUARTERS) quarters.unshift(previousQuarter(quarters[0]))
  return quarters
}
