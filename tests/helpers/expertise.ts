import type { ApiClient } from '@japa/api-client'
import { tenantDb } from '#tenancy/tenant_model'
import ExpertProfile from '#modules/lawmaking/models/expert_profile'
import { inTenant } from '#tests/helpers/tenants'
import { csrfTokenFrom, postFrom, SESSION_COOKIE } from '#tests/helpers/http'
import { sessionOf, type ProblemsPortal } from '#tests/helpers/problems'

/** A small but real PDF document (what a scanned, signed conclusion is). */
export function signedPdf(padTo = 0) {
  const body = '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n'
  return Buffer.concat([Buffer.from(body), Buffer.alloc(Math.max(0, padTo - body.length - 6), 0x20), Buffer.from('%%EOF\n')])
}

/** A detached CMS signature as DER (ContentInfo → signedData), the head of what CryptoPro writes to .sig. */
export function detachedSignature() {
  const oid = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02])
  const content = Buffer.concat([Buffer.from([0xa0, 0x82, 0x00, 0x20]), Buffer.alloc(32, 0x11)])
  const inner = Buffer.concat([oid, content])
  return Buffer.concat([Buffer.from([0x30, 0x82, inner.length >> 8, inner.length & 0xff]), inner])
}

/**
 * A portal user applies to be an expert through the form and a moderator
 * verifies the profile over HTTP; returns the profile.
 */
export async function verifiedExpert(client: ApiClient, portal: ProblemsPortal, email: string, fields: string[], name = 'Иван Экспертов') {
  const session = await sessionOf(client, portal.host, email)
  const form: Record<string, string> = { publicName: name, organisation: 'Кубанский государственный университет', credentials: 'Доктор юридических наук, 20 лет практики в административном праве.' }
  fields.forEach((field, index) => (form[`fields[${index}]`] = field))
  const applied = await postFrom(client, portal.host, session, '/lawmaking/expert-profile', '/lawmaking/expert-profile', form)
  applied.response.assertStatus(302)
  const profile = await inTenant(portal.tenant, () => ExpertProfile.query().whereIn('user_id', tenantDb().from('users').where('email', email).select('id')).firstOrFail())
  const moderator = await sessionOf(client, portal.host, portal.moderator.email)
  const verified = await postFrom(client, portal.host, moderator, '/lawmaking/experts/moderation', `/lawmaking/experts/${profile.id}/verify`, {})
  verified.response.assertStatus(302)
  return { profile: await inTenant(portal.tenant, () => ExpertProfile.findOrFail(profile.id)), session }
}

export interface ConclusionPost {
  verdict: string
  summary: string
  remarks?: { clauseKey: string; text: string; proposedWording?: string }[]
  file: { buffer: Buffer; filename: string }
}

/** Files a conclusion through the invitation page's multipart form; `json` asks for JSON (422 with errors instead of a redirect). */
export async function postConclusion(client: ApiClient, host: string, session: string, invitationId: number, input: ConclusionPost, json = false) {
  const page = await client.get(`/lawmaking/expertise/${invitationId}`).header('host', host).withCookie(SESSION_COOKIE, session)
  const token = page.status() === 200 ? csrfTokenFrom(page.text()) : await tokenFrom(client, host, session)
  let request = client
    .post(`/lawmaking/expertise/${invitationId}/conclusion`)
    .header('host', host)
    .header('referer', `http://${host}/lawmaking/expertise/${invitationId}`)
    .withCookie(SESSION_COOKIE, session)
    .field('_csrf', token)
    .field('verdict', input.verdict)
    .field('summary', input.summary)
  for (const remark of input.remarks ?? []) {
    request = request.field('clauseKey[]', remark.clauseKey).field('remark[]', remark.text).field('proposedWording[]', remark.proposedWording ?? '')
  }
  request = request.file('file', input.file.buffer, { filename: input.file.filename })
  if (json) request = request.header('accept', 'application/json')
  return request.redirects(0)
}

/** A CSRF token of the session from a page every signed-in portal user may open. */
async function tokenFrom(client: ApiClient, host: string, session: string) {
  const page = await client.get('/lawmaking/expert-profile').header('host', host).withCookie(SESSION_COOKIE, session)
  return csrfTokenFrom(page.text())
}
