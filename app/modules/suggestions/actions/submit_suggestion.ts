import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { tenantDb } from '#tenancy/tenant_model'
import { clockDate } from '#core/clock'
import type User from '#modules/identity/models/user'
import { refusal, type Translate } from '#modules/priorities/services/refusal'
import type { I18n } from '@adonisjs/i18n'
import { mayPublish } from '#modules/social/moderation/registry'
import { publishingRefusal } from '#modules/social/moderation/services/guard_message'
import { parseRoute, boxOf } from '#modules/suggestions/services/route_geometry'
import { storeAttachments } from '#modules/suggestions/services/attachments'
import { recordEvent } from '#modules/suggestions/services/timeline'
import { notifyUsers } from '#modules/notifications/services/notify'

export interface SubmitInput {
  category: string
  title: string
  content: string
  route?: string
  lat?: number
  lng?: number
  municipalityCode: string
  bodySlug: string
  linkType?: 'problem' | 'priority' | 'draft'
  linkId?: number
  attachments?: MultipartFile[]
}

const LINKED: Record<string, { table: string; title: string }> = {
  problem: { table: 'problems', title: 'description' },
  priority: { table: 'priority_items', title: 'title' },
  draft: { table: 'lawmaking_public_drafts', title: 'title' },
}

/**
 * A citizen submits a suggestion: checked against the directory (a
 * municipality's administration answers only for its own territory), the
 * route (a transport route needs one; other categories none), the linked
 * item (public on the portal), and the moderators' verdict on the author;
 * then it waits for moderation.
 */
export class SubmitSuggestion {
  async handle(input: SubmitInput, author: User, i18n: I18n) {
    const t: Translate = i18n.t.bind(i18n)
    // a moderator's suspension or block: refused with until when and why
    const verdict = await mayPublish(author.id)
    if (!verdict.allowed) throw refusal('title', 'moderation.suspended', publishingRefusal(i18n, verdict))

    const body = await tenantDb().from('known_bodies').where('slug', input.bodySlug).first()
    if (body.kind === 'municipality' && body.slug !== input.municipalityCode.replace(/-/g, '_')) {
      throw refusal('bodySlug', 'directory.foreign_municipality', t('suggestions.errors.foreign_municipality'))
    }

    let route = null
    let box: { minLat: number; minLng: number; maxLat: number; maxLng: number } | null = null
    if (input.category === 'transport_route') {
      if (!input.route) throw refusal('route', 'required', t('suggestions.errors.route_required'))
      const parsed = parseRoute(input.route)
      if ('error' in parsed) throw refusal('route', `geojson.${parsed.error}`, t(`suggestions.errors.${parsed.error}`))
      route = parsed.route
      box = boxOf(route)
    } else if (input.route) {
      throw refusal('route', 'geojson.not_a_route', t('suggestions.errors.route_not_expected'))
    }
    if (!box && input.lat !== undefined && input.lng !== undefined) box = { minLat: input.lat, minLng: input.lng, maxLat: input.lat, maxLng: input.lng }
    if ((input.lat === undefined) !== (input.lng === undefined)) throw refusal('lat', 'point', t('suggestions.errors.point_incomplete'))

    let linkTitle: string | null = null
    if (input.linkType && input.linkId) {
      const linked = LINKED[input.linkType]
      const query = tenantDb().from(linked.table).where('id', input.linkId)
      if (input.linkType === 'problem') query.whereNull('hidden_at')
      if (input.linkType === 'priority') query.whereIn('status', ['published', 'archived'])
      const row = await query.select(`${linked.title} as title`).first()
      if (!row) throw refusal('linkId', 'exists', t('suggestions.errors.link_unknown'))
      linkTitle = String(row.title).slice(0, 200)
    }

    return storeAttachments(input.attachments ?? [], (stored) =>
      tenantDb().transaction(async (trx) => {
        const now = clockDate()
        const [row] = await trx
          .insertQuery()
          .table('suggestions')
          .insert({
            author_id: author.id,
            category: input.category,
            title: input.title,
            content: input.content,
            route: route ? JSON.stringify(route) : null,
            min_lat: box?.minLat ?? null,
            min_lng: box?.minLng ?? null,
            max_lat: box?.maxLat ?? null,
            max_lng: box?.maxLng ?? null,
            municipality_code: input.municipalityCode,
            body_slug: body.slug,
            body_name_ru: body.name_ru,
            body_name_en: body.name_en,
            link_type: input.linkType && input.linkId ? input.linkType : null,
            link_id: input.linkType && input.linkId ? input.linkId : null,
            link_title: linkTitle,
            status: 'moderation',
            created_at: now,
            updated_at: now,
          })
          .returning('id')
        const id = Number(row.id ?? row)
        if (stored.length) {
          await trx
            .insertQuery()
            .table('suggestion_attachments')
            .multiInsert(stored.map((file) => ({ suggestion_id: id, storage_key: file.key, mime_type: file.mimeType, name: file.name, size: file.size, created_at: now })))
        }
        await recordEvent(trx, id, 'submitted', {}, { actorId: author.id })
        const moderators = (await trx.from('users').where('status', 'active').whereIn('role', ['moderator']).select('id')).map((user: { id: number }) => user.id)
        await notifyUsers(trx, moderators, 'suggestion.submitted', '/suggestions/moderation', { suggestionId: id, title: input.title })
        return id
      })
    )
  }
}
