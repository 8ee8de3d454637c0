import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import { DateTime } from 'luxon'
import { priorityBallotsGenerator } from '#modules/priorities/services/ballots_dataset'
import ace from '@adonisjs/core/services/ace'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { parse } from 'csv-parse/sync'
import type User from '#modules/identity/models/user'
import { tenantDb } from '#tenancy/tenant_model'
import { CastVote } from '#modules/priorities/actions/cast_vote'
import { SealQuarter } from '#modules/priorities/actions/seal_quarter'
import SealQuarterJob from '#modules/priorities/jobs/seal_quarter_job'
import PrioritiesRebuild from '#commands/priorities_rebuild'
import { ensureUser, inTenant } from '#tests/helpers/tenants'
import { SESSION_COOKIE } from '#tests/helpers/http'
import { sessionOf } from '#tests/helpers/problems'
import { openpyxlRows } from '#tests/helpers/documents'
import { atMoment, livesIn, prioritiesPortal, publishedPriority, type PrioritiesPortal } from '#tests/helpers/priorities'

const execFileAsync = promisify(execFile)
let portal: PrioritiesPortal
const ids: Record<'r1' | 'r2' | 'r3' | 'k1' | 's1', number> = { r1: 0, r2: 0, r3: 0, k1: 0, s1: 0 }
const people: Record<string, User> = {}

function castAs(name: string, ...priorities: number[]) {
  return inTenant(portal.tenant, async () => {
    for (const id of priorities) await new CastVote().handle(people[name], { priorityId: id })
  })
}

function ranksOf(quarter: string, scope: string) {
  return inTenant(portal.tenant, async () => {
    const snapshot = await tenantDb().from('priority_snapshots').where('quarter', quarter).orderBy('version', 'desc').firstOrFail()
    const rows = await tenantDb().from('priority_snapshot_ranks').where({ snapshot_id: snapshot.id, scope }).orderBy('rank')
    return rows.map((row) => ({ id: row.priority_id, votes: row.votes, score: row.score, rank: row.rank, previous: row.previous_rank }))
  })
}

/** `node ace priorities:verify` as a real process: its exit code and its one line. */
async function verifyProcess(quarter: string, file: string) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['ace', 'priorities:verify', quarter, `--file=${file}`, `--tenant=${portal.tenant.slug}`], {
      cwd: app.makePath(),
      env: { ...process.env, FORCE_COLOR: '0' },
    })
    return { code: 0, output: `${stdout}${stderr}` }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, output: `${failed.stdout}${failed.stderr}` }
  }
}

