import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import app from '@adonisjs/core/services/app'
import { ordersOffice, tokensFor, type OrdersOffice } from '#tests/helpers/orders'
import { createItem } from '#tests/helpers/planner'
import { wavFile } from '#tests/helpers/audio'
import { inTenant } from '#tests/helpers/tenants'
import { problemsPortal, type ProblemsPortal } from '#tests/helpers/problems'
import { lawmakingBlock } from '#tests/helpers/lawmaking'
import { publishedPortalDraft, type PublishedPortalDraft } from '#tests/helpers/lawmaking_portal'
import { SubmitRemark } from '#modules/lawmaking/actions/submit_remark'
import { SubmitInitiative } from '#modules/lawmaking/actions/initiatives/submit_initiative'
import { ModerateInitiative } from '#modules/lawmaking/actions/initiatives/moderate_initiative'
import { systemActor } from '#core/audit'

type Schema = Record<string, any>
type Operation = { operationId?: string; parameters?: Schema[]; responses: Record<string, Schema> }
type Spec = { openapi: string; info: Schema; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } }

const SPEC_ID = 'https://krai.invalid/openapi.json'

async function loadSpec(): Promise<Spec> {
  return JSON.parse(await readFile(app.makePath('resources/openapi/openapi.json'), 'utf8'))
}

