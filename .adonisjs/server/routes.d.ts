import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'identity.home.show': { paramsTuple?: []; params?: {} }
    'identity.locale.update': { paramsTuple?: []; params?: {} }
    'identity.session.create': { paramsTuple?: []; params?: {} }
    'identity.session.store': { paramsTuple?: []; params?: {} }
    'identity.session.destroy': { paramsTuple?: []; params?: {} }
    'identity.invitations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'identity.invitations.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'identity.dashboard.show': { paramsTuple?: []; params?: {} }
    'identity.users.index': { paramsTuple?: []; params?: {} }
    'identity.users.store': { paramsTuple?: []; params?: {} }
    'identity.users.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'identity.users.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'identity.departments.index': { paramsTuple?: []; params?: {} }
    'identity.audit.index': { paramsTuple?: []; params?: {} }
    'identity.api.tokens.store': { paramsTuple?: []; params?: {} }
    'identity.api.tokens.destroy': { paramsTuple?: []; params?: {} }
    'identity.api.me': { paramsTuple?: []; params?: {} }
    'identity.api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.index': { paramsTuple?: []; params?: {} }
    'orders.create': { paramsTuple?: []; params?: {} }
    'orders.dashboard': { paramsTuple?: []; params?: {} }
    'orders.calendar.index': { paramsTuple?: []; params?: {} }
    'orders.calendar.store': { paramsTuple?: []; params?: {} }
    'orders.calendar.destroy': { paramsTuple: [ParamValue]; params: {'day': ParamValue} }
    'orders.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'orders.store': { paramsTuple?: []; params?: {} }
    'orders.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.attachments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.attachments.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'orders.transitions.issue': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.start': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.changeDeadline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.delegate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.requestExtension': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.decideExtension': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.removeFromControl': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.index': { paramsTuple?: []; params?: {} }
    'orders.api.store': { paramsTuple?: []; params?: {} }
    'orders.api.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.attachments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.attachments.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'orders.api.transitions.issue': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.start': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.changeDeadline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.delegate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.requestExtension': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.decideExtension': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.removeFromControl': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programmes.index': { paramsTuple?: []; params?: {} }
    'programmes.store': { paramsTuple?: []; params?: {} }
    'programmes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programmes.events.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programmes.events.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'eventId': ParamValue} }
    'programmes.events.order': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'eventId': ParamValue} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.read': { paramsTuple?: []; params?: {} }
    'notifications.api.index': { paramsTuple?: []; params?: {} }
    'api.openapi': { paramsTuple?: []; params?: {} }
  }
  GET: {
    'identity.home.show': { paramsTuple?: []; params?: {} }
    'identity.session.create': { paramsTuple?: []; params?: {} }
    'identity.invitations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'identity.dashboard.show': { paramsTuple?: []; params?: {} }
    'identity.users.index': { paramsTuple?: []; params?: {} }
    'identity.departments.index': { paramsTuple?: []; params?: {} }
    'identity.audit.index': { paramsTuple?: []; params?: {} }
    'identity.api.me': { paramsTuple?: []; params?: {} }
    'identity.api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.index': { paramsTuple?: []; params?: {} }
    'orders.create': { paramsTuple?: []; params?: {} }
    'orders.dashboard': { paramsTuple?: []; params?: {} }
    'orders.calendar.index': { paramsTuple?: []; params?: {} }
    'orders.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'orders.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.attachments.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'orders.api.index': { paramsTuple?: []; params?: {} }
    'orders.api.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.attachments.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'programmes.index': { paramsTuple?: []; params?: {} }
    'programmes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.api.index': { paramsTuple?: []; params?: {} }
    'api.openapi': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'identity.home.show': { paramsTuple?: []; params?: {} }
    'identity.session.create': { paramsTuple?: []; params?: {} }
    'identity.invitations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'identity.dashboard.show': { paramsTuple?: []; params?: {} }
    'identity.users.index': { paramsTuple?: []; params?: {} }
    'identity.departments.index': { paramsTuple?: []; params?: {} }
    'identity.audit.index': { paramsTuple?: []; params?: {} }
    'identity.api.me': { paramsTuple?: []; params?: {} }
    'identity.api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.index': { paramsTuple?: []; params?: {} }
    'orders.create': { paramsTuple?: []; params?: {} }
    'orders.dashboard': { paramsTuple?: []; params?: {} }
    'orders.calendar.index': { paramsTuple?: []; params?: {} }
    'orders.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'orders.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.attachments.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'orders.api.index': { paramsTuple?: []; params?: {} }
    'orders.api.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.attachments.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'programmes.index': { paramsTuple?: []; params?: {} }
    'programmes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.api.index': { paramsTuple?: []; params?: {} }
    'api.openapi': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'identity.locale.update': { paramsTuple?: []; params?: {} }
    'identity.session.store': { paramsTuple?: []; params?: {} }
    'identity.session.destroy': { paramsTuple?: []; params?: {} }
    'identity.invitations.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'identity.users.store': { paramsTuple?: []; params?: {} }
    'identity.users.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'identity.users.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'identity.api.tokens.store': { paramsTuple?: []; params?: {} }
    'orders.calendar.store': { paramsTuple?: []; params?: {} }
    'orders.calendar.destroy': { paramsTuple: [ParamValue]; params: {'day': ParamValue} }
    'orders.store': { paramsTuple?: []; params?: {} }
    'orders.attachments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.issue': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.start': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.changeDeadline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.delegate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.requestExtension': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.decideExtension': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.transitions.removeFromControl': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.store': { paramsTuple?: []; params?: {} }
    'orders.api.attachments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.issue': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.start': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.changeDeadline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.delegate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.requestExtension': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.decideExtension': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.transitions.removeFromControl': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programmes.store': { paramsTuple?: []; params?: {} }
    'programmes.events.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programmes.events.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'eventId': ParamValue} }
    'programmes.events.order': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'eventId': ParamValue} }
    'notifications.read': { paramsTuple?: []; params?: {} }
  }
  DELETE: {
    'identity.api.tokens.destroy': { paramsTuple?: []; params?: {} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}