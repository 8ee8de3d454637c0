import i18nManager from '@adonisjs/i18n/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { systemActor, type Actor } from '#core/audit'
import User from '#modules/identity/models/user'
import Department from '#modules/identity/models/department'
import { SubmitSuggestion, type SubmitInput } from '#modules/suggestions/actions/submit_suggestion'
import { ModerateSuggestion } from '#modules/suggestions/actions/moderate_suggestion'
import { SupportSuggestion } from '#modules/suggestions/actions/support_suggestion'
import { AnswerSuggestionCase } from '#modules/suggestions/actions/answer_suggestion_case'
import type { OfficeCast } from '#tenants/demo_content/cast'

/** The new bus route the demo citizen drew: Festivalny → Yubileyny along Krasnaya and Severnaya streets, [lng, lat]. */
const ROUTE = {
  type: 'LineString',
  coordinates: [
    [39.0031, 45.0561], [38.9925, 45.0527], [38.9815, 45.0489], [38.9724, 45.0452], [38.9652, 45.0414],
    [38.9568, 45.0381], [38.9471, 45.0352], [38.9352, 45.0337], [38.9223, 45.0331], [38.9102, 45.0352],
  ],
}

type Plan = 'moderation' | 'public' | 'sent'

interface DemoSuggestion extends Omit<SubmitInput, 'bodySlug'> {
  author: string
  /** Bodies to address, the first the directory knows; else the directory's first block. */
  bodies: string[]
  plan: Plan
  supporters: number
}

const SUGGESTIONS: DemoSuggestion[] = [
  {
    author: 'citizen@', plan: 'sent', supporters: 7, bodies: ['krasnodar'], category: 'transport_route', municipalityCode: 'krasnodar', route: JSON.stringify(ROUTE),
    title: 'Новый автобусный маршрут Фестивальный — Юбилейный',
    content: 'Прямого маршрута между Фестивальным и Юбилейным микрорайонами нет: дорога занимает 55 минут с пересадкой у Красной площади. Предлагаю маршрут по ул. Красной и Северной с интервалом 15 минут в часы пик и 25 минут днём.\n\nПо данным валидаций, этим путём в будние дни едут около 4 000 человек. Конечные — у ТРЦ «Галерея» и на ул. Гидростроителей, где есть место для разворота.',
  },
  {
    author: 'o.nikitina@demo.krai.local', plan: 'sent', supporters: 5, bodies: ['construction'], category: 'regulation', municipalityCode: 'krasnodar',
    title: 'Минимальная ширина тротуара 2,25 м в региональных нормативах',
    content: 'В региональных нормативах градостроительного проектирования нет минимальной ширины тротуара у школ и поликлиник. Предлагаем записать 2,25 м, как в своде правил 42.13330, и запретить сужать тротуар под парковку.',
  },
  {
    author: 'd.kovalev@demo.krai.local', plan: 'sent', supporters: 5, bodies: ['krasnodar'], category: 'transport_organisation', municipalityCode: 'krasnodar', lat: 45.0448, lng: 38.9776,
    title: 'Выделенная полоса для автобусов на ул. Северной',
    content: 'На ул. Северной от ул. Красной до ул. Калинина утром автобусы стоят в пробке по 10–12 минут. Предлагаем выделенную полосу справа с 7:00 до 10:00 и с 17:00 до 20:00, с камерами фиксации.',
  },
  {
    author: 'm.zaitseva@demo.krai.local', plan: 'public', supporters: 3, bodies: ['krasnodar'], category: 'other', municipalityCode: 'krasnodar', lat: 45.0866, lng: 38.9742,
    title: 'Освещение дорожки от остановки к школе № 101',
    content: 'Дорожка от остановки «Школа» до школы № 101 (200 м вдоль пустыря) не освещена. Зимой дети идут в темноте. Просим поставить 6–8 фонарей.',
  },
  {
    author: 's.petrenko@demo.krai.local', plan: 'moderation', supporters: 0, bodies: ['construction'], category: 'order_change', municipalityCode: 'dinskoy',
    title: 'Ремонт грунтовых подъездов к станицам до начала уборки урожая',
    content: 'Порядок ремонта дорог местного значения ставит грунтовые подъезды в конец очереди. Предлагаем ремонтировать их до 1 июля, до начала уборки, когда по ним идут грузовики с урожаем.',
  },
]

