import sharp from 'sharp'
import type { ApiClient } from '@japa/api-client'
import { deliverNow } from '#bus/deliver_now'
import type Tenant from '#tenancy/tenant'
import Municipality from '#modules/identity/models/municipality'
import ProblemTheme from '#modules/problems/models/problem_theme'
import ProblemPhoto from '#modules/problems/models/problem_photo'
import User from '#modules/identity/models/user'
import drive from '@adonisjs/drive/services/main'
import { ReportProblem } from '#modules/problems/actions/report_problem'
import RoutingRule from '#modules/problems/models/routing_rule'
import { loadCatalog } from '#tenants/catalog'
import { blockOffice, bodyOffice, ensureTenant, ensureUser, hostOf, inTenant } from '#tests/helpers/tenants'
import { publishDirectory } from '#modules/identity/services/directory'
import { csrfTokenFrom, SESSION_COOKIE, signIn } from '#tests/helpers/http'
import type { Role } from '#modules/identity/roles'

/**
 * A portal with the region's municipalities and its people: two citizens,
 * a moderator and an admin.
 */
export async function problemsPortal(slug: string) {
  const portal = await portalWithPeople(slug, { citizen: 'citizen', neighbour: 'citizen', moderator: 'moderator', admin: 'admin' })
  const { tenant } = portal
  return {
    ...portal,
    krasnodar: await inTenant(tenant, () => Municipality.findByOrFail('code', 'krasnodar')),
    sochi: await inTenant(tenant, () => Municipality.findByOrFail('code', 'sochi')),
    roads: await inTenant(tenant, () => ProblemTheme.findByOrFail('code', 'roads')),
    lighting: await inTenant(tenant, () => ProblemTheme.findByOrFail('code', 'lighting')),
    waste: await inTenant(tenant, () => ProblemTheme.findByOrFail('code', 'waste')),
  }
}

export type ProblemsPortal = Awaited<ReturnType<typeof problemsPortal>>

/**
 * A portal with the region's municipalities and these people (name → role),
 * each signing in as <name>@<slug>.test with TEST_PASSWORD; created in the
 * order given, reused when present.
 */
export async function portalWithPeople<const People extends Record<string, Role>>(slug: string, people: People) {
  const tenant = await ensureTenant(slug, 'portal')
  await fillMunicipalities(tenant)
  const tag = slug.replace(/_/g, '-')
  const users = {} as { [Name in keyof People]: User }
  for (const [name, role] of Object.entries(people)) users[name as keyof People] = await ensureUser(tenant, role, `${name}@${tag}.test`)
  return { tenant, host: hostOf(tenant), ...users }
}

/** The region's municipalities from the catalog into a tenant's table, as provisioning writes them. */
export async function fillMunicipalities(tenant: Tenant) {
  const catalog = await loadCatalog()
  await inTenant(tenant, async () => {
    for (const entry of catalog.municipalities) {
      await Municipality.updateOrCreate(
        { code: entry.code },
        { kind: entry.kind, nameRu: entry.name_ru, nameEn: entry.name_en, adminCenterRu: entry.admin_center_ru, adminCenterEn: entry.admin_center_en, lat: entry.lat, lon: entry.lon }
      )
    }
  })
}

/** A block with a roads and a lighting department, their staff, and the block's head. */
export function problemsBlock(slug: string) {
  return blockOffice(
    slug,
    {
      roads: { nameRu: 'Министерство транспорта и дорог', nameEn: 'Roads' },
      lighting: { nameRu: 'Департамент ЖКХ', nameEn: 'Housing' },
    },
    {
      head: { role: 'head' },
      roadsHead: { role: 'department_head', department: 'roads' },
      roadsExecutor: { role: 'executor', department: 'roads' },
      lightingHead: { role: 'department_head', department: 'lighting' },
    }
  )
}

export type ProblemsBlock = Awaited<ReturnType<typeof problemsBlock>>

/**
 * A municipality's administration with the catalog's local departments
 * (housing and roads staffed; social policy without anybody) and its head.
 */
