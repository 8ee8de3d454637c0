import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ExpertProfilesController = () => import('#modules/lawmaking/controllers/expertise/expert_profiles_controller')
const ExpertQueueController = () => import('#modules/lawmaking/controllers/expertise/expert_queue_controller')
const DraftExpertiseController = () => import('#modules/lawmaking/controllers/expertise/draft_expertise_controller')
const OfficeExpertsController = () => import('#modules/lawmaking/controllers/expertise/office_experts_controller')
const InitiativeExpertiseController = () => import('#modules/lawmaking/controllers/expertise/initiative_expertise_controller')
const id = router.matchers.number()

// Portal, public: a draft's or an initiative's expertise (conclusions once its discussion or support is over).
router
  .group(() => {
    router.get('/lawmaking/drafts/:id/expertise', [DraftExpertiseController, 'show']).where('id', id).as('lawmaking.expertise.draft')
    router.get('/lawmaking/initiatives/:id/expertise', [InitiativeExpertiseController, 'show']).where('id', id).as('lawmaking.expertise.initiative')
    router.get('/lawmaking/conclusions/:id/file', [DraftExpertiseController, 'file']).where('id', id).as('lawmaking.expertise.conclusion_file')
  })
  .use(middleware.kind(['portal']))

// Portal, signed in: expert profiles, their moderation, the expert's queue, moderators' invitations.
router
  .group(() => {
    router.get('/lawmaking/expert-profile', [ExpertProfilesController, 'show']).as('lawmaking.expertise.profile')
    router.post('/lawmaking/expert-profile', [ExpertProfilesController, 'store']).as('lawmaking.expertise.profile.store')
    router.get('/lawmaking/experts/moderation', [ExpertProfilesController, 'moderation']).as('lawmaking.expertise.moderation')
    router.post('/lawmaking/experts/:id/verify', [ExpertProfilesController, 'verify']).where('id', id).as('lawmaking.expertise.verify')
    router.post('/lawmaking/experts/:id/reject', [ExpertProfilesController, 'reject']).where('id', id).as('lawmaking.expertise.reject')
    router.get('/lawmaking/expertise', [ExpertQueueController, 'index']).as('lawmaking.expertise.queue')
    router.get('/lawmaking/expertise/:id', [ExpertQueueController, 'show']).where('id', id).as('lawmaking.expertise.invitation')
    router.post('/lawmaking/expertise/:id/accept', [ExpertQueueController, 'accept']).where('id', id).as('lawmaking.expertise.accept')
    router.post('/lawmaking/expertise/:id/decline', [ExpertQueueController, 'decline']).where('id', id).as('lawmaking.expertise.decline')
    router.post('/lawmaking/expertise/:id/conclusion', [ExpertQueueController, 'conclude']).where('id', id).as('lawmaking.expertise.conclude')
    router.post('/lawmaking/drafts/:id/expertise/invite', [DraftExpertiseController, 'invite']).where('id', id).as('lawmaking.expertise.draft.invite')
    router.post('/lawmaking/initiatives/:id/expertise/invite', [InitiativeExpertiseController, 'invite']).where('id', id).as('lawmaking.expertise.initiative.invite')
  })
  .use([middleware.kind(['portal']), middleware.auth()])

// Bodies: the developer's experts of a draft.
router
  .group(() => {
    router.get('/lawmaking/office/drafts/:id/experts', [OfficeExpertsController, 'index']).where('id', id).as('lawmaking.expertise.office')
    router.post('/lawmaking/office/drafts/:id/experts', [OfficeExpertsController, 'invite']).where('id', id).as('lawmaking.expertise.office.invite')
    router.get('/lawmaking/office/drafts/:id/conclusions/:conclusionId/file', [OfficeExpertsController, 'file'])
      .where('id', id)
      .where('conclusionId', id)
      .as('lawmaking.expertise.office.file')
  })
  .use([middleware.kind(['block', 'municipality']), middleware.auth()])
