// The publications area's routes (app/modules/social/routes.ts loads every area): publications, the
// personal feed, galleries and subject communities, on the portal only.
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PublicationsController = () => import('#modules/social/publications/controllers/publications_controller')
const GalleriesController = () => import('#modules/social/publications/controllers/galleries_controller')
const CommunitiesController = () => import('#modules/social/publications/controllers/communities_controller')
const id = router.matchers.number()

// Public: what is not hidden (hidden content answers 404 except to its author and moderators).
router
  .group(() => {
    router.get('/publications', [PublicationsController, 'index']).as('social.publications.index')
    router.get('/publications/:id', [PublicationsController, 'show']).where('id', id).as('social.publications.show')
    router.get('/publications/:id/photos/:photoId', [PublicationsController, 'photo']).where('id', id).where('photoId', id).as('social.publications.photo')
    router.get('/publications/:id/photos/:photoId/thumb', [PublicationsController, 'photo']).where('id', id).where('photoId', id).as('social.publications.thumb')
    router.get('/galleries', [GalleriesController, 'index']).as('social.galleries.index')
    router.get('/galleries/:id', [GalleriesController, 'show']).where('id', id).as('social.galleries.show')
    router.get('/galleries/:id/photos/:photoId', [GalleriesController, 'photo']).where('id', id).where('photoId', id).as('social.galleries.photo')
    router.get('/galleries/:id/photos/:photoId/thumb', [GalleriesController, 'photo']).where('id', id).where('photoId', id).as('social.galleries.thumb')
    router.get('/communities', [CommunitiesController, 'index']).as('social.communities.index')
    router.get('/communities/:id', [CommunitiesController, 'show']).where('id', id).as('social.communities.show')
  })
  .use(middleware.kind(['portal']))

// Signed in: the feed, writing, reactions, communities' membership and moderation.
router
  .group(() => {
    router.get('/feed', [PublicationsController, 'feed']).as('social.feed')
    router.get('/publications/new', [PublicationsController, 'create']).as('social.publications.create')
    router.post('/publications', [PublicationsController, 'store']).as('social.publications.store')
    router.get('/publications/:id/edit', [PublicationsController, 'edit']).where('id', id).as('social.publications.edit')
    router.post('/publications/:id', [PublicationsController, 'update']).where('id', id).as('social.publications.update')
    router.post('/publications/:id/delete', [PublicationsController, 'destroy']).where('id', id).as('social.publications.destroy')
    router.post('/publications/:id/like', [PublicationsController, 'like']).where('id', id).as('social.publications.like')
    router.post('/publications/:id/comments', [PublicationsController, 'comment']).where('id', id).as('social.publications.comment')
    router.post('/publications/:id/comments/:commentId/vote', [PublicationsController, 'vote']).where('id', id).where('commentId', id).as('social.publications.vote')

    router.get('/galleries/new', [GalleriesController, 'create']).as('social.galleries.create')
    router.post('/galleries', [GalleriesController, 'store']).as('social.galleries.store')
    router.post('/galleries/:id/photos', [GalleriesController, 'addPhotos']).where('id', id).as('social.galleries.add_photos')
    router.post('/galleries/:id/delete', [GalleriesController, 'destroy']).where('id', id).as('social.galleries.destroy')

    router.get('/communities/new', [CommunitiesController, 'create']).as('social.communities.create')
    router.post('/communities', [CommunitiesController, 'store']).as('social.communities.store')
    router.post('/communities/:id/join', [CommunitiesController, 'join']).where('id', id).as('social.communities.join')
    router.post('/communities/:id/leave', [CommunitiesController, 'leave']).where('id', id).as('social.communities.leave')
    router.post('/communities/:id/posts/:publicationId/hide', [CommunitiesController, 'setHidden']).where('id', id).where('publicationId', id).as('social.communities.hide')
    router.post('/communities/:id/posts/:publicationId/restore', [CommunitiesController, 'setHidden']).where('id', id).where('publicationId', id).as('social.communities.restore')
  })
  .use([middleware.kind(['portal']), middleware.auth()])
