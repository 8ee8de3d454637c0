import i18nManager from '@adonisjs/i18n/services/main'
import { tenantDb } from '#tenancy/tenant_model'
import { tenantScope } from '#tenancy/tenant_scope'
import { recordAudit, systemActor, type Actor } from '#core/audit'
import User from '#modules/identity/models/user'
import Municipality from '#modules/identity/models/municipality'
import { applyAsExpert, reviewExpert } from '#modules/lawmaking/actions/expertise/review_expert'
import { saveProfile } from '#modules/social/profiles/actions/save_profile'
import { follow, type FollowTarget } from '#modules/social/profiles/actions/follow'
import { applyForOrganisation } from '#modules/social/profiles/actions/apply_for_organisation'
import { reviewOrganisation } from '#modules/social/profiles/actions/review_organisation'
import { answerInvitation, inviteMember } from '#modules/social/profiles/actions/invite_member'
import { publishOfficialAccount } from '#modules/social/profiles/actions/publish_official_account'
import OfficialAccount from '#modules/social/profiles/models/official_account'
import { SavePublication, toggleLike } from '#modules/social/publications/actions/save_publication'
import { addComment, voteOnComment } from '#modules/social/publications/actions/comment'
import Community from '#modules/social/publications/models/community'
import Gallery from '#modules/social/publications/models/gallery'
import type Publication from '#modules/social/publications/models/publication'
import { storeSocialPhotos } from '#modules/social/publications/services/photos'
import { StartConversation } from '#modules/social/conversations/actions/start_conversation'
import { SendMessage } from '#modules/social/conversations/actions/send_message'
import { flagItem } from '#modules/social/moderation/actions/flag'
import type { SubjectCode } from '#modules/social/subjects'
import type { ExpertField } from '#modules/lawmaking/models/expert_profile'
import type { OfficeCast } from '#tenants/demo_content/cast'
import { DemoImages } from '#tenants/demo_content/demo_images'

/** The bodies of the demo catalog that keep an official account on the portal (others may publish theirs later). */
export const OFFICIAL_BODIES = ['construction', 'krasnodar']

const OFFICIAL_ABOUT: Record<string, string> = {
  block: 'Официальный аккаунт. Рассказываем о ремонте дорог, капитальном ремонте домов и программах ЖКХ края, отвечаем на вопросы жителей в рабочие дни.',
  municipality: 'Официальный аккаунт администрации. Новости города, изменения маршрутов общественного транспорта, ответы на предложения жителей.',
}

/**
 * A body of the demo catalog publishes its official account to the portals
 * through the profiles area's real action (the message waits in the body's
 * outbox until delivered). Only the bodies of OFFICIAL_BODIES, or the first
 * block of a catalog whose blocks include none of them. Returns 1 when published.
 */
export async function publishDemoOfficialAccount(cast: OfficeCast, catalogBlocks: string[]) {
  const tenant = tenantScope.currentOrFail()
  const fallback = !catalogBlocks.some((slug) => OFFICIAL_BODIES.includes(slug)) && tenant.slug === catalogBlocks[0]
  const chosen = OFFICIAL_BODIES.includes(tenant.slug) || fallback
  if (!chosen || (tenant.kind !== 'block' && tenant.kind !== 'municipality')) return 0
  await publishOfficialAccount(cast.head, OFFICIAL_ABOUT[tenant.kind], systemActor('demo:seed'))
  return 1
}

interface DemoPerson {
  key: string
  email: string
  name: string
  initials: string
  hue: number
  about: string
  municipality: string
  interests: SubjectCode[]
  expert?: { organisation: string; credentials: string; fields: ExpertField[] }
}

/**
 * The made-up people of the network. `expert` is the portal's demo expert
 * account (it signs in), `citizen` the demo citizen; the rest exist only here
 * (no password: nobody signs in as them).
 */