/** `node ace priorities:ballots` as a real process. */
async function ballotsProcess(...argv: string[]) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['ace', 'priorities:ballots', ...argv, `--tenant=${portal.tenant.slug}`], {
      cwd: app.makePath(),
      env: { ...process.env, FORCE_COLOR: '0' },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

test.group('Priorities | quarterly ranks', (group) => {
  group.setup(async () => {
    portal = await prioritiesPortal('prr_portal')
    for (const name of ['a1', 'a2', 'a3', 'b1', 'b2', 'b3']) people[name] = await ensureUser(portal.tenant, 'citizen', `${name}@prr-portal.test`)
    await atMoment('2031-02-10T10:00', async () => {
      ids.r1 = (await publishedPriority(portal.tenant, { title: 'Дороги между районами', opensQuarter: '2031-Q1' })).id
      ids.r2 = (await publishedPriority(portal.tenant, { title: 'Новые больницы', opensQuarter: '2031-Q1' })).id
      ids.r3 = (await publishedPriority(portal.tenant, { title: 'Электрички к морю', opensQuarter: '2031-Q1' })).id
      ids.k1 = (await publishedPriority(portal.tenant, { title: 'Парк в Краснодаре', level: 'municipal', municipalityCode: 'krasnodar', opensQuarter: '2031-Q1' })).id
      ids.s1 = (await publishedPriority(portal.tenant, { title: 'Пляжи Сочи', level: 'municipal', municipalityCode: 'sochi', opensQuarter: '2031-Q1' })).id
      for (const name of ['a1', 'a2', 'a3']) await livesIn(portal.tenant, people[name], 'krasnodar')
      for (const name of ['b1', 'b2', 'b3']) await livesIn(portal.tenant, people[name], 'sochi')
    })
  })

  test('nobody sees running results — admins included — and an open quarter cannot be sealed', async ({ assert, client }) => {
    await atMoment('2031-02-10T10:00', async () => {
      await castAs('a1', ids.r1, ids.k1)
      await castAs('a2', ids.r1)
      await castAs('a3', ids.r2)
      await castAs('b1', ids.r2, ids.s1)
      await castAs('b2', ids.r2)
      await castAs('b3', ids.r3)
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const results = await client.get('/priorities/results').header('host', portal.host).withCookie(SESSION_COOKIE, admin)
      results.assertStatus(200)
      assert.include(results.text(), 'промежуточные итоги не видит никто')
      ;(await client.get('/priorities/results/2031-Q1').header('host', portal.host).withCookie(SESSION_COOKIE, admin)).assertStatus(404)
      ;(await client.get('/priorities/results/2031-Q1/ballots.csv').header('host', portal.host).withCookie(SESSION_COOKIE, admin)).assertStatus(404)
      const adminPage = await client.get('/priorities/admin').header('host', portal.host).withCookie(SESSION_COOKIE, admin)
      assert.notMatch(adminPage.text(), /data-votes|Голоса/)
      await assert.rejects(() => inTenant(portal.tenant, () => new SealQuarter().handle('2031-Q1')), /has not ended/)
    })
  })

  test('the quarterly job seals the quarter just ended: municipal ranks by residents, a population-weighted regional rank, the published tie rule; it is idempotent', async ({ assert }) => {
    await atMoment('2031-04-01T00:30', async () => {
      const first = await inTenant(portal.tenant, () => new SealQuarterJob().handle())
      assert.deepInclude(first, { sealed: '2031-Q1', version: 1, created: true })
      const again = await inTenant(portal.tenant, () => new SealQuarterJob().handle())
      assert.deepInclude(again, { sealed: '2031-Q1', version: 1, created: false, identical: true })
    })
    // Krasnodar: R1 2 votes; R2 and K1 1 each — the tie goes to the earlier priority (R2); R3 none
    assert.deepEqual((await ranksOf('2031-Q1', 'krasnodar')).map((row) => [row.id, row.votes, row.rank]), [
      [ids.r1, 2, 1], [ids.r2, 1, 2], [ids.k1, 1, 3], [ids.r3, 0, 4],
    ])
    assert.deepEqual((await ranksOf('2031-Q1', 'sochi')).map((row) => [row.id, row.votes]), [[ids.r2, 2], [ids.r3, 1], [ids.s1, 1], [ids.r1, 0]])
    // a municipality with no voter still has its rank (of the regional priorities)
    assert.lengthOf(await ranksOf('2031-Q1', 'anapa'), 3)
    // regional: R2 has most votes (3) but Krasnodar (1 138 000 people) prefers R1 two to one, Sochi (466 000) R2 two to one
    const region = await ranksOf('2031-Q1', 'region')
    assert.deepEqual(region.map((row) => [row.id, row.votes, row.score]), [
      [ids.r1, 2, ((1138000 * 2) / 3 / 1604000).toFixed(9)],
      [ids.r2, 3, ((1138000 / 3 + (466000 * 2) / 3) / 1604000).toFixed(9)],
      [ids.r3, 1, (466000 / 3 / 1604000).toFixed(9)],
    ])
    const snapshot = await inTenant(portal.tenant, () => tenantDb().from('priority_snapshots').where('quarter', '2031-Q1').firstOrFail())
    assert.equal(snapshot.method.version, 'priorities-v1')
    assert.equal(snapshot.method.populations.krasnodar, 1138000)
    assert.equal(snapshot.ballots_counted, 8)
    assert.match(snapshot.ballot_file_sha256, /^[0-9a-f]{64}$/)
  })

  test('sealed means sealed: the runtime role can neither change nor delete a snapshot; a manual rebuild recomputes the identical result', async ({ assert }) => {
    await inTenant(portal.tenant, async () => {
      await assert.rejects(() => tenantDb().from('priority_snapshot_ranks').update({ rank: 1 }), /sealed/)
      await assert.rejects(() => tenantDb().from('priority_snapshots').delete(), /sealed/)
    })
    ace.ui.switchMode('raw')
    try {
      const command = await ace.create(PrioritiesRebuild, ['2031-Q1', `--tenant=${portal.tenant.slug}`])
      await atMoment('2031-04-02T09:00', () => command.exec())
      command.assertSucceeded()
      command.assertLogMatches(/recomputed identical/)
    } finally {
      ace.ui.switchMode('normal')
    }
  })

  test('the next quarter shows Δrank against the previous one; the results page and the exports (CSV, XLSX, JSON, XML) say the same', async ({ assert, client }) => {
    await atMoment('2031-05-05T10:00', async () => {
      await castAs('a1', ids.r3)
      await castAs('a2', ids.r3)
      await castAs('b1', ids.r3)
    })
    await atMoment('2031-07-01T00:30', () => inTenant(portal.tenant, () => new SealQuarterJob().handle()))
    const region = await ranksOf('2031-Q2', 'region')
    assert.deepEqual(region[0], { id: ids.r3, votes: 3, score: '1.000000000', rank: 1, previous: 3 })

    const page = await client.get('/priorities/results/2031-Q2').header('host', portal.host)
    page.assertStatus(200)
    assert.include(page.text(), '▲ 2')
    // the history chart: the region's top priorities over the two sealed quarters, place 1 on top
    const trend = JSON.parse(/data-trend="([^"]+)"/.exec(page.text())![1].replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x27;/g, "'"))
    assert.deepEqual(trend.labels, ['2031-Q1', '2031-Q2'])
    assert.deepEqual(trend.series.find((entry: { label: string }) => entry.label === 'Электрички к морю').values, [3, 1])
    assert.include(page.text(), 'Электрички к морю')
    ;(await client.get('/priorities/results/2031-Q2?scope=atlantis').header('host', portal.host)).assertStatus(404)
    // the history list names the priority (not its number), place by place
    assert.include(page.text(), '2031-Q2: 1-е место — «Электрички к морю» (голосов: 3)')
    const csv = await client.get('/priorities/results/2031-Q2/ranks.csv').header('host', portal.host)
    const rows = parse(csv.text(), { columns: true }) as Record<string, string>[]
    assert.deepInclude(rows, { quarter: '2031-Q2', version: '1', scope: 'region', rank: '1', previous_rank: '3', delta: '2', priority_id: String(ids.r3), title: 'Электрички к морю', level: 'regional', votes: '3', score: '1.000000000' })
    const json = (await client.get('/priorities/results/2031-Q2/ranks.json').header('host', portal.host)).body()
    assert.equal(json.ranks.length, rows.length)
    assert.equal(json.method.tieRule.length > 20, true)
    const xml = (await client.get('/priorities/results/2031-Q2/ranks.xml').header('host', portal.host)).text()
    assert.isTrue(XMLValidator.validate(xml) === true)
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml)
    assert.lengthOf(parsed.priorityRanks.rank, rows.length)
    const xlsx = await client.get('/priorities/results/2031-Q2/ranks.xlsx').header('host', portal.host)
    const sheet = await openpyxlRows(xlsx.body() as Buffer)
    assert.equal(sheet.length, rows.length + 1)
    assert.equal(sheet[0][3].value, 'rank')
  })

  test('priorities:verify recomputes a quarter from the published ballot file (exit 0, one line); a tampered file fails it (exit 1)', async ({ assert, client }) => {
    const download = await client.get('/priorities/results/2031-Q1/ballots.csv').header('host', portal.host)
    download.assertStatus(200)
    const text = download.text()
    assert.equal(text.split('\n')[0], 'priority_id,municipality_code,quarter,vote_day')
    assert.equal(text.trim().split('\n').length, 9)
    assert.notMatch(text, /@|a1|receipt/)
    const snapshot = await inTenant(portal.tenant, () => tenantDb().from('priority_snapshots').where('quarter', '2031-Q1').firstOrFail())
    assert.equal(createHash('sha256').update(text).digest('hex'), snapshot.ballot_file_sha256)

    // the open dataset (opendata's generated `priority_ballots`) holds the same ballots as counts per day:
    // expanded in its order, a quarter's rows are the canonical file byte for byte
    const datasetRows = await inTenant(portal.tenant, () => priorityBallotsGenerator.rows(DateTime.now()))
    const expanded = datasetRows.filter((row) => row[2] === '2031-Q1').map(([priority, municipality, quarter, day, ballots]) => `${priority},${municipality},${quarter},${day}\n`.repeat(Number(ballots)))
    assert.equal(`priority_id,municipality_code,quarter,vote_day\n${expanded.join('')}`, text)

    const directory = await mkdtemp(join(tmpdir(), 'priorities-'))
    const file = join(directory, 'ballots.csv')
    await writeFile(file, text)
    const verified = await verifyProcess('2031-Q1', file)
    assert.equal(verified.code, 0, verified.output)
    assert.match(verified.output, /2031-Q1 v1 \(priorities-v1\): verified — \d+ ranks in 45 scopes match/)

    const tampered = join(directory, 'tampered.csv')
    await writeFile(tampered, text.replace(`${ids.r2},sochi`, `${ids.r1},sochi`))
    const refused = await verifyProcess('2031-Q1', tampered)
    assert.equal(refused.code, 1)
    assert.include(refused.output, 'MISMATCH')
  })

  test('priorities:ballots writes the same file the route serves (to --out or alone on stdout); an unsealed quarter is refused', async ({ assert, client }) => {
    const served = (await client.get('/priorities/results/2031-Q1/ballots.csv').header('host', portal.host)).text()
    const snapshot = await inTenant(portal.tenant, () => tenantDb().from('priority_snapshots').where('quarter', '2031-Q1').firstOrFail())
    const out = join(await mkdtemp(join(tmpdir(), 'priorities-ballots-')), 'ballots.csv')
    const written = await ballotsProcess('2031-Q1', `--out=${out}`)
    assert.equal(written.code, 0, written.stderr)
    assert.equal(await readFile(out, 'utf8'), served)
    assert.include(written.stdout, `SHA-256 ${snapshot.ballot_file_sha256} — matches the snapshot`)

    const piped = await ballotsProcess('2031-Q1')
    assert.equal(piped.code, 0, piped.stderr)
    assert.equal(piped.stdout, served)

    const unsealed = await ballotsProcess('2039-Q2')
    assert.equal(unsealed.code, 1)
    assert.include(unsealed.stderr + unsealed.stdout, '2039-Q2 is not sealed')
  }).timeout(60_000)

  test('a correction after publication is a new version with a public reason; the old one stays', async ({ assert, client }) => {
    await inTenant(portal.tenant, async () => {
      const ballot = await tenantDb().from('priority_ballots').where({ quarter: '2031-Q1', priority_id: ids.r3 }).firstOrFail()
      await tenantDb().from('priority_ballots').where('id', ballot.id).update({ moderated_out_at: new Date() })
    })
    await atMoment('2031-07-02T10:00', async () => {
      const unchanged = await inTenant(portal.tenant, () => new SealQuarter().handle('2031-Q1'))
      assert.isFalse(unchanged.identical)
      const admin = await sessionOf(client, portal.host, portal.admin.email)
      const page = await client.get('/priorities/results/2031-Q1').header('host', portal.host).withCookie(SESSION_COOKIE, admin)
      const csrf = /name='_csrf' value='([^']+)'/.exec((await client.get('/priorities/admin').header('host', portal.host).withCookie(SESSION_COOKIE, admin)).text())![1]
      page.assertStatus(200)
      const corrected = await client
        .post('/priorities/admin/corrections/2031-Q1')
        .header('host', portal.host)
        .header('referer', `http://${portal.host}/priorities/admin`)
        .withCookie(SESSION_COOKIE, admin)
        .form({ _csrf: csrf, reason: 'Исключён бюллетень, поданный с нарушением правил' })
        .redirects(0)
      corrected.assertStatus(302)
    })
    const versions = await inTenant(portal.tenant, () => tenantDb().from('priority_snapshots').where('quarter', '2031-Q1').orderBy('version'))
    assert.deepEqual(versions.map((row) => [row.version, row.ballots_counted, row.ballots_moderated_out]), [[1, 8, 0], [2, 7, 1]])
    const page = await client.get('/priorities/results/2031-Q1').header('host', portal.host)
    assert.include(page.text(), 'Исключён бюллетень, поданный с нарушением правил')
    assert.include(page.text(), 'v1')
  })
})
