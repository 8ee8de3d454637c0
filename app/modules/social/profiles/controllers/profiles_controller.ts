import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import Municipality from '#modules/identity/models/municipality'
import { subjectCodes } from '#modules/social/subjects'
import ProfilePolicy from '#modules/social/profiles/policies/profile_policy'
import { saveProfile } from '#modules/social/profiles/actions/save_profile'
import { audienceAllows, badgesOf, followCounts, follows, personById } from '#modules/social/profiles/services/people'
import { avatarBytes } from '#modules/social/profiles/services/avatars'
import { profileValidator } from '#modules/social/profiles/validators/profile_validators'
import { profilesMessages } from '#modules/social/profiles/services/messages'
import { hasFlagControl, noindex } from '#modules/social/profiles/services/pages'
import { wantsJson } from '#core/wants_json'
import { isRowId } from '#core/row_ids'
import { isBlocked } from '#modules/social/moderation/services/sanctions'
import { refusalsFor } from '#modules/social/conversations/services/messaging_rules'

/** Profile edits per person and minute (a person saves a few times; scripts faster). */
const editLimiter = () => limiter.use({ requests: 10, duration: '1 minute' })

/** A user id from the path, or null (the route only matches digits). */
function idOf(value: unknown) {
  const id = Number(value)
  return isRowId(id) ? id : null
}

/** The avatar's URL, changing with the stored file (so it may be cached long). */
export function avatarUrl(userId: number, key: string | null) {
  return key ? `/people/${userId}/avatar?v=${encodeURIComponent(key.split('/').pop()!.replace(/\.\w+$/, ''))}` : null
}

/**
 * The public profile of a portal user and "my profile": display name,
 * avatar, about, municipality (as its owner lets it be seen), interests,
 * badges (official, verified expert, organisations), followers and follows.
 */
export default class ProfilesController {
  async show(ctx: HttpContext) {
    const { params, response, view, i18n, auth } = ctx
    await auth.check()
    const id = idOf(params.id)
    const person = id ? await personById(id) : null
    if (!person || person.deleted) return response.notFound()
    const viewer = auth.user ?? null
    const isOwner = viewer?.id === person.userId
    const isModerator = !!viewer?.hasRole('moderator', 'admin')
    // a user blocked by moderators keeps reading (and appealing), but their profile is gone for others
    if (!isOwner && !isModerator && (await isBlocked(person.userId))) return response.notFound()
    // a moderator's hiding: the about text and avatar vanish for everyone but the author and moderators
    const showContent = !person.hidden || isOwner || isModerator
    const municipality =
      person.municipalityCode && (await audienceAllows(person, person.municipalityVisibility, viewer)) ? await Municipality.findBy('code', person.municipalityCode) : null
    return view.render('pages/social/profiles/show', {
      person,
      badges: badgesOf(person),
      about: showContent ? person.about : null,
      avatar: showContent ? avatarUrl(person.userId, person.avatarKey) : null,
      municipality: municipality ? municipality.name(i18n.locale) : null,
      counts: await followCounts(person.userId),
      isOwner,
      canFollow: !!viewer && viewer.isActive && !isOwner,
      // offered only when the person's settings and blocks let this viewer start a conversation
      canMessage: !!viewer && viewer.isActive && !isOwner && !person.official && (await refusalsFor(viewer.id, [person.userId])).size === 0,
      following: await follows(viewer?.id, 'user', person.userId),
      showFlag: !!viewer && !isOwner && hasFlagControl(),
      officialName: person.official ? (i18n.locale === 'en' ? person.official.nameEn : person.official.nameRu) : null,
    })
  }

  /** The avatar, re-encoded and without metadata; cached by browsers (its URL changes with the file). */
  async avatar(ctx: HttpContext) {
    const { params, request, response, auth } = ctx
    await auth.check()
    const id = idOf(params.id)
    const person = id ? await personById(id) : null
    if (!person || person.deleted || !person.avatarKey) return response.notFound()
    const viewer = auth.user
    const privileged = viewer?.id === person.userId || !!viewer?.hasRole('moderator', 'admin')
    if ((person.hidden || (await isBlocked(person.userId))) && !privileged) return response.notFound()
    const etag = `"${person.avatarKey.split('/').pop()}"`
    response.header('content-type', 'image/webp')
    response.header('x-content-type-options', 'nosniff')
    response.header('etag', etag)
    // a hidden avatar seen by its author or a moderator must not linger in shared caches
    response.header('cache-control', person.hidden ? 'private, no-store' : 'public, max-age=3600')
    if (request.header('if-none-match') === etag) return response.notModified()
    return response.send(await avatarBytes(person.avatarKey))
  }

  async edit(ctx: HttpContext) {
    await ctx.bouncer.with(ProfilePolicy).authorize('own')
    const user = ctx.auth.getUserOrFail()
    const person = (await personById(user.id))!
    if (person.deleted) return ctx.response.notFound()
    noindex(ctx.response)
    const municipalities = await Municipality.query().orderBy('name_ru')
    return ctx.view.render('pages/social/profiles/edit', {
      person,
      avatar: avatarUrl(person.userId, person.avatarKey),
      municipalityOptions: municipalities.map((municipality) => ({ value: municipality.code, label: municipality.name(ctx.i18n.locale) })),
      subjects: subjectCodes,
      // after a refused save: the boxes as they were ticked (none ticked is no field at all)
      chosenInterests: ctx.session.flashMessages.has('displayName') ? ((ctx.session.flashMessages.get('interests') as string[] | undefined) ?? []) : person.interests,
    })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with(ProfilePolicy).authorize('own')
    const user = ctx.auth.getUserOrFail()
    const input = await ctx.request.validateUsing(profileValidator, { messagesProvider: profilesMessages(ctx.i18n) })
    const t = (key: string, data?: Record<string, unknown>) => ctx.i18n.t(key, data)
    const saved = await editLimiter().attempt(`social:profile:${ctx.tenant.slug}:${user.id}`, async () => {
      await saveProfile(user, { ...input, avatarPath: input.avatar?.tmpPath ?? null }, t)
      return true
    })
    if (!saved) {
      ctx.response.status(429)
      return wantsJson(ctx.request) ? { message: t('social_profiles.flash.too_fast') } : t('social_profiles.flash.too_fast')
    }
    if (wantsJson(ctx.request)) return ctx.response.json({ message: t('social_profiles.flash.saved'), url: `/people/${user.id}` })
    ctx.session.flash('notice', t('social_profiles.flash.saved'))
    return ctx.response.redirect(`/people/${user.id}`)
  }
}