const PEOPLE: DemoPerson[] = [
  {
    key: 'citizen', email: 'citizen@', name: 'Павел Смирнов', initials: 'ПС', hue: 210, municipality: 'krasnodar', interests: ['transport', 'urban_environment', 'roads'],
    about: 'Живу в Фестивальном микрорайоне, каждый день езжу на работу на автобусе и велосипеде. Интересуюсь тем, как сделать город удобнее для пешеходов и пассажиров.',
  },
  {
    key: 'expert', email: 'expert@', name: 'Андрей Лебедев', initials: 'АЛ', hue: 20, municipality: 'krasnodar', interests: ['transport', 'urban_environment', 'roads'],
    about: 'Транспортный планировщик, 15 лет проектирую маршрутные сети южных городов. Кандидат технических наук, преподаю в КубГТУ.\n\nОтвечаю на вопросы о маршрутах, выделенных полосах и организации движения.',
    expert: { organisation: 'Кубанский государственный технологический университет', credentials: 'Кандидат технических наук (специальность 05.22.01 «Транспортные и транспортно-технологические системы»), доцент кафедры транспортных процессов; диплом и справка с места работы приложены.', fields: ['transport', 'governance'] },
  },
  {
    key: 'ecologist', email: 'i.sokolova@demo.krai.local', name: 'Ирина Соколова', initials: 'ИС', hue: 140, municipality: 'novorossiysk', interests: ['ecology', 'health', 'urban_environment'],
    about: 'Эколог, руковожу лабораторией мониторинга атмосферного воздуха. Помогаю разбираться в данных о выбросах и шуме.',
    expert: { organisation: 'Южный научный центр РАН', credentials: 'Кандидат биологических наук, 20 публикаций по качеству воздуха в портовых городах; аттестат эксперта по экологической экспертизе.', fields: ['environment', 'health'] },
  },
  {
    key: 'cyclist', email: 'd.kovalev@demo.krai.local', name: 'Дмитрий Ковалёв', initials: 'ДК', hue: 100, municipality: 'krasnodar', interests: ['transport', 'sport', 'urban_environment'],
    about: 'Велосипедист и координатор велопробегов. Считаю велодорожки, нахожу разрывы и пишу об этом.',
  },
  {
    key: 'teacher', email: 'e.morozova@demo.krai.local', name: 'Елена Морозова', initials: 'ЕМ', hue: 320, municipality: 'sochi', interests: ['education', 'culture', 'social_support'],
    about: 'Учитель истории в школе Адлера. Веду краеведческий кружок, вожу детей по музеям края.',
  },
  {
    key: 'farmer', email: 's.petrenko@demo.krai.local', name: 'Сергей Петренко', initials: 'СП', hue: 45, municipality: 'dinskoy', interests: ['agriculture', 'roads', 'economy'],
    about: 'Фермер из станицы Динской: овощи и ягоды, 40 гектаров. Знаю всё про дороги между полями и станицей.',
  },
  {
    key: 'chair', email: 'o.nikitina@demo.krai.local', name: 'Ольга Никитина', initials: 'ОН', hue: 270, municipality: 'krasnodar', interests: ['transport', 'urban_environment', 'safety'],
    about: 'Председатель ассоциации «Пешеход Кубани». Безопасные переходы, тротуары без разрывов и доступная среда.',
  },
  {
    key: 'photographer', email: 'a.grigoriev@demo.krai.local', name: 'Алексей Григорьев', initials: 'АГ', hue: 190, municipality: 'novorossiysk', interests: ['tourism', 'culture', 'ecology'],
    about: 'Фотограф, снимаю побережье и старые улицы городов края. Веду галереи о том, как меняются набережные.',
  },
  {
    key: 'mother', email: 'm.zaitseva@demo.krai.local', name: 'Марина Зайцева', initials: 'МЗ', hue: 0, municipality: 'krasnodar', interests: ['social_support', 'housing', 'education'],
    about: 'Мама двоих школьников, живу в Прикубанском округе. Слежу за очередью в детские сады и за безопасной дорогой в школу.',
  },
]