function actorOf(user: User): Actor {
  return { id: user.id, email: user.email, ip: null, userAgent: 'demo:seed' }
}

/**
 * The portal's demo suggestions, through the module's actions: one waiting
 * for moderation, one public and gathering support, and three sent to their
 * bodies over the bus by the moderator — the demo citizen's bus route to
 * Krasnodar (the body accepts it with an order, see answerDemoSuggestions),
 * an organisation's regulation change to a block (rejected with reasons) and
 * a bus lane left waiting in Krasnodar's inbox.
 * Needs the directory of bodies and the demo network's people (seedSocial).
 * Nothing is written when the portal already has suggestions.
 */
export async function seedSuggestions() {
  const counts = { suggestions: 0, supports: 0, sentToBodies: 0 }
  if (await tenantDb().from('suggestions').select('id').first()) return counts
  const moderator = await User.query().where('role', 'moderator').where('status', 'active').orderBy('id').first()
  const known = await tenantDb().from('known_bodies').select('slug', 'kind').orderBy('slug')
  const firstBlock = known.find((body) => body.kind === 'block')?.slug
  if (!moderator || !firstBlock) return counts
  const i18n = i18nManager.locale('ru')
  const moderate = new ModerateSuggestion(actorOf(moderator), i18n.t.bind(i18n))
  const domain = moderator.email.split('@')[1]
  // supporters: the made-up people and the demo accounts, never the author
  const crowd = await User.query().where('status', 'active').whereIn('role', ['citizen', 'expert']).whereNot('email', 'like', '%.invalid').orderBy('id')

  for (const spec of SUGGESTIONS) {
    const email = spec.author.endsWith('@') ? `${spec.author}${domain}` : spec.author
    const author = crowd.find((user) => user.email.toLowerCase() === email.toLowerCase())
    if (!author) continue
    const bodySlug = spec.bodies.find((slug) => known.some((body) => body.slug === slug)) ?? firstBlock
    const { author: _author, bodies: _bodies, plan, supporters, ...input } = spec
    const id = await new SubmitSuggestion().handle({ ...input, bodySlug }, author, i18n)
    counts.suggestions++
    if (plan === 'moderation') continue
    await moderate.publish(id)
    for (const supporter of crowd.filter((user) => user.id !== author.id).slice(0, supporters)) {
      await new SupportSuggestion().handle(id, supporter)
      counts.supports++
    }
    if (plan === 'sent') {
      await moderate.send(id)
      counts.sentToBodies++
    }
  }
  return counts
}

/**
 * A body answers the demo suggestions it received: a bus route is accepted
 * («принято») with an order to its transport (or roads, or lead) department,
 * created and issued by the action; a regulation change is rejected with
 * reasons; anything else waits in the inbox.
 * The answers go back to the portal over the bus. Returns how many it answered.
 */
export async function answerDemoSuggestions(cast: OfficeCast) {
  // the bus lane stays open: a suggestion waiting in the body's inbox for its answer
  const open = await tenantDb().from('suggestion_cases').where('status', 'open').whereIn('category', ['transport_route', 'regulation']).orderBy('id')
  if (!open.length) return 0
  const i18n = i18nManager.locale('ru')
  const t = i18n.t.bind(i18n)
  const department = (await Department.query().whereIn('code', ['transport', 'roads']).where('is_active', true).orderBy('code', 'desc').first()) ?? cast.lead
  const actor = systemActor('demo:seed')
  for (const found of open) {
    const accepted = found.category === 'transport_route'
    await new AnswerSuggestionCase().handle(
      found.id,
      accepted
        ? {
            kind: 'accepted',
            answer: 'Принято. Маршрут включён в план изменения маршрутной сети: открытие в следующем квартале после конкурса на перевозчика, интервал 15 минут в часы пик. Департаменту поручено подготовить паспорт маршрута и расписание.',
            departmentId: department.id,
          }
        : {
            kind: 'rejected',
            answer: 'Отклонено. Минимальная ширина тротуара уже установлена федеральным сводом правил СП 42.13330, который применяется напрямую; дублировать её в региональных нормативах не требуется. Сужение тротуаров под парковки проверяется при согласовании проектов — жалобы на конкретные места направляйте через раздел «Проблемы».',
          },
      cast.head,
      actor,
      t
    )
  }
  return open.length
}
