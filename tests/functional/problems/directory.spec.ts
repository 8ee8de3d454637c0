import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import ace from '@adonisjs/core/services/ace'
import DirectoryPublish from '#commands/directory_publish'
import { tenantDb } from '#tenancy/tenant_model'
import type Tenant from '#tenancy/tenant'
import User from '#modules/identity/models/user'
import KnownBody from '#modules/identity/models/known_body'
import KnownDepartment from '#modules/identity/models/known_department'
import RoutingRule from '#modules/problems/models/routing_rule'
import Municipality from '#modules/identity/models/municipality'
import { ChangeUserStatus } from '#modules/identity/actions/change_user_status'
import { systemActor } from '#core/audit'
import { ensureTenant, ensureUser, inTenant, rollupReady } from '#tests/helpers/tenants'
import { postJson, SESSION_COOKIE, submitForm } from '#tests/helpers/http'
import { sendFrom } from '#tests/helpers/bus'
import {
  problemsBlock,
  problemsMunicipality,
  problemsPortal,
  publishDirectoryOf,
  pump,
  routeRule,
  sessionOf,
  type ProblemsBlock,
  type ProblemsMunicipality,
  type ProblemsPortal,
} from '#tests/helpers/problems'

let portal: ProblemsPortal
let block: ProblemsBlock
let town: ProblemsMunicipality

const all = () => [portal.tenant, block.tenant, town.tenant]

function knownDepartments(slug: string) {
  return inTenant(portal.tenant, () => KnownDepartment.query().where('body_slug', slug).orderBy('code'))
}

/** The statement fails with permission denied. */
async function assertDenied(assert: any, tenant: Tenant, sql: string) {
  const error = await inTenant(tenant, () => tenantDb().rawQuery(sql)).then(
    () => null,
    (failure: Error) => failure
  )
  assert.match(error?.message ?? 'it succeeded', /permission denied/, sql)
}