const PUBLICATIONS: Array<{
  author: string
  title: string
  body: string
  subject: SubjectCode
  municipality?: string
  tags: string[]
  photos?: number[]
  community?: boolean
}> = [
  {
    author: 'expert', community: true, subject: 'transport', municipality: 'krasnodar', tags: ['маршруты', 'автобусы'], photos: [11, 12],
    title: 'Почему автобусы в Краснодаре ходят пачками',
    body: 'Утром на остановке «Садовая» три автобуса 56-го маршрута приходят друг за другом, а потом 20 минут нет ни одного.\n\nПричины известны:\n\n- нет выделенных полос на самых загруженных участках;\n- интервал не контролируется диспетчером в реальном времени;\n- перевозчику платят за рейсы, а не за соблюдение расписания.\n\nВ других городах это решили **брутто-контрактами** и выделенками. Что думаете — где в Краснодаре выделенная полоса нужна в первую очередь?',
  },
  {
    author: 'cyclist', community: true, subject: 'transport', municipality: 'krasnodar', tags: ['велодорожки'], photos: [21],
    title: 'Карта разрывов велодорожек: 17 мест, где велосипедист упирается в бордюр',
    body: 'За два выходных мы проехали все велодорожки города и отметили места, где дорожка обрывается без съезда или упирается в парковку.\n\nСамые опасные — на ул. Тургенева у Западного обхода и на Ставропольской у ТЦ. Таблицу с адресами выложу в комментариях, добавляйте свои.',
  },
  {
    author: 'ecologist', subject: 'ecology', municipality: 'novorossiysk', tags: ['воздух', 'мониторинг'],
    title: 'Как читать данные о пыли в Новороссийске',
    body: 'Многие спрашивают, что значат цифры PM2.5 и PM10 на датчиках. Коротко:\n\n1. PM10 — крупная пыль, в том числе цементная; норма среднесуточная 60 мкг/м³.\n2. PM2.5 — мелкие частицы, опаснее для лёгких; норма 35 мкг/м³.\n\nРазовые пики при северо-восточном ветре — ещё не нарушение. Смотрите на среднесуточные значения и на то, как часто они превышают норму.',
  },
  {
    author: 'chair', subject: 'safety', municipality: 'krasnodar', tags: ['пешеходы', 'безопасность'], photos: [31],
    title: 'Пешеходный переход у школы № 101: что сделали за год',
    body: 'Год назад мы собрали 600 подписей за светофор у школы. Теперь там светофор с кнопкой, островок безопасности и освещение.\n\nСпасибо всем, кто подписывал и писал в администрацию. Следующая цель — переход на ул. Уральской у поликлиники.',
  },
  {
    author: 'teacher', subject: 'education', municipality: 'sochi', tags: ['краеведение', 'школа'],
    title: 'Краеведческий маршрут по Адлеру для школьников',
    body: 'Составили с учениками маршрут на 3 часа: крепость Святого Духа, старый маяк, дом-музей. Делимся описанием — берите для своих классов.\n\nЕсли знаете, где в Адлере ещё сохранились дореволюционные дома, напишите в комментариях.',
  },
  {
    author: 'farmer', subject: 'roads', municipality: 'dinskoy', tags: ['дороги', 'станицы'], photos: [41],
    title: 'Дорога от станицы до трассы: 6 км грунтовки',
    body: 'Каждую осень машины с урожаем застревают на 6 км грунтовки от станицы до трассы М-4. Грузовики разбивают дорогу, школьный автобус объезжает через соседнее поселение.\n\nПодали проблему на портал, ждём ответа. Кто из соседних хозяйств готов присоединиться к обращению?',
  },
  {
    author: 'photographer', subject: 'tourism', municipality: 'novorossiysk', tags: ['набережная', 'фото'], photos: [51, 52, 53],
    title: 'Набережная Новороссийска: было и стало',
    body: 'Три снимка с одной точки: 2015, 2020 и этот год. Плитка новая, деревьев стало меньше, а тени нет совсем.\n\nКак думаете, чего набережной не хватает больше всего?',
  },
  {
    author: 'mother', subject: 'social_support', municipality: 'krasnodar', tags: ['детские сады', 'очередь'],
    title: 'Очередь в детский сад: как проверить своё место',
    body: 'Делюсь опытом: место в очереди видно в личном кабинете на Госуслугах, а не только в управлении образования. Если место не двигается больше трёх месяцев — пишите запрос, ответ обязаны дать за 30 дней.',
  },
  {
    author: 'citizen', subject: 'transport', municipality: 'krasnodar', tags: ['маршруты', 'Фестивальный'],
    title: 'Нужен прямой автобус из Фестивального в Юбилейный',
    body: 'Сейчас с пересадкой дорога занимает 55 минут, на машине — 20. Я подал предложение о новом маршруте и нарисовал его на карте. Поддержите, если тоже ездите этим путём.',
  },
  {
    author: 'expert', subject: 'urban_environment', municipality: 'krasnodar', tags: ['остановки'],
    title: 'Остановка без навеса — не остановка',
    body: 'Летом на солнце +45, зимой ветер. На 40% остановок Краснодара нет навеса. Предлагаю начать с тех, где больше всего пассажиров: мы посчитали такие места по данным валидаций.',
  },
]

