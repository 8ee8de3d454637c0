// The profiles area's routes (app/modules/social/routes.ts loads every area).
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ProfilesController = () => import('#modules/social/profiles/controllers/profiles_controller')
const MyAccountController = () => import('#modules/social/profiles/controllers/my_account_controller')
const FollowsController = () => import('#modules/social/profiles/controllers/follows_controller')
const OrganisationsController = () => import('#modules/social/profiles/controllers/organisations_controller')
const SubjectsController = () => import('#modules/social/profiles/controllers/subjects_controller')
const OfficialAccountController = () => import('#modules/social/profiles/controllers/official_account_controller')
const id = router.matchers.number()

// Portal, signed in: my profile, privacy, data, follows; organisations' applications, members and review.
router
  .group(() => {
    router.get('/people/me/edit', [ProfilesController, 'edit']).as('social.profiles.edit')
    router.post('/people/me', [ProfilesController, 'update']).as('social.profiles.update')
    router.get('/people/me/privacy', [MyAccountController, 'privacy']).as('social.profiles.privacy')
    router.post('/people/me/privacy', [MyAccountController, 'savePrivacy']).as('social.profiles.privacy.save')
    router.get('/people/me/export', [MyAccountController, 'exportPage']).as('social.profiles.export')
    router.get('/people/me/export.json', [MyAccountController, 'download']).as('social.profiles.export.download')
    router.get('/people/me/delete', [MyAccountController, 'deleteForm']).as('social.profiles.delete')
    router.post('/people/me/delete', [MyAccountController, 'destroy']).as('social.profiles.destroy')
    router.get('/people/me/follows', [FollowsController, 'index']).as('social.follows.index')
    router.post('/follows', [FollowsController, 'store']).as('social.follows.store')
    router.post('/follows/remove', [FollowsController, 'destroy']).as('social.follows.destroy')

    router.get('/organisations/new', [OrganisationsController, 'create']).as('social.organisations.create')
    router.post('/organisations', [OrganisationsController, 'store']).as('social.organisations.store')
    router.get('/organisations/moderation', [OrganisationsController, 'moderation']).as('social.organisations.moderation')
    router.post('/organisations/:id/verify', [OrganisationsController, 'verify']).where('id', id).as('social.organisations.verify')
    router.post('/organisations/:id/reject', [OrganisationsController, 'reject']).where('id', id).as('social.organisations.reject')
    router.post('/organisations/:id/members', [OrganisationsController, 'invite']).where('id', id).as('social.organisations.invite')
    router.post('/organisations/:id/members/:userId/remove', [OrganisationsController, 'remove']).where('id', id).where('userId', id).as('social.organisations.remove')
    router.post('/organisations/:id/leave', [OrganisationsController, 'leave']).where('id', id).as('social.organisations.leave')
    router.post('/organisations/:id/accept', [OrganisationsController, 'accept']).where('id', id).as('social.organisations.accept')
    router.post('/organisations/:id/decline', [OrganisationsController, 'decline']).where('id', id).as('social.organisations.decline')
  })
  .use([middleware.kind(['portal']), middleware.auth()])

// Portal, public: profiles, avatars, organisations, subject areas.
router
  .group(() => {
    router.get('/people/:id', [ProfilesController, 'show']).where('id', id).as('social.profiles.show')
    router.get('/people/:id/avatar', [ProfilesController, 'avatar']).where('id', id).as('social.profiles.avatar')
    router.get('/organisations', [OrganisationsController, 'index']).as('social.organisations.index')
    router.get('/organisations/:id', [OrganisationsController, 'show']).where('id', id).as('social.organisations.show')
    router.get('/subjects', [SubjectsController, 'index']).as('social.subjects.index')
    router.get('/subjects/:code', [SubjectsController, 'show']).as('social.subjects.show')
  })
  .use(middleware.kind(['portal']))

// A body (block or municipality): its admin keeps its official account on the portal.
router
  .group(() => {
    router.get('/official-account', [OfficialAccountController, 'edit']).as('social.official_account.edit')
    router.post('/official-account', [OfficialAccountController, 'update']).as('social.official_account.update')
  })
  .use([middleware.kind(['block', 'municipality']), middleware.auth()])