test.group('Problems | directory of bodies over the bus', (group) => {
  // reads the control rollup: rebuilt once bodies were created since
  group.each.setup(() => rollupReady())
  group.setup(async () => {
    portal = await problemsPortal('pdir_portal')
    block = await problemsBlock('pdir_block')
    // a municipality's tenant is named after its catalog code (it answers only for its own territory)
    town = await problemsMunicipality('anapa')
  })

  test('a body publishes its departments when its admin adds, renames or deactivates one; the portal replaces its copy per body', async ({ assert, client }) => {
    await publishDirectoryOf(block)
    await publishDirectoryOf(town)
    await pump(all())
    const body = await inTenant(portal.tenant, () => KnownBody.findOrFail(town.tenant.slug))
    assert.equal(body.kind, 'municipality')
    assert.deepEqual(
      (await knownDepartments(town.tenant.slug)).map((row) => [row.code, row.isActive, row.staffed]),
      [['housing', true, true], ['main', true, false], ['roads', true, true], ['social-policy', true, false]]
    )
    assert.equal((await inTenant(portal.tenant, () => KnownBody.findOrFail(block.tenant.slug))).kind, 'block')

    const admin = await ensureUser(town.tenant, 'admin')
    const session = await sessionOf(client, town.host, admin.email)
    ;(await submitForm(client, town.host, session, '/admin/departments', '/admin/departments', { code: 'ecology', nameRu: 'Отдел экологии', nameEn: 'Ecology' })).assertStatus(200)
    await pump(all())
    const added = (await knownDepartments(town.tenant.slug)).find((row) => row.code === 'ecology')
    assert.equal(added?.nameRu, 'Отдел экологии')
    assert.isFalse(added?.staffed, 'nobody works there yet')

    const ecology = await inTenant(town.tenant, async () => (await tenantDb().from('departments').where('code', 'ecology').first()).id)
    ;(await submitForm(client, town.host, session, '/admin/departments', `/admin/departments/${ecology}`, { nameRu: 'Управление экологии', nameEn: 'Ecology Office' })).assertStatus(200)
    ;(await submitForm(client, town.host, session, '/admin/departments', `/admin/departments/${ecology}/deactivate`, {})).assertStatus(200)
    await pump(all())
    const replaced = (await knownDepartments(town.tenant.slug)).find((row) => row.code === 'ecology')
    assert.equal(replaced?.nameRu, 'Управление экологии')
    assert.isFalse(replaced?.isActive)
    assert.lengthOf(await knownDepartments(town.tenant.slug), 5, 'replaced, not appended')
    assert.isAbove((await knownDepartments(block.tenant.slug)).length, 0, 'another body’s copy is untouched')

    // an older publication arriving late changes nothing
    const stale = await inTenant(portal.tenant, () => KnownBody.findOrFail(town.tenant.slug))
    await sendFrom(town.tenant, portal.tenant.slug, 'directory.published', [
      { body: { slug: town.tenant.slug, kind: 'municipality', nameRu: 'Старое', nameEn: 'Old' }, publishedAt: stale.publishedAt.minus({ minutes: 5 }).toISO()!, departments: [] },
    ])
    await pump(all())
    assert.lengthOf(await knownDepartments(town.tenant.slug), 5)

    // the routing page offers bodies grouped as blocks and municipalities, active departments only, unstaffed ones disabled
    const portalAdmin = await sessionOf(client, portal.host, portal.admin.email)
    const page = await client.get('/problems/admin/routing').header('host', portal.host).withCookie(SESSION_COOKIE, portalAdmin)
    const html = page.text()
    assert.include(html, `<optgroup label="Блоки: Тестовый ${block.tenant.slug}">`)
    assert.include(html, `<optgroup label="Муниципальные образования: Тестовый ${town.tenant.slug}">`)
    assert.isBelow(html.indexOf(`Блоки: Тестовый ${block.tenant.slug}`), html.indexOf(`Муниципальные образования: Тестовый ${town.tenant.slug}`))
    assert.match(html, new RegExp(`<option value="${town.tenant.slug}/housing"\\s*>Управление ЖКХ</option>`))
    assert.match(html, new RegExp(`<option value="${town.tenant.slug}/social-policy"\\s*disabled>Управление социальной политики \\(нет сотрудников\\)</option>`))
    assert.notInclude(html, `${town.tenant.slug}/ecology`, 'a deactivated department is not offered')
  })

  test('a rule to a department without staff is refused (422, per field); a rule whose department loses its staff is flagged', async ({ assert, client }) => {
    await publishDirectoryOf(town)
    await pump(all())
    const admin = await sessionOf(client, portal.host, portal.admin.email)
    const anapa = await inTenant(portal.tenant, () => Municipality.findByOrFail('code', 'anapa'))
    const fields = { themeId: String(portal.waste.id), municipalityId: String(anapa.id), target: `${town.tenant.slug}/social-policy` }
    const refused = await postJson(client, portal.host, admin, '/problems/admin/routing', '/problems/admin/rules', fields)
    refused.assertStatus(422)
    assert.deepEqual(
      refused.body().errors.map((error: any) => [error.field, error.rule]),
      [['target', 'directory.unstaffed']]
    )
    const page = await submitForm(client, portal.host, admin, '/problems/admin/routing', '/problems/admin/rules', fields)
    assert.include(page.text(), 'В выбранном подразделении нет сотрудников')
    assert.isNull(await inTenant(portal.tenant, () => RoutingRule.query().where('theme_id', portal.waste.id).where('municipality_id', anapa.id).first()))

    // a municipality's administration answers only for its own territory: not for Sochi, not as a theme's default
    for (const elsewhere of [{ municipalityId: String(portal.sochi.id) }, { municipalityId: '' }]) {
      const foreign = await postJson(client, portal.host, admin, '/problems/admin/routing', '/problems/admin/rules', { ...fields, ...elsewhere, target: `${town.tenant.slug}/roads` })
      foreign.assertStatus(422)
      assert.deepEqual(foreign.body().errors.map((error: any) => [error.field, error.rule]), [['target', 'directory.foreign_municipality']])
    }
    const foreignPage = await submitForm(client, portal.host, admin, '/problems/admin/routing', '/problems/admin/rules', { ...fields, municipalityId: String(portal.sochi.id), target: `${town.tenant.slug}/roads` })
    assert.include(foreignPage.text(), 'Администрация муниципального образования отвечает только за свою территорию')

    // a staffed one is saved, with the administration's name on the department
    ;(await submitForm(client, portal.host, admin, '/problems/admin/routing', '/problems/admin/rules', { ...fields, target: `${town.tenant.slug}/roads` })).assertStatus(200)
    const rule = await inTenant(portal.tenant, () => RoutingRule.query().where('theme_id', portal.waste.id).where('municipality_id', anapa.id).firstOrFail())
    assert.equal(rule.targetTenant, town.tenant.slug)
    assert.equal(rule.targetDepartmentName, `Управление дорожного хозяйства и транспорта (Тестовый ${town.tenant.slug})`)

    // its only person leaves: the body republishes, the rule list says so
    await inTenant(town.tenant, async () => new ChangeUserStatus().handle(await User.findOrFail(town.roadsHead.id), 'deactivated', systemActor('test')))
    await pump(all())
    assert.isFalse((await knownDepartments(town.tenant.slug)).find((row) => row.code === 'roads')!.staffed)
    const list = await client.get('/problems/admin/routing').header('host', portal.host).withCookie(SESSION_COOKIE, admin)
    assert.match(list.text(), new RegExp(`data-rule-target="${town.tenant.slug}/roads">[\\s\\S]*?data-target-state="unstaffed">нет сотрудников<`))
    await inTenant(town.tenant, async () => new ChangeUserStatus().handle(await User.findOrFail(town.roadsHead.id), 'active', systemActor('test')))
    await pump(all())
    assert.isTrue((await knownDepartments(town.tenant.slug)).find((row) => row.code === 'roads')!.staffed)
  })

  test('isolation: the portal knows bodies only from its own table; a body cannot read the portal; only bodies may publish', async ({ assert, client }) => {
    await publishDirectoryOf(town)
    await pump(all())
    // the portal cannot read a body's schema, and the body cannot read the portal's directory
    await assertDenied(assert, portal.tenant, `select * from ${town.tenant.schemaName}.departments`)
    await assertDenied(assert, town.tenant, `select * from ${portal.tenant.schemaName}.known_departments`)
    await assertDenied(assert, town.tenant, `select * from ${portal.tenant.schemaName}.problem_routing_rules`)

    // a change the body does not publish is invisible to the portal: it reads only its copy
    await inTenant(town.tenant, () => tenantDb().from('departments').where('code', 'housing').update({ name_ru: 'Департамент городского хозяйства' }))
    const admin = await sessionOf(client, portal.host, portal.admin.email)
    const before = await client.get('/problems/admin/routing').header('host', portal.host).withCookie(SESSION_COOKIE, admin)
    assert.notInclude(before.text(), 'Департамент городского хозяйства')
    await publishDirectoryOf(town)
    await pump(all())
    const after = await client.get('/problems/admin/routing').header('host', portal.host).withCookie(SESSION_COOKIE, admin)
    assert.include(after.text(), 'Департамент городского хозяйства')
    await inTenant(town.tenant, () => tenantDb().from('departments').where('code', 'housing').update({ name_ru: 'Управление ЖКХ' }))
    await publishDirectoryOf(town)

    // the sender is who the relay says, whatever the payload claims; a tenant that is not a body is refused
    // (stamped by the app's clock, which KRAI_TODAY moves, like the copy it would replace)
    const control = await ensureTenant('pdir_control', 'control')
    await sendFrom(block.tenant, portal.tenant.slug, 'directory.published', [
      { body: { slug: town.tenant.slug, kind: 'municipality', nameRu: 'Подмена', nameEn: 'Forged' }, publishedAt: DateTime.now().plus({ seconds: 60 }).toISO(), departments: [] },
    ])
    await sendFrom(control, portal.tenant.slug, 'directory.published', [
      { body: { slug: 'pdir_control', kind: 'block', nameRu: 'Контроль', nameEn: 'Control' }, publishedAt: new Date().toISOString(), departments: [{ code: 'control', nameRu: 'Контроль', nameEn: 'Control', isActive: true, staffed: true }] },
    ])
    await pump([...all(), control])
    assert.isAbove((await knownDepartments(town.tenant.slug)).length, 0, 'the municipality’s copy was not replaced by another body')
    assert.lengthOf(await knownDepartments(block.tenant.slug), 0, 'the block replaced only its own copy')
    assert.isNull(await inTenant(portal.tenant, () => KnownBody.find('pdir_control')))
    const refused = await inTenant(portal.tenant, () => tenantDb().from('bus_inbox').where('source_tenant', 'pdir_control').where('type', 'directory.published').first())
    assert.match(refused.last_error, /not a body/)
    await publishDirectoryOf(block)
    await pump(all())
  })

  test('node ace directory:publish sends a body’s directory again; a tenant that is not a body is refused', async ({ assert }) => {
    await inTenant(portal.tenant, () => KnownBody.query().where('slug', town.tenant.slug).delete())
    ace.ui.switchMode('raw')
    try {
      const command = await ace.create(DirectoryPublish, [town.tenant.slug])
      await command.exec()
      command.assertSucceeded()
      command.assertLogMatches(/published to \d+ portal/)
      const wrong = await ace.create(DirectoryPublish, [portal.tenant.slug])
      await wrong.exec()
      assert.equal(wrong.exitCode, 1)
      wrong.assertLogMatches(/not a block or a municipality/)
    } finally {
      ace.ui.switchMode('normal')
    }
    await pump(all())
    assert.isAbove((await knownDepartments(town.tenant.slug)).length, 0)
  })

  test('a rule of the demo catalog names a body the directory has not heard from: flagged, not hidden', async ({ assert, client }) => {
    await routeRule(portal, portal.lighting.id, 'pdir_unknown_body', 'housing')
    const admin = await sessionOf(client, portal.host, portal.admin.email)
    const list = await client.get('/problems/admin/routing').header('host', portal.host).withCookie(SESSION_COOKIE, admin)
    assert.match(list.text(), /data-rule-target="pdir_unknown_body\/housing">[\s\S]*?data-target-state="unknown">нет в справочнике органов</)
  })
})
