import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { wantsJson } from '#core/wants_json'
import { sameHostPath } from '#core/safe_redirect'
import Municipality from '#modules/identity/models/municipality'
import ProfilePolicy from '#modules/social/profiles/policies/profile_policy'
import { follow, unfollow } from '#modules/social/profiles/actions/follow'
import { peopleByIds } from '#modules/social/profiles/services/people'
import { followValidator } from '#modules/social/profiles/validators/profile_validators'
import { profilesMessages } from '#modules/social/profiles/services/messages'
import { noindex, pageNumber, pageOf } from '#modules/social/profiles/services/pages'
import { tenantDb } from '#tenancy/tenant_model'
import { subjectCodes } from '#modules/social/subjects'

/** Follows and unfollows per person and minute. */
const followLimiter = () => limiter.use({ requests: 60, duration: '1 minute' })

interface FollowRow {
  target_type: string
  target_key: string
  follower_id: number
}

/** Follow and unfollow people, organisations, subject areas and municipalities; my follows and my followers. */
export default class FollowsController {
  async store(ctx: HttpContext) {
    return this.#change(ctx, true)
  }

  async destroy(ctx: HttpContext) {
    return this.#change(ctx, false)
  }

  async #change(ctx: HttpContext, on: boolean) {
    await ctx.bouncer.with(ProfilePolicy).authorize('own')
    const target = await ctx.request.validateUsing(followValidator, { messagesProvider: profilesMessages(ctx.i18n) })
    const user = ctx.auth.getUserOrFail()
    const t = (key: string, data?: Record<string, unknown>) => ctx.i18n.t(key, data)
    const done = await followLimiter().attempt(`social:follow:${ctx.tenant.slug}:${user.id}`, async () => {
      if (on) await follow(user.id, target, t)
      else await unfollow(user.id, target)
      return true
    })
    const message = t(done ? (on ? 'social_profiles.flash.followed' : 'social_profiles.flash.unfollowed') : 'social_profiles.flash.too_fast')
    if (!done) ctx.response.status(429)
    if (wantsJson(ctx.request)) return ctx.response.json({ message })
    if (!done) return message
    ctx.session.flash('notice', message)
    return ctx.response.redirect(sameHostPath(ctx.request.input('back'), '/people/me/follows'))
  }

  /** Whom I follow (people, organisations, subjects, municipalities) and who follows me, a page each. */
  async index({ auth, bouncer, request, view, response, i18n }: HttpContext) {
    await bouncer.with(ProfilePolicy).authorize('own')
    noindex(response)
    const user = auth.getUserOrFail()
    const tab = request.input('tab') === 'followers' ? 'followers' : 'following'
    const page = pageNumber(request)
    const query =
      tab === 'followers'
        ? tenantDb().from('social_follows').where({ target_type: 'user', target_key: String(user.id) }).orderBy('created_at', 'desc').select('follower_id', 'target_type', 'target_key')
        : tenantDb().from('social_follows').where('follower_id', user.id).orderBy('created_at', 'desc').select('follower_id', 'target_type', 'target_key')
    const paginator = (await pageOf<FollowRow>(query, page, '/people/me/follows')).queryString({ tab })
    const rows = paginator.all()
    const userIds = rows.map((row) => (tab === 'followers' ? Number(row.follower_id) : row.target_type === 'user' ? Number(row.target_key) : 0))
    const people = await peopleByIds(userIds)
    const organisationIds = rows.filter((row) => row.target_type === 'organisation').map((row) => Number(row.target_key))
    const organisations = new Map(
      (organisationIds.length ? await tenantDb().from('social_organisations').whereIn('id', organisationIds).select('id', 'name') : []).map((row) => [String(row.id), row.name as string])
    )
    const municipalities = await Municipality.query().orderBy('name_ru')
    const municipalityNames = new Map(municipalities.map((municipality) => [municipality.code, municipality.name(i18n.locale)]))
    const entries = rows.map((row) => {
      if (tab === 'followers') {
        const person = people.get(Number(row.follower_id))
        return { type: 'user', key: String(row.follower_id), label: person?.displayName ?? '—', url: `/people/${row.follower_id}`, followable: false }
      }
      const label =
        row.target_type === 'user'
          ? (people.get(Number(row.target_key))?.displayName ?? '—')
          : row.target_type === 'organisation'
            ? (organisations.get(row.target_key) ?? '—')
            : row.target_type === 'subject'
              ? i18n.t(`social.subjects.${row.target_key}`)
              : (municipalityNames.get(row.target_key) ?? row.target_key)
      const url =
        row.target_type === 'user' ? `/people/${row.target_key}` : row.target_type === 'organisation' ? `/organisations/${row.target_key}` : row.target_type === 'subject' ? `/subjects/${row.target_key}` : null
      return { type: row.target_type, key: row.target_key, label, url, followable: true }
    })
    return view.render('pages/social/profiles/follows', {
      tab,
      entries,
      paginator,
      subjectOptions: subjectCodes.map((code) => ({ value: code, label: i18n.t(`social.subjects.${code}`) })),
      municipalityOptions: municipalities.map((municipality) => ({ value: municipality.code, label: municipality.name(i18n.locale) })),
    })
  }
}