/** Every occurrence of a keyword in the document, by JSON pointer. */
function keywordPaths(node: unknown, keyword: string, at = '#'): string[] {
  if (Array.isArray(node)) return node.flatMap((value, index) => keywordPaths(value, keyword, `${at}/${index}`))
  if (!node || typeof node !== 'object') return []
  return Object.entries(node).flatMap(([key, value]) => [
    ...(key === keyword ? [at] : []),
    ...keywordPaths(value, keyword, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
  ])
}

function resolve(spec: Spec, schema: Schema): Schema {
  let current = schema
  while (current?.$ref) current = current.$ref.split('/').slice(1).reduce((node: any, part: string) => node[part], spec)
  return current
}

/**
 * Properties of the answer the document does not describe (Ajv lets them
 * through, as the schemas leave additionalProperties open): the document must
 * list every field the API answers, not only the ones it checks.
 */
function undocumented(spec: Spec, data: unknown, schema: Schema, at = ''): string[] {
  const resolved = resolve(spec, schema)
  if (!resolved || data === null || typeof data !== 'object') return []
  if (Array.isArray(data)) return resolved.items ? data.flatMap((value, index) => undocumented(spec, value, resolved.items, `${at}/${index}`)) : []
  const parts = [resolved, ...(resolved.allOf ?? []).map((part: Schema) => resolve(spec, part))]
  const properties: Record<string, Schema> = Object.assign({}, ...parts.map((part) => part.properties ?? {}))
  if (Object.keys(properties).length === 0) return []
  return Object.entries(data).flatMap(([key, value]) =>
    key in properties ? undocumented(spec, value, properties[key], `${at}/${key}`) : [`${at}/${key}`]
  )
}

interface Sample {
  path: string
  /** Without one the request is anonymous (the portal's public API). */
  token?: string
  /** The office's host unless given (the portal's API lives on the portal). */
  host?: string
  /** Arrays in the answer that must hold at least one element, so their item schema is exercised. */
  nonEmpty?: (body: any) => unknown[]
}

let office: OrdersOffice
let tokens: Awaited<ReturnType<typeof tokensFor>>
const ids = { order: 0, attachment: 0, voice: 0, plannerItem: '' as string | number }
let lawmaking: { portal: ProblemsPortal; draft: PublishedPortalDraft; initiativeId: number }

test.group('Platform | OpenAPI conformance', (group) => {
  group.setup(async () => {
    office = await ordersOffice('openapi_ajv')
    // the portal's law-making API: a published draft with a remark and a reply
    const portal = await problemsPortal('openapi_portal')
    const block = await lawmakingBlock('openapi_lawblock')
    const draft = await publishedPortalDraft(portal, block)
    const remark = await inTenant(portal.tenant, () =>
      new SubmitRemark().handle(draft.id, { clauseKey: draft.article1, text: 'Уточнить предмет', proposedWording: 'Новая редакция', fragment: 'регулирует' }, portal.citizen)
    )
    await inTenant(portal.tenant, () => new SubmitRemark().handle(draft.id, { clauseKey: draft.article1, text: 'Поддерживаю', parentId: remark.id }, portal.neighbour))
    const initiative = await inTenant(portal.tenant, async () => {
      const submitted = await new SubmitInitiative().handle(
        { title: 'О пешеходных зонах', problem: 'Нет пешеходных улиц', goal: 'Безопасный центр', proposal: 'Статья 1. Установить пешеходные зоны.', level: 'municipal', municipalityCode: 'krasnodar', subjectArea: 'transport' },
        portal.citizen
      )
      return new ModerateInitiative().handle(submitted.id, 'publish', null, systemActor('test'))
    })
    lawmaking = { portal, draft, initiativeId: initiative.id }
  })
  group.each.setup(async ({ context }) => {
    if (ids.order) return
    tokens = await tokensFor(context.client, office)
    const host = office.host
    const created = await context.client.post('/api/v1/orders').header('host', host).bearerToken(tokens.head).json({
      type: 'order', text: 'Подготовить сводку по паводку', deadlineKeyword: 'promptly',
      responsible: `department:${office.departments.health.id}`, issue: true,
    })
    created.assertStatus(201)
    ids.order = created.body().data.id
    const upload = await context.client
      .post(`/api/v1/orders/${ids.order}/attachments`)
      .header('host', host)
      .bearerToken(tokens.healthHead)
      .file('files[]', Buffer.from('Сводка по паводку'), { filename: 'сводка.txt', contentType: 'text/plain' })
    upload.assertStatus(201)
    ids.attachment = upload.body().data[0].id
    const report = await context.client
      .post(`/api/v1/orders/${ids.order}/report`)
      .header('host', host)
      .bearerToken(tokens.healthHead)
      .json({ text: 'Сводка подготовлена и направлена', completedOn: '2026-11-20' })
    report.assertStatus(200)
    const voice = await context.client
      .post(`/api/v1/orders/${ids.order}/voice`)
      .header('host', host)
      .bearerToken(tokens.head)
      .file('audio', wavFile(), { filename: 'note.wav', contentType: 'audio/wav' })
    voice.assertStatus(201)
    ids.voice = voice.body().data.id
    const item = await createItem(context.client, host, tokens.head, {
      title: 'Совещание по паводку', startsAt: '2026-11-24T10:00', endsAt: '2026-11-24T11:00', location: 'Зал 1',
      rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3', reminders: [15],
    })
    ids.plannerItem = item.id
  })

  test('the document is a valid OpenAPI 3.1 description: operationIds, licence, no 3.0 nullable', async ({ assert }) => {
    const spec = await loadSpec()
    const validator = new Validator()
    const result = await validator.validate(structuredClone(spec))
    assert.deepEqual(result.errors ?? [], [])
    assert.isTrue(result.valid)
    assert.equal(validator.version, '3.1')
    assert.equal(spec.openapi, '3.1.0')
    assert.isString(spec.info.license?.name)

    assert.deepEqual(keywordPaths(spec, 'nullable'), [], '3.0 `nullable` is gone from 3.1: use type: [T, "null"]')
    const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ where: `${method.toUpperCase()} ${path}`, id: operation.operationId }))
    )
    assert.deepEqual(operations.filter((operation) => !operation.id).map((operation) => operation.where), [])
    for (const { id } of operations) assert.match(id!, /^[a-z][A-Za-z0-9]*$/)
    assert.equal(new Set(operations.map((operation) => operation.id)).size, operations.length)
  })

  test('every documented GET answers as its schema says', async ({ assert, client }) => {
    const spec = await loadSpec()
    const samples: Record<string, Sample> = {
      '/me': { path: '/me', token: tokens.head },
      '/users/{id}': { path: `/users/${office.healthHead.id}`, token: tokens.healthHead },
      '/orders': { path: '/orders', token: tokens.head, nonEmpty: (body) => body.data.flatMap((order: any) => [order, ...order.executors]) },
      '/orders/{id}': { path: `/orders/${ids.order}`, token: tokens.head, nonEmpty: (body) => [...body.data.reports, ...body.data.files, ...body.data.reports.flatMap((r: any) => r.files)] },
      '/orders/{id}/attachments/{attachmentId}': { path: `/orders/${ids.order}/attachments/${ids.attachment}`, token: tokens.head },
      '/notifications': { path: '/notifications', token: tokens.healthHead, nonEmpty: (body) => body.data },
      '/orders/{id}/voice/{voiceId}': { path: `/orders/${ids.order}/voice/${ids.voice}`, token: tokens.head },
      '/orders/{id}/voice/{voiceId}/audio': { path: `/orders/${ids.order}/voice/${ids.voice}/audio`, token: tokens.head },
      '/planner/items': { path: '/planner/items?from=2026-11-23&to=2026-12-21', token: tokens.head, nonEmpty: (body) => body.data },
      '/planner/items/{id}': { path: `/planner/items/${ids.plannerItem}`, token: tokens.head },
      '/lawmaking/drafts': { path: '/lawmaking/drafts?stage=discussion', host: lawmaking.portal.host, nonEmpty: (body) => body.data },
      '/lawmaking/drafts/{id}': { path: `/lawmaking/drafts/${lawmaking.draft.id}`, host: lawmaking.portal.host, nonEmpty: (body) => body.data.versions },
      '/lawmaking/drafts/{id}/versions/{number}': { path: `/lawmaking/drafts/${lawmaking.draft.id}/versions/1`, host: lawmaking.portal.host, nonEmpty: (body) => body.data.clauses },
      '/lawmaking/drafts/{id}/remarks': { path: `/lawmaking/drafts/${lawmaking.draft.id}/remarks`, host: lawmaking.portal.host, nonEmpty: (body) => body.data },
      '/lawmaking/drafts/{id}/redline': { path: `/lawmaking/drafts/${lawmaking.draft.id}/redline?from=1&to=1`, host: lawmaking.portal.host, nonEmpty: (body) => body.data.rows },
      '/lawmaking/initiatives': { path: '/lawmaking/initiatives?status=discussion', host: lawmaking.portal.host, nonEmpty: (body) => body.data },
      '/lawmaking/initiatives/{id}': { path: `/lawmaking/initiatives/${lawmaking.initiativeId}`, host: lawmaking.portal.host, nonEmpty: (body) => body.data.timeline },
    }

    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    ajv.addSchema({ ...spec, $id: SPEC_ID })

    const gets = Object.entries(spec.paths).filter(([, methods]) => methods.get)
    assert.isAtLeast(gets.length, 10)
    assert.deepEqual(gets.map(([path]) => path).filter((path) => !samples[path]), [], 'a documented GET without a sample')

    const failures: string[] = []
    for (const [path, methods] of gets) {
      const sample = samples[path]
      const request = client.get(`/api/v1${sample.path}`).header('host', sample.host ?? office.host)
      const response = await (sample.token ? request.bearerToken(sample.token) : request)
      if (response.status() !== 200) {
        failures.push(`GET ${path}: status ${response.status()}`)
        continue
      }
      const documented = methods.get.responses['200'].content as Record<string, { schema?: Schema }> | undefined
      const contentType = String(response.header('content-type') ?? '').split(';')[0].trim()
      if (!documented) {
        failures.push(`GET ${path}: the 200 answer documents no content (the API sends ${contentType})`)
        continue
      }
      const mediaType = Object.keys(documented).find((type) => type === contentType || (type.endsWith('/*') && contentType.startsWith(type.slice(0, -1))) || type === '*/*')
      if (!mediaType) {
        failures.push(`GET ${path}: content-type ${contentType} is not among ${Object.keys(documented).join(', ')}`)
        continue
      }
      if (mediaType !== 'application/json') continue
      const pointer = `#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/get/responses/200/content/application~1json/schema`
      const validate = ajv.getSchema(`${SPEC_ID}${pointer}`)!
      const body = response.body()
      if (!validate(body)) failures.push(`GET ${path}: ${ajv.errorsText(validate.errors, { separator: '; ' })}`)
      const extra = undocumented(spec, body, documented['application/json'].schema!)
      if (extra.length) failures.push(`GET ${path}: undocumented fields ${[...new Set(extra.map((field) => field.replace(/\/\d+/g, '/*')))].join(', ')}`)
      if (sample.nonEmpty && sample.nonEmpty(body).length === 0) failures.push(`GET ${path}: the sample answer holds no items to check`)
    }
    assert.deepEqual(failures, [])
  }).timeout(60_000)
})