/** Comments under the publications (by index), with replies; `by` names a person of PEOPLE. */
const COMMENTS: Array<{ on: number; by: string; body: string; replies?: Array<{ by: string; body: string }> }> = [
  { on: 0, by: 'citizen', body: 'На Северной нужна выделенка в первую очередь: там утром стоят все маршруты.', replies: [{ by: 'expert', body: 'Согласен, по замерам там 9 минут задержки на каждом рейсе в час пик.' }, { by: 'mother', body: 'И на Красных Партизан, дети в школу опаздывают.' }] },
  { on: 0, by: 'cyclist', body: 'Главное — чтобы выделенки не занимали такси и парковка.' },
  { on: 1, by: 'chair', body: 'Отличная работа! Добавьте съезд с моста на Яблоновском — там тоже обрыв.', replies: [{ by: 'cyclist', body: 'Добавил, спасибо. Уже 18 мест.' }] },
  { on: 2, by: 'photographer', body: 'А где посмотреть датчики по районам? На Мысхако воздух явно чище.', replies: [{ by: 'ecologist', body: 'На открытых данных портала есть ежедневные измерения по постам.' }] },
  { on: 3, by: 'mother', body: 'Спасибо, наш переход у школы тоже добились так же.' },
  { on: 5, by: 'citizen', body: 'Поддерживаю, такие дороги должны быть в программе ремонта.' },
  { on: 6, by: 'teacher', body: 'Не хватает тени и питьевых фонтанчиков.', replies: [{ by: 'photographer', body: 'Да, и скамеек со спинкой.' }] },
  { on: 8, by: 'expert', body: 'Маршрут разумный: пассажиропоток там есть. Посмотрите на время разворота у Юбилейного.' },
  { on: 8, by: 'cyclist', body: 'Поддержал. Ещё бы велопарковку у конечной.' },
]

function translate() {
  const i18n = i18nManager.locale('ru')
  return i18n.t.bind(i18n)
}

function actorOf(user: User): Actor {
  return { id: user.id, email: user.email, ip: null, userAgent: 'demo:seed' }
}

/**
 * The people of the network: the demo accounts get their profiles, the
 * made-up people their accounts and profiles (avatars drawn and uploaded
 * through the profile action); the two experts apply through law-making's
 * expert profiles and are verified by the portal's moderator (audited).
 */
async function seedPeople(images: DemoImages, moderator: User) {
  const t = translate()
  const domain = (await User.query().whereRaw(`email like 'citizen@%'`).where('role', 'citizen').orderBy('id').first())?.email.split('@')[1]
  const municipalities = new Set((await Municipality.query().select('code')).map((row) => row.code))
  const people = new Map<string, User>()
  for (const person of PEOPLE) {
    const email = person.email.endsWith('@') ? `${person.email}${domain}` : person.email
    let user = await User.query().whereRaw('lower(email) = ?', [email.toLowerCase()]).first()
    if (!user && person.email.endsWith('@')) continue
    user ??= await User.create({ email, fullName: person.name, password: null, role: 'citizen', status: 'active' })
    // the demo accounts' account name too (the header, problems, /citizen/profile), or they would be "Demo citizen" there
    if (user.fullName !== person.name) await user.merge({ fullName: person.name }).save()
    people.set(person.key, user)
    await saveProfile(
      user,
      {
        displayName: person.name,
        about: person.about,
        municipalityCode: municipalities.has(person.municipality) ? person.municipality : undefined,
        interests: person.interests,
        avatarPath: await images.avatar(person.initials, person.hue),
      },
      t
    )
    if (person.expert) {
      const application = await applyAsExpert(user, { publicName: person.name, ...person.expert }, actorOf(user))
      await reviewExpert(application.id, 'verify', null, moderator, actorOf(moderator), t)
      await user.refresh()
    }
  }
  return people
}

/** A verified organisation: the chair applies, the moderator verifies, two people accept invitations. */
async function seedOrganisation(people: Map<string, User>, moderator: User) {
  const t = translate()
  const chair = people.get('chair')!
  const organisation = await applyForOrganisation(
    chair,
    {
      name: 'Ассоциация «Пешеход Кубани»',
      inn: '2308123456',
      ogrn: '1122300001234',
      description: 'Общественная организация жителей Краснодарского края за безопасные улицы: переходы у школ, тротуары без разрывов, доступная среда для маломобильных людей. Проводим аудиты улиц и готовим предложения администрациям.',
      site: 'https://peshehod-kuban.example.org',
      subjects: ['transport', 'urban_environment', 'safety'],
    },
    actorOf(chair),
    t
  )
  await reviewOrganisation(organisation.id, 'verify', null, moderator, actorOf(moderator), t)
  for (const [key, role] of [['cyclist', 'editor'], ['mother', 'member']] as const) {
    const member = people.get(key)!
    await inviteMember(organisation, chair, member.id, role, actorOf(chair), t)
    await answerInvitation(organisation, member, true)
  }
  return organisation
}

