import Municipality from '#modules/identity/models/municipality'
import User from '#modules/identity/models/user'
import Problem from '#modules/problems/models/problem'
import ProblemCase from '#modules/problems/models/problem_case'
import ProblemTheme from '#modules/problems/models/problem_theme'
import { ReportProblem } from '#modules/problems/actions/report_problem'
import { AnswerCase } from '#modules/problems/actions/answer_case'
import { RespondToAnswer } from '#modules/problems/actions/respond_to_answer'
import { dayFromToday, type OfficeCast } from '#tenants/demo_content/cast'

/** Citizens' reports, each on one of the catalog's municipalities (in catalog order). */
const DEMO_PROBLEMS = [
  { theme: 'roads', address: 'ул. Красная, у остановки «Площадь Победы»', description: 'Глубокая яма на проезжей части у остановки, автомобили объезжают её по встречной полосе.' },
  { theme: 'lighting', address: 'пешеходная дорожка вдоль набережной', description: 'Вторую неделю не горят фонари на пешеходной дорожке, вечером идти опасно.' },
  { theme: 'waste', address: 'ул. Советов, 42, контейнерная площадка', description: 'Контейнеры переполнены, мусор не вывозят с прошлой недели, вокруг разносится по двору.' },
  { theme: 'playgrounds', address: 'ул. Крымская, 17, двор', description: 'На детской площадке сломаны качели и торчат болты, дети могут пораниться.' },
  { theme: 'yards', address: 'ул. Ленина, 105, внутридворовой проезд', description: 'Во дворе разрушено асфальтовое покрытие, после дождя стоит большая лужа.' },
  { theme: 'accessibility', address: 'ул. Мира, 8, городская поликлиника', description: 'У входа в поликлинику нет пандуса, маломобильные граждане не могут попасть внутрь.' },
  { theme: 'water', address: 'ул. Октябрьская, 23', description: 'Из-под асфальта течёт вода, вероятно, прорыв водопровода, напор в доме упал.' },
]

/**
 * The portal's sample: problems reported by the demo citizen through the
 * same action as the form, so they are routed by the portal's rules and
 * travel to the blocks over the bus. Themes or municipalities the portal
 * does not have are skipped.
 */
export async function seedProblems() {
  const citizen = await User.query().where('role', 'citizen').where('status', 'active').orderBy('id').first()
  if (!citizen) return 0
  const municipalities = await Municipality.query().orderBy('id').limit(DEMO_PROBLEMS.length)
  let reported = 0
  for (const [index, entry] of DEMO_PROBLEMS.entries()) {
    const theme = await ProblemTheme.findBy('code', entry.theme)
    const municipality = municipalities[index]
    if (!theme || !municipality) continue
    await new ReportProblem().handle(
      {
        themeId: theme.id,
        municipalityId: municipality.id,
        // A few hundred metres from the centre, so markers do not sit on top of each other.
        lat: Number(municipality.lat) + 0.003 * (index + 1),
        lng: Number(municipality.lon) - 0.002 * (index + 1),
        address: `${municipality.adminCenterRu}, ${entry.address}`,
        description: entry.description,
        shareContact: index % 2 === 0,
      },
      citizen
    )
    reported++
  }
  return reported
}

/**
 * A block's follow-up once the bus has delivered the problems: the first
 * one is resolved, the second planned, the rest stay open for the demo
 * queue. The answers travel back to the portal.
 */
export async function answerProblems(cast: OfficeCast) {
  const open = await ProblemCase.query().where('status', 'open').orderBy('id')
  const actor = { id: cast.head.id, email: cast.head.email, ip: null, userAgent: null }
  const answers = [
    { kind: 'resolved' as const, text: 'Работы выполнены подрядной организацией, результат проверен на месте.' },
    { kind: 'planned' as const, text: 'Работы включены в план текущего ремонта.', plannedOn: dayFromToday(30).toJSDate(), needs: 'Выделение средств из резервного фонда' },
  ]
  for (const [index, answer] of answers.entries()) {
    if (open[index]) await new AnswerCase().handle(open[index].id, answer, cast.head, actor)
  }
  return Math.min(open.length, answers.length)
}

/** The portal's last step: the citizen confirms the first resolved problem. */
export async function confirmResolvedProblem() {
  const resolved = await Problem.query().where('status', 'resolved').orderBy('id').first()
  if (!resolved) return 0
  const author = await User.findOrFail(resolved.authorId)
  await new RespondToAnswer().handle(resolved.id, author, 'confirm')
  return 1
}