export function problemsMunicipality(slug: string) {
  return bodyOffice(
    'municipality',
    slug,
    {
      housing: { nameRu: 'Управление ЖКХ', nameEn: 'Housing and Utilities' },
      roads: { nameRu: 'Управление дорожного хозяйства и транспорта', nameEn: 'Roads and Transport' },
      'social-policy': { nameRu: 'Управление социальной политики', nameEn: 'Social Policy' },
    },
    {
      head: { role: 'head' },
      housingHead: { role: 'department_head', department: 'housing' },
      housingExecutor: { role: 'executor', department: 'housing' },
      roadsHead: { role: 'department_head', department: 'roads' },
    }
  )
}

export type ProblemsMunicipality = Awaited<ReturnType<typeof problemsMunicipality>>

/** The body publishes its directory (as after provisioning); deliver it with pump(). */
export function publishDirectoryOf(body: { tenant: Tenant }) {
  return inTenant(body.tenant, () => publishDirectory())
}

/** A rule theme (× municipality) → a department of a block, written directly. */
export function routeRule(portal: ProblemsPortal, themeId: number, block: string, code: string, municipalityId: number | null = null) {
  return inTenant(portal.tenant, () =>
    RoutingRule.updateOrCreate({ themeId, municipalityId }, { targetTenant: block, targetDepartmentCode: code, targetDepartmentName: `Орган ${code} (${block})` })
  )
}

/** Relays and applies every pending message among the tenants until they are quiet. */
export function pump(tenants: Tenant[]) {
  return deliverNow(tenants)
}

/** A JPEG photo with EXIF (camera, owner, GPS-like comment) of the given size. */
export function photoWithExif(width = 3200, height = 2400) {
  return sharp({ create: { width, height, channels: 3, background: { r: 120, g: 140, b: 90 } } })
    .jpeg({ quality: 70 })
    .withExif({ IFD0: { Make: 'SpyCam', Artist: 'Ivan Petrov', Copyright: 'Ivan Petrov' } })
    .toBuffer()
}

export interface UploadField {
  name: string
  buffer: Buffer
  filename: string
}

/**
 * Posts a multipart form from a page like a browser: the page's CSRF token,
 * the same session; the redirect is not followed. A field given a list is
 * sent once per item; `json` asks for JSON (as the pages' scripts do),
 * `locale` sets the language of the answer.
 */
export async function postMultipart(
  client: ApiClient,
  host: string,
  session: string,
  pagePath: string,
  action: string,
  fields: Record<string, string | string[]>,
  files: UploadField[] = [],
  options: { json?: boolean; locale?: 'ru' | 'en' } = {}
) {
  const page = await client.get(pagePath).header('host', host).withCookie(SESSION_COOKIE, session)
  let request = client
    .post(action)
    .header('host', host)
    .header('referer', `http://${host}${pagePath}`)
    .withCookie(SESSION_COOKIE, session)
    .field('_csrf', csrfTokenFrom(page.text()))
  if (options.json) request = request.header('accept', 'application/json')
  if (options.locale) request = request.header('x-locale', options.locale)
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) request = request.field(name, item)
  }
  for (const file of files) request = request.file(file.name, file.buffer, { filename: file.filename })
  return request.redirects(0)
}

/** Signs in and returns the session cookie. */
export async function sessionOf(client: ApiClient, host: string, email: string) {
  const { response, session } = await signIn(client, host, email)
  if (response.status() !== 302 || String(response.header('location')).endsWith('/login')) {
    throw new Error(`sign-in of ${email} failed: ${response.status()} → ${response.header('location')}`)
  }
  return session!
}

/** A citizen's problem in Krasnodar with one small report photo, created directly (no HTTP). */
export async function reportWithPhoto(portal: ProblemsPortal, address = 'Краснодар, ул. Красная, 1') {
  return inTenant(portal.tenant, async () => {
    const problem = await new ReportProblem().handle(
      {
        themeId: portal.roads.id,
        municipalityId: portal.krasnodar.id,
        lat: 45.04,
        lng: 38.98,
        address,
        description: 'Разбитый асфальт у остановки, лужи после каждого дождя.',
      },
      await User.findOrFail(portal.citizen.id)
    )
    const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } }).png().toBuffer()
    const storageKey = `problems/test-${problem.id}.png`
    await drive.use().put(storageKey, bytes)
    const photo = await ProblemPhoto.create({ problemId: problem.id, source: 'report', round: 1, storageKey, mimeType: 'image/png', width: 8, height: 8, size: bytes.length })
    return { problemId: problem.id, photoId: photo.id }
  })
}