/** A subject community created by the portal's moderator, moderated by the transport expert, with members. */
async function seedCommunity(people: Map<string, User>, moderator: User) {
  const expert = people.get('expert')!
  const community = await tenantDb().transaction(async (trx) => {
    const community = await Community.create(
      {
        title: 'Транспорт и улицы Краснодара',
        subjectCode: 'transport',
        description: 'Маршруты, остановки, выделенные полосы, велодорожки и тротуары. Обсуждаем предложения до того, как отправить их в администрацию. Модерирует транспортный планировщик.',
        createdBy: moderator.id,
        membersCount: 0,
      },
      { client: trx }
    )
    await trx.table('social_community_moderators').insert({ community_id: community.id, user_id: expert.id })
    await recordAudit(actorOf(moderator), 'social.community_created', { type: 'social_community', id: community.id }, { title: community.title, moderators: [expert.id] }, trx)
    const members = ['expert', 'cyclist', 'chair', 'citizen', 'mother'].map((key) => people.get(key)).filter((user): user is User => !!user)
    await trx.table('social_community_members').multiInsert(members.map((user) => ({ community_id: community.id, user_id: user.id, created_at: new Date() })))
    await trx.from('social_communities').where('id', community.id).update({ members_count: members.length })
    return community
  })
  return community
}

/** A gallery of the seaside with located photos (the photographer's), through the same photo store. */
async function seedGallery(images: DemoImages, photographer: User) {
  const gallery = await Gallery.create({
    authorId: photographer.id,
    title: 'Набережные Новороссийска',
    description: 'Набережная им. Адмирала Серебрякова, Суджукская коса и Мысхако — осенью, без туристов.',
    subjectCode: 'tourism',
    municipalityCode: 'novorossiysk',
    photosCount: 0,
  })
  const places = [
    { caption: 'Набережная им. Адмирала Серебрякова, утро', lat: 44.7196, lon: 37.7817 },
    { caption: 'Вид на Цемесскую бухту с Суджукской косы', lat: 44.6721, lon: 37.7943 },
    { caption: 'Старый пирс у Мысхако', lat: 44.6668, lon: 37.7496 },
    { caption: 'Сквер у морвокзала после реконструкции', lat: 44.7233, lon: 37.7759 },
  ]
  const stored = await storeSocialPhotos('galleries', await images.uploads(places.map((_, index) => 61 + index)), (photos) =>
    tenantDb().transaction(async (trx) => {
      for (const [index, photo] of photos.entries()) {
        await trx.table('social_gallery_photos').insert({
          gallery_id: gallery.id,
          author_id: photographer.id,
          storage_key: photo.storageKey,
          thumb_key: photo.thumbKey,
          mime_type: photo.mimeType,
          width: photo.width,
          height: photo.height,
          caption: places[index].caption,
          lat: places[index].lat,
          lon: places[index].lon,
          created_at: new Date(),
        })
      }
      await trx.from('social_galleries').where('id', gallery.id).increment('photos_count', photos.length)
      return photos.length
    })
  )
  return stored
}

/**
 * The portal's demo network, written through the areas' own actions: the
 * demo citizen's profile and eight made-up people (two verified experts),
 * a verified organisation with members, a subject community with its expert
 * moderator, ten publications (some with photos, some in the community) with
 * comment threads, votes and likes, a gallery with places, follows so that
 * the demo citizen's feed is full, a conversation of the demo citizen with
 * the expert, and one comment flagged once (waiting in the moderation
 * queue).
 * Nothing is written when the portal already has publications.
 */
