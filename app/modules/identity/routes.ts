import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const HomeController = () => import('#modules/identity/controllers/home_controller')
const SessionController = () => import('#modules/identity/controllers/session_controller')
const DashboardController = () => import('#modules/identity/controllers/dashboard_controller')
const LocaleController = () => import('#modules/identity/controllers/locale_controller')
const InvitationsController = () => import('#modules/identity/controllers/invitations_controller')
const UsersController = () => import('#modules/identity/controllers/admin/users_controller')
const DepartmentsController = () => import('#modules/identity/controllers/admin/departments_controller')
const AccountController = () => import('#modules/identity/controllers/account_controller')
const AuditController = () => import('#modules/identity/controllers/admin/audit_controller')
const TokensController = () => import('#modules/identity/controllers/api/tokens_controller')
const ApiUsersController = () => import('#modules/identity/controllers/api/users_controller')

router.get('/', [HomeController, 'show']).as('identity.home.show')
router.post('/locale', [LocaleController, 'update']).as('identity.locale.update')

router
  .group(() => {
    router.get('/login', [SessionController, 'create']).as('identity.session.create')
    router.post('/login', [SessionController, 'store']).as('identity.session.store')
  })
  .use(middleware.guest())

router.post('/logout', [SessionController, 'destroy']).as('identity.session.destroy').use(middleware.auth())

router.get('/invitations/:token', [InvitationsController, 'show']).as('identity.invitations.show')
router.post('/invitations/:token', [InvitationsController, 'update']).as('identity.invitations.update')

router
  .group(() => {
    router.get('/dashboard', [DashboardController, 'show']).as('identity.dashboard.show')
    router.get('/account', [AccountController, 'show']).as('identity.account.show')
    router.post('/account', [AccountController, 'update']).as('identity.account.update')
    router.get('/admin/users', [UsersController, 'index']).as('identity.users.index')
    router.post('/admin/users', [UsersController, 'store']).as('identity.users.store')
    router
      .post('/admin/users/:id/deactivate', [UsersController, 'deactivate'])
      .as('identity.users.deactivate')
      .where('id', router.matchers.number())
    router
      .post('/admin/users/:id/activate', [UsersController, 'activate'])
      .as('identity.users.activate')
      .where('id', router.matchers.number())
    router
      .get('/admin/departments', [DepartmentsController, 'index'])
      .as('identity.departments.index')
      .use(middleware.kind(['block', 'municipality', 'control']))
    router
      .group(() => {
        router.post('/admin/departments', [DepartmentsController, 'store']).as('identity.departments.store')
        router.post('/admin/departments/:id', [DepartmentsController, 'update']).as('identity.departments.update')
        router.post('/admin/departments/:id/deactivate', [DepartmentsController, 'deactivate']).as('identity.departments.deactivate')
        router.post('/admin/departments/:id/activate', [DepartmentsController, 'activate']).as('identity.departments.activate')
      })
      .where('id', router.matchers.number())
      .use(middleware.kind(['block', 'municipality', 'control']))
    router.get('/admin/audit', [AuditController, 'index']).as('identity.audit.index')
  })
  .use(middleware.auth())

router
  .group(() => {
    router.post('/auth/tokens', [TokensController, 'store']).as('identity.api.tokens.store')
    router
      .group(() => {
        router.delete('/auth/tokens/current', [TokensController, 'destroy']).as('identity.api.tokens.destroy')
        router.get('/me', [ApiUsersController, 'me']).as('identity.api.me')
        router
          .get('/users/:id', [ApiUsersController, 'show'])
          .as('identity.api.users.show')
          .where('id', router.matchers.number())
      })
      .use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api/v1')
  .use(middleware.json())
