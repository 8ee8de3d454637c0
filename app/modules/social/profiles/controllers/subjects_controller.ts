import type { HttpContext } from '@adonisjs/core/http'
import { tenantDb } from '#tenancy/tenant_model'
import { isSubjectCode, subjectCodes } from '#modules/social/subjects'
import { follows, peopleByIds } from '#modules/social/profiles/services/people'
import { pageNumber, pageOf } from '#modules/social/profiles/services/pages'

/** Subject areas: who (people interested in it) and what (verified organisations) is in each, and its follow button. */
export default class SubjectsController {
  async index({ view, auth }: HttpContext) {
    await auth.check()
    return view.render('pages/social/profiles/subjects/index', { subjects: subjectCodes })
  }

  async show({ params, request, response, view, auth }: HttpContext) {
    await auth.check()
    const code = String(params.code)
    if (!isSubjectCode(code)) return response.notFound()
    const page = pageNumber(request)
    // the GIN index on interests answers `@>`
    const query = tenantDb()
      .from('social_profiles')
      .whereRaw('interests @> array[?]::text[]', [code])
      .whereNull('deleted_at')
      .orderBy('user_id')
      .select('user_id')
    const paginator = await pageOf<{ user_id: number }>(query, page, `/subjects/${code}`)
    const people = await peopleByIds(paginator.all().map((row) => Number(row.user_id)))
    const organisations = await tenantDb().from('social_organisations').where('status', 'verified').whereRaw('subjects @> array[?]::text[]', [code]).orderBy('name').limit(50).select('id', 'name')
    return view.render('pages/social/profiles/subjects/show', {
      code,
      people: [...people.values()],
      paginator,
      organisations,
      canFollow: !!auth.user?.isActive,
      following: await follows(auth.user?.id, 'subject', code),
    })
  }
}