export async function seedSocial() {
  const counts = { people: 0, publications: 0, comments: 0, galleryPhotos: 0, messages: 0, flags: 0 }
  if (await tenantDb().from('social_publications').select('id').first()) return counts
  const moderator = await User.query().where('role', 'moderator').where('status', 'active').orderBy('id').first()
  if (!moderator) return counts
  const t = translate()
  const images = new DemoImages()
  try {
    const people = await seedPeople(images, moderator)
    counts.people = people.size
    const person = (key: string) => people.get(key)!
    const organisation = await seedOrganisation(people, moderator)
    const community = await seedCommunity(people, moderator)

    const save = new SavePublication()
    const publications: Publication[] = []
    for (const spec of PUBLICATIONS) {
      const author = people.get(spec.author)
      if (!author) continue
      publications.push(
        await save.handle(
          author,
          {
            title: spec.title,
            body: spec.body,
            subjectCode: spec.subject,
            municipalityCode: spec.municipality ?? null,
            tags: spec.tags,
            communityId: spec.community ? community.id : null,
            photos: spec.photos ? await images.uploads(spec.photos) : [],
          },
          t
        )
      )
    }
    counts.publications = publications.length
    // spread over the last ten days, oldest first, so the feed reads like a week of the network
    for (const [index, publication] of publications.entries()) {
      await tenantDb().from('social_publications').where('id', publication.id).update({ created_at: new Date(Date.now() - (publications.length - index) * 22 * 3600_000) })
    }

    const commentIds: number[] = []
    for (const spec of COMMENTS) {
      const publication = publications[spec.on]
      if (!publication) continue
      const id = await addComment(person(spec.by), publication, { body: spec.body }, t)
      commentIds.push(id)
      for (const reply of spec.replies ?? []) commentIds.push(await addComment(person(reply.by), publication, { body: reply.body, parentId: id }, t))
    }
    counts.comments = commentIds.length
    // votes: the first comments of each thread get a few ups, one a down
    const voters = [...people.values()]
    for (const [index, commentId] of commentIds.entries()) {
      for (const voter of voters.slice(0, (index * 3) % 6)) await voteOnComment(commentId, voter.id, index === 4 && voter === voters[0] ? 'down' : 'up')
    }
    for (const [index, publication] of publications.entries()) {
      for (const liker of voters.filter((user, position) => user.id !== publication.authorId && (position + index) % 3 !== 0)) await toggleLike(publication.id, liker.id, true)
    }

    counts.galleryPhotos = await seedGallery(images, person('photographer'))

    // the demo citizen's follows: the experts, a few people, the organisation, the officials, a subject, the city
    const citizen = people.get('citizen')
    if (citizen) {
      const targets: FollowTarget[] = ['expert', 'ecologist', 'cyclist', 'chair', 'photographer'].map((key) => ({ targetType: 'user', targetKey: String(person(key).id) }))
      targets.push({ targetType: 'organisation', targetKey: String(organisation.id) })
      for (const official of await OfficialAccount.query().orderBy('user_id')) targets.push({ targetType: 'user', targetKey: String(official.userId) })
      targets.push({ targetType: 'subject', targetKey: 'transport' }, { targetType: 'municipality', targetKey: 'krasnodar' })
      for (const target of targets) await follow(citizen.id, target, t)
    }
    // the others follow the demo citizen and each other, so profiles show followers
    for (const key of ['expert', 'cyclist', 'mother', 'chair']) {
      for (const other of ['citizen', 'expert', 'cyclist']) {
        if (key !== other && people.has(key) && people.has(other)) await follow(person(key).id, { targetType: 'user', targetKey: String(person(other).id) }, t)
      }
    }

    // a conversation of the demo citizen with the expert (both demo accounts: it can be continued live)
    if (citizen && people.has('expert')) {
      const expert = person('expert')
      const conversationId = await new StartConversation().handle(citizen.id, {
        recipientIds: [expert.id],
        body: 'Андрей, добрый день! Я подал предложение о маршруте из Фестивального в Юбилейный. Можно ваше мнение как специалиста?',
      })
      const send = new SendMessage()
      await send.handle(expert.id, conversationId, { body: 'Здравствуйте, Павел! Посмотрел. Идея хорошая, пассажиропоток есть. Я бы продлил маршрут до ул. Гидростроителей: там разворот удобнее.' })
      await send.handle(citizen.id, conversationId, { body: 'Спасибо! А с интервалом 15 минут администрация согласится?' })
      await send.handle(expert.id, conversationId, { body: 'В час пик — вероятно. Напишите в предложении, сколько людей едет этим путём: это главный довод. Данные валидаций есть в открытых данных.' })
      counts.messages = 4
    }

    // one comment flagged once (below the auto-hide threshold): it waits in the moderators' queue
    const offTopic = await addComment(person('farmer'), publications[1], { body: 'Продаю саженцы клубники, недорого, доставка по Краснодару. Пишите в личные сообщения!' }, t)
    await flagItem('social.comment', offTopic, person('cyclist').id, 'spam', 'Реклама, к теме не относится')
    counts.comments++
    counts.flags = 1
    return counts
  } finally {
    await images.cleanup()
  }
}
