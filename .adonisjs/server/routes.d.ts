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
    'identity.account.show': { paramsTuple?: []; params?: {} }
    'identity.account.update': { paramsTuple?: []; params?: {} }
    'identity.users.index': { paramsTuple?: []; params?: {} }
    'identity.users.store': { paramsTuple?: []; params?: {} }
    'identity.users.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'identity.users.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'identity.departments.index': { paramsTuple?: []; params?: {} }
    'identity.departments.store': { paramsTuple?: []; params?: {} }
    'identity.departments.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'identity.departments.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'identity.departments.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'identity.audit.index': { paramsTuple?: []; params?: {} }
    'identity.api.tokens.store': { paramsTuple?: []; params?: {} }
    'identity.api.tokens.destroy': { paramsTuple?: []; params?: {} }
    'identity.api.me': { paramsTuple?: []; params?: {} }
    'identity.api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'control.region': { paramsTuple?: []; params?: {} }
    'control.risks': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'control.block': { paramsTuple: [ParamValue]; params: {'block': ParamValue} }
    'control.department': { paramsTuple: [ParamValue,ParamValue]; params: {'block': ParamValue,'department': ParamValue} }
    'control.order': { paramsTuple: [ParamValue,ParamValue]; params: {'block': ParamValue,'id': ParamValue} }
    'effectiveness.block': { paramsTuple?: []; params?: {} }
    'effectiveness.block.export': { paramsTuple?: []; params?: {} }
    'effectiveness.region': { paramsTuple?: []; params?: {} }
    'effectiveness.region.export': { paramsTuple?: []; params?: {} }
    'reports.index': { paramsTuple?: []; params?: {} }
    'reports.generate': { paramsTuple?: []; params?: {} }
    'reports.subscribe': { paramsTuple?: []; params?: {} }
    'reports.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'orders.index': { paramsTuple?: []; params?: {} }
    'orders.create': { paramsTuple?: []; params?: {} }
    'orders.board': { paramsTuple?: []; params?: {} }
    'orders.dashboard': { paramsTuple?: []; params?: {} }
    'orders.calendar.index': { paramsTuple?: []; params?: {} }
    'orders.calendar.store': { paramsTuple?: []; params?: {} }
    'orders.calendar.rules': { paramsTuple?: []; params?: {} }
    'orders.calendar.destroy': { paramsTuple: [ParamValue]; params: {'day': ParamValue} }
    'orders.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'orders.store': { paramsTuple?: []; params?: {} }
    'orders.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
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
    'orders.api.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
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
    'orders.voice.create': { paramsTuple?: []; params?: {} }
    'orders.voice.storeOrder': { paramsTuple?: []; params?: {} }
    'orders.voice.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.voice.audio': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'orders.voice.apply': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'orders.voice.retry': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'orders.api.voice.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'orders.api.voice.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.voice.audio': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'orders.api.voice.apply': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'orders.api.voice.retry': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'planner.index': { paramsTuple?: []; params?: {} }
    'planner.delegated': { paramsTuple?: []; params?: {} }
    'planner.items.create': { paramsTuple?: []; params?: {} }
    'planner.items.store': { paramsTuple?: []; params?: {} }
    'planner.items.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'planner.items.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'planner.items.move': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'planner.items.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'planner.feed.show': { paramsTuple?: []; params?: {} }
    'planner.feed.regenerate': { paramsTuple?: []; params?: {} }
    'planner.feed.ics': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'planner.api.index': { paramsTuple?: []; params?: {} }
    'planner.api.store': { paramsTuple?: []; params?: {} }
    'planner.api.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'planner.api.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'planner.api.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'planner.api.feed_token': { paramsTuple?: []; params?: {} }
    'programmes.index': { paramsTuple?: []; params?: {} }
    'programmes.store': { paramsTuple?: []; params?: {} }
    'programmes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programmes.events.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programmes.events.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'eventId': ParamValue} }
    'programmes.events.order': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'eventId': ParamValue} }
    'problems.index': { paramsTuple?: []; params?: {} }
    'problems.map': { paramsTuple?: []; params?: {} }
    'problems.map.data': { paramsTuple?: []; params?: {} }
    'problems.nearby': { paramsTuple?: []; params?: {} }
    'problems.stats': { paramsTuple?: []; params?: {} }
    'problems.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.photos.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'photoId': ParamValue} }
    'problems.citizens.confirm': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'problems.citizens.create': { paramsTuple?: []; params?: {} }
    'problems.citizens.store': { paramsTuple?: []; params?: {} }
    'problems.create': { paramsTuple?: []; params?: {} }
    'problems.store': { paramsTuple?: []; params?: {} }
    'problems.draft': { paramsTuple?: []; params?: {} }
    'problems.endorse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.flag': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.contest': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.citizens.profile': { paramsTuple?: []; params?: {} }
    'problems.citizens.profile.update': { paramsTuple?: []; params?: {} }
    'problems.moderation.index': { paramsTuple?: []; params?: {} }
    'problems.moderation.hide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.moderation.restore': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.routing.index': { paramsTuple?: []; params?: {} }
    'problems.routing.rules.store': { paramsTuple?: []; params?: {} }
    'problems.routing.rules.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.routing.themes.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.open311.keys.index': { paramsTuple?: []; params?: {} }
    'problems.open311.keys.store': { paramsTuple?: []; params?: {} }
    'problems.open311.keys.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.routing.route': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.open311.service': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'problems.open311.request': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'problems.open311.token': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'problems.open311.collection': { paramsTuple: [ParamValue]; params: {'resource': ParamValue} }
    'problems.open311.collection.store': { paramsTuple: [ParamValue]; params: {'resource': ParamValue} }
    'problems.inbox.index': { paramsTuple?: []; params?: {} }
    'problems.inbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.inbox.answer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.inbox.reassign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.inbox.done': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.inbox.photos.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'photoId': ParamValue} }
    'lawmaking.office.drafts.index': { paramsTuple?: []; params?: {} }
    'lawmaking.office.drafts.create': { paramsTuple?: []; params?: {} }
    'lawmaking.office.drafts.store': { paramsTuple?: []; params?: {} }
    'lawmaking.office.drafts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.drafts.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.drafts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.drafts.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.drafts.complete': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.drafts.redline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.files.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.files.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'fileId': ParamValue} }
    'lawmaking.office.files.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'fileId': ParamValue} }
    'lawmaking.office.remarks.decide': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'remarkId': ParamValue} }
    'lawmaking.portal.index': { paramsTuple?: []; params?: {} }
    'lawmaking.portal.feed': { paramsTuple?: []; params?: {} }
    'lawmaking.portal.stats': { paramsTuple?: []; params?: {} }
    'lawmaking.portal.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.redline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.summary': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'file': ParamValue} }
    'lawmaking.portal.clause': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'key': ParamValue} }
    'lawmaking.portal.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'fileId': ParamValue} }
    'lawmaking.portal.my_remarks': { paramsTuple?: []; params?: {} }
    'lawmaking.portal.remarks.store': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'key': ParamValue} }
    'lawmaking.portal.remarks.reply': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.remarks.support': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.remarks.hide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.remarks.restore': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.remarks.flag': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.moderation': { paramsTuple?: []; params?: {} }
    'lawmaking.portal.remarks.dismiss_flags': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.control.index': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.index': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.create': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.store': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.support': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.moderation.index': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.forward': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.inbox.index': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.inbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.inbox.answer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.inbox.conclusion_file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'conclusionId': ParamValue} }
    'lawmaking.expertise.draft': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.initiative': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.conclusion_file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.profile': { paramsTuple?: []; params?: {} }
    'lawmaking.expertise.profile.store': { paramsTuple?: []; params?: {} }
    'lawmaking.expertise.moderation': { paramsTuple?: []; params?: {} }
    'lawmaking.expertise.verify': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.queue': { paramsTuple?: []; params?: {} }
    'lawmaking.expertise.invitation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.conclude': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.draft.invite': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.initiative.invite': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.office': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.office.invite': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.office.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'conclusionId': ParamValue} }
    'lawmaking.api.drafts.index': { paramsTuple?: []; params?: {} }
    'lawmaking.api.drafts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.api.versions.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'number': ParamValue} }
    'lawmaking.api.remarks.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.api.redline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.api.initiatives.index': { paramsTuple?: []; params?: {} }
    'lawmaking.api.initiatives.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.api.remarks.store': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'key': ParamValue} }
    'lawmaking.registry.json': { paramsTuple?: []; params?: {} }
    'lawmaking.registry.csv': { paramsTuple?: []; params?: {} }
    'lawmaking.registry.xml': { paramsTuple?: []; params?: {} }
    'priorities.index': { paramsTuple?: []; params?: {} }
    'priorities.municipality': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'priorities.results': { paramsTuple?: []; params?: {} }
    'priorities.results.quarter': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.export.csv': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.export.xlsx': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.export.json': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.export.xml': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.ballots': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.map': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.photo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'priorities.method': { paramsTuple?: []; params?: {} }
    'priorities.my': { paramsTuple?: []; params?: {} }
    'priorities.vote': { paramsTuple?: []; params?: {} }
    'priorities.withdraw': { paramsTuple?: []; params?: {} }
    'priorities.suggest.form': { paramsTuple?: []; params?: {} }
    'priorities.suggest': { paramsTuple?: []; params?: {} }
    'priorities.residence': { paramsTuple?: []; params?: {} }
    'priorities.admin.index': { paramsTuple?: []; params?: {} }
    'priorities.admin.store': { paramsTuple?: []; params?: {} }
    'priorities.admin.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'priorities.admin.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'priorities.admin.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'priorities.admin.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'priorities.admin.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'priorities.admin.settings': { paramsTuple?: []; params?: {} }
    'priorities.admin.settings.save': { paramsTuple?: []; params?: {} }
    'priorities.moderation': { paramsTuple?: []; params?: {} }
    'priorities.moderation.exclude': { paramsTuple?: []; params?: {} }
    'priorities.moderation.exclude_ballot': { paramsTuple?: []; params?: {} }
    'priorities.admin.correct': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.received.index': { paramsTuple?: []; params?: {} }
    'priorities.received.propose': { paramsTuple?: []; params?: {} }
    'priorities.received.order': { paramsTuple?: []; params?: {} }
    'opendata.ckan.version': { paramsTuple?: []; params?: {} }
    'opendata.ckan.action': { paramsTuple: [ParamValue]; params: {'action': ParamValue} }
    'opendata.dcat.catalogue.ttl': { paramsTuple?: []; params?: {} }
    'opendata.dcat.dataset.ttl': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.dcat.catalogue.jsonld': { paramsTuple?: []; params?: {} }
    'opendata.dcat.dataset.jsonld': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.dcat.catalogue.rdf': { paramsTuple?: []; params?: {} }
    'opendata.dcat.dataset.rdf': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.portal.diff': { paramsTuple: [ParamValue,ParamValue]; params: {'identifier': ParamValue,'number': ParamValue} }
    'opendata.office.dashboard': { paramsTuple?: []; params?: {} }
    'opendata.office.dashboard.page': { paramsTuple?: []; params?: {} }
    'opendata.control.overdue': { paramsTuple?: []; params?: {} }
    'opendata.views.table': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.views.map': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.views.chart': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.views.embed': { paramsTuple: [ParamValue,ParamValue]; params: {'identifier': ParamValue,'view': ParamValue} }
    'opendata.views.map_json': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.office.index': { paramsTuple?: []; params?: {} }
    'opendata.office.create': { paramsTuple?: []; params?: {} }
    'opendata.office.store': { paramsTuple?: []; params?: {} }
    'opendata.office.profile': { paramsTuple?: []; params?: {} }
    'opendata.office.profile.save': { paramsTuple?: []; params?: {} }
    'opendata.office.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'opendata.office.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'opendata.office.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'opendata.office.upload': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'opendata.office.structure': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'uploadId': ParamValue} }
    'opendata.office.discard': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'uploadId': ParamValue} }
    'opendata.office.publish': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'uploadId': ParamValue} }
    'opendata.portal.index': { paramsTuple?: []; params?: {} }
    'opendata.portal.show': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.list.csv': { paramsTuple?: []; params?: {} }
    'opendata.list.json': { paramsTuple?: []; params?: {} }
    'opendata.list.xml': { paramsTuple?: []; params?: {} }
    'opendata.files': { paramsTuple: [ParamValue,ParamValue]; params: {'identifier': ParamValue,'file': ParamValue} }
    'lawsuits.index': { paramsTuple?: []; params?: {} }
    'lawsuits.create': { paramsTuple?: []; params?: {} }
    'lawsuits.store': { paramsTuple?: []; params?: {} }
    'lawsuits.dashboard': { paramsTuple?: []; params?: {} }
    'lawsuits.hearings': { paramsTuple?: []; params?: {} }
    'lawsuits.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'lawsuits.import.create': { paramsTuple?: []; params?: {} }
    'lawsuits.import.store': { paramsTuple?: []; params?: {} }
    'lawsuits.import.template': { paramsTuple?: []; params?: {} }
    'lawsuits.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawsuits.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawsuits.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawsuits.hearings.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawsuits.hearings.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'eventId': ParamValue} }
    'lawsuits.acts.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawsuits.acts.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'actId': ParamValue} }
    'lawsuits.acts.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'actId': ParamValue} }
    'lawsuits.appeal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawsuits.region': { paramsTuple?: []; params?: {} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.read': { paramsTuple?: []; params?: {} }
    'notifications.api.index': { paramsTuple?: []; params?: {} }
    'pwa.manifest': { paramsTuple?: []; params?: {} }
    'pwa.service_worker': { paramsTuple?: []; params?: {} }
    'pwa.offline': { paramsTuple?: []; params?: {} }
    'bus_monitor.index': { paramsTuple?: []; params?: {} }
    'ratings.index': { paramsTuple?: []; params?: {} }
    'ratings.store': { paramsTuple?: []; params?: {} }
    'ratings.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'ratings.settings': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'ratings.editions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'ratings.indicators.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'ratings.alerts.order': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'alertId': ParamValue} }
    'ratings.editions.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'editionId': ParamValue} }
    'ratings.observations.store': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'editionId': ParamValue} }
    'ratings.observations.import': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'editionId': ParamValue} }
    'ratings.observations.template': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'editionId': ParamValue} }
    'ratings.editions.export': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'id': ParamValue,'editionId': ParamValue,'format': ParamValue} }
    'media.index': { paramsTuple?: []; params?: {} }
    'media.entry': { paramsTuple?: []; params?: {} }
    'media.items.store': { paramsTuple?: []; params?: {} }
    'media.import': { paramsTuple?: []; params?: {} }
    'media.import.template': { paramsTuple?: []; params?: {} }
    'media.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'media.feeds': { paramsTuple?: []; params?: {} }
    'media.feeds.store': { paramsTuple?: []; params?: {} }
    'media.feeds.pull': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'media.feeds.toggle': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'ratings.region': { paramsTuple?: []; params?: {} }
    'staffing.dashboard': { paramsTuple?: []; params?: {} }
    'staffing.departments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.positions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.positions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.positions.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.staff.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.staff.end': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.import.show': { paramsTuple?: []; params?: {} }
    'staffing.import.store': { paramsTuple?: []; params?: {} }
    'staffing.import.template': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'staffing.import.run': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.export.completeness_xlsx': { paramsTuple?: []; params?: {} }
    'staffing.export.completeness_pdf': { paramsTuple?: []; params?: {} }
    'staffing.export.positions': { paramsTuple?: []; params?: {} }
    'staffing.settings.show': { paramsTuple?: []; params?: {} }
    'staffing.settings.update': { paramsTuple?: []; params?: {} }
    'staffing.region': { paramsTuple?: []; params?: {} }
    'staffing.public.page': { paramsTuple?: []; params?: {} }
    'staffing.public.json': { paramsTuple?: []; params?: {} }
    'staffing.public.csv': { paramsTuple?: []; params?: {} }
    'service_ratings.services.index': { paramsTuple?: []; params?: {} }
    'service_ratings.services.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.ranks.index': { paramsTuple?: []; params?: {} }
    'service_ratings.ranks.export': { paramsTuple: [ParamValue]; params: {'month': ParamValue} }
    'service_ratings.ranks.ratings_file': { paramsTuple: [ParamValue]; params: {'month': ParamValue} }
    'service_ratings.ratings.photo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.ratings.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.ratings.helpful': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.services.administer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.services.correct': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.catalogue.index': { paramsTuple?: []; params?: {} }
    'service_ratings.catalogue.store': { paramsTuple?: []; params?: {} }
    'service_ratings.inbox.index': { paramsTuple?: []; params?: {} }
    'service_ratings.inbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.inbox.answer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.control.index': { paramsTuple?: []; params?: {} }
    'service_ratings.control.order': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.openapi': { paramsTuple?: []; params?: {} }
  }
  GET: {
    'identity.home.show': { paramsTuple?: []; params?: {} }
    'identity.session.create': { paramsTuple?: []; params?: {} }
    'identity.invitations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'identity.dashboard.show': { paramsTuple?: []; params?: {} }
    'identity.account.show': { paramsTuple?: []; params?: {} }
    'identity.users.index': { paramsTuple?: []; params?: {} }
    'identity.departments.index': { paramsTuple?: []; params?: {} }
    'identity.audit.index': { paramsTuple?: []; params?: {} }
    'identity.api.me': { paramsTuple?: []; params?: {} }
    'identity.api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'control.region': { paramsTuple?: []; params?: {} }
    'control.risks': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'control.block': { paramsTuple: [ParamValue]; params: {'block': ParamValue} }
    'control.department': { paramsTuple: [ParamValue,ParamValue]; params: {'block': ParamValue,'department': ParamValue} }
    'control.order': { paramsTuple: [ParamValue,ParamValue]; params: {'block': ParamValue,'id': ParamValue} }
    'effectiveness.block': { paramsTuple?: []; params?: {} }
    'effectiveness.block.export': { paramsTuple?: []; params?: {} }
    'effectiveness.region': { paramsTuple?: []; params?: {} }
    'effectiveness.region.export': { paramsTuple?: []; params?: {} }
    'reports.index': { paramsTuple?: []; params?: {} }
    'reports.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'orders.index': { paramsTuple?: []; params?: {} }
    'orders.create': { paramsTuple?: []; params?: {} }
    'orders.board': { paramsTuple?: []; params?: {} }
    'orders.dashboard': { paramsTuple?: []; params?: {} }
    'orders.calendar.index': { paramsTuple?: []; params?: {} }
    'orders.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'orders.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.attachments.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'orders.api.index': { paramsTuple?: []; params?: {} }
    'orders.api.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.attachments.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'orders.voice.create': { paramsTuple?: []; params?: {} }
    'orders.voice.audio': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'orders.api.voice.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'orders.api.voice.audio': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'planner.index': { paramsTuple?: []; params?: {} }
    'planner.delegated': { paramsTuple?: []; params?: {} }
    'planner.items.create': { paramsTuple?: []; params?: {} }
    'planner.items.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'planner.feed.show': { paramsTuple?: []; params?: {} }
    'planner.feed.ics': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'planner.api.index': { paramsTuple?: []; params?: {} }
    'planner.api.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programmes.index': { paramsTuple?: []; params?: {} }
    'programmes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.index': { paramsTuple?: []; params?: {} }
    'problems.map': { paramsTuple?: []; params?: {} }
    'problems.map.data': { paramsTuple?: []; params?: {} }
    'problems.nearby': { paramsTuple?: []; params?: {} }
    'problems.stats': { paramsTuple?: []; params?: {} }
    'problems.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.photos.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'photoId': ParamValue} }
    'problems.citizens.confirm': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'problems.citizens.create': { paramsTuple?: []; params?: {} }
    'problems.create': { paramsTuple?: []; params?: {} }
    'problems.citizens.profile': { paramsTuple?: []; params?: {} }
    'problems.moderation.index': { paramsTuple?: []; params?: {} }
    'problems.routing.index': { paramsTuple?: []; params?: {} }
    'problems.open311.keys.index': { paramsTuple?: []; params?: {} }
    'problems.open311.service': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'problems.open311.request': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'problems.open311.token': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'problems.open311.collection': { paramsTuple: [ParamValue]; params: {'resource': ParamValue} }
    'problems.inbox.index': { paramsTuple?: []; params?: {} }
    'problems.inbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.inbox.photos.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'photoId': ParamValue} }
    'lawmaking.office.drafts.index': { paramsTuple?: []; params?: {} }
    'lawmaking.office.drafts.create': { paramsTuple?: []; params?: {} }
    'lawmaking.office.drafts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.drafts.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.drafts.redline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.files.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'fileId': ParamValue} }
    'lawmaking.portal.index': { paramsTuple?: []; params?: {} }
    'lawmaking.portal.feed': { paramsTuple?: []; params?: {} }
    'lawmaking.portal.stats': { paramsTuple?: []; params?: {} }
    'lawmaking.portal.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.redline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.summary': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'file': ParamValue} }
    'lawmaking.portal.clause': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'key': ParamValue} }
    'lawmaking.portal.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'fileId': ParamValue} }
    'lawmaking.portal.my_remarks': { paramsTuple?: []; params?: {} }
    'lawmaking.portal.moderation': { paramsTuple?: []; params?: {} }
    'lawmaking.control.index': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.index': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.create': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.moderation.index': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.inbox.index': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.inbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.inbox.conclusion_file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'conclusionId': ParamValue} }
    'lawmaking.expertise.draft': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.initiative': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.conclusion_file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.profile': { paramsTuple?: []; params?: {} }
    'lawmaking.expertise.moderation': { paramsTuple?: []; params?: {} }
    'lawmaking.expertise.queue': { paramsTuple?: []; params?: {} }
    'lawmaking.expertise.invitation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.office': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.office.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'conclusionId': ParamValue} }
    'lawmaking.api.drafts.index': { paramsTuple?: []; params?: {} }
    'lawmaking.api.drafts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.api.versions.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'number': ParamValue} }
    'lawmaking.api.remarks.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.api.redline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.api.initiatives.index': { paramsTuple?: []; params?: {} }
    'lawmaking.api.initiatives.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.registry.json': { paramsTuple?: []; params?: {} }
    'lawmaking.registry.csv': { paramsTuple?: []; params?: {} }
    'lawmaking.registry.xml': { paramsTuple?: []; params?: {} }
    'priorities.index': { paramsTuple?: []; params?: {} }
    'priorities.municipality': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'priorities.results': { paramsTuple?: []; params?: {} }
    'priorities.results.quarter': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.export.csv': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.export.xlsx': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.export.json': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.export.xml': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.ballots': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.map': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.photo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'priorities.method': { paramsTuple?: []; params?: {} }
    'priorities.my': { paramsTuple?: []; params?: {} }
    'priorities.suggest.form': { paramsTuple?: []; params?: {} }
    'priorities.admin.index': { paramsTuple?: []; params?: {} }
    'priorities.admin.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'priorities.admin.settings': { paramsTuple?: []; params?: {} }
    'priorities.moderation': { paramsTuple?: []; params?: {} }
    'priorities.received.index': { paramsTuple?: []; params?: {} }
    'opendata.ckan.version': { paramsTuple?: []; params?: {} }
    'opendata.ckan.action': { paramsTuple: [ParamValue]; params: {'action': ParamValue} }
    'opendata.dcat.catalogue.ttl': { paramsTuple?: []; params?: {} }
    'opendata.dcat.dataset.ttl': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.dcat.catalogue.jsonld': { paramsTuple?: []; params?: {} }
    'opendata.dcat.dataset.jsonld': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.dcat.catalogue.rdf': { paramsTuple?: []; params?: {} }
    'opendata.dcat.dataset.rdf': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.portal.diff': { paramsTuple: [ParamValue,ParamValue]; params: {'identifier': ParamValue,'number': ParamValue} }
    'opendata.office.dashboard': { paramsTuple?: []; params?: {} }
    'opendata.office.dashboard.page': { paramsTuple?: []; params?: {} }
    'opendata.control.overdue': { paramsTuple?: []; params?: {} }
    'opendata.views.table': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.views.map': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.views.chart': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.views.embed': { paramsTuple: [ParamValue,ParamValue]; params: {'identifier': ParamValue,'view': ParamValue} }
    'opendata.views.map_json': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.office.index': { paramsTuple?: []; params?: {} }
    'opendata.office.create': { paramsTuple?: []; params?: {} }
    'opendata.office.profile': { paramsTuple?: []; params?: {} }
    'opendata.office.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'opendata.office.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'opendata.office.structure': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'uploadId': ParamValue} }
    'opendata.portal.index': { paramsTuple?: []; params?: {} }
    'opendata.portal.show': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.list.csv': { paramsTuple?: []; params?: {} }
    'opendata.list.json': { paramsTuple?: []; params?: {} }
    'opendata.list.xml': { paramsTuple?: []; params?: {} }
    'opendata.files': { paramsTuple: [ParamValue,ParamValue]; params: {'identifier': ParamValue,'file': ParamValue} }
    'lawsuits.index': { paramsTuple?: []; params?: {} }
    'lawsuits.create': { paramsTuple?: []; params?: {} }
    'lawsuits.dashboard': { paramsTuple?: []; params?: {} }
    'lawsuits.hearings': { paramsTuple?: []; params?: {} }
    'lawsuits.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'lawsuits.import.create': { paramsTuple?: []; params?: {} }
    'lawsuits.import.template': { paramsTuple?: []; params?: {} }
    'lawsuits.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawsuits.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawsuits.acts.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'actId': ParamValue} }
    'lawsuits.region': { paramsTuple?: []; params?: {} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.api.index': { paramsTuple?: []; params?: {} }
    'pwa.manifest': { paramsTuple?: []; params?: {} }
    'pwa.service_worker': { paramsTuple?: []; params?: {} }
    'pwa.offline': { paramsTuple?: []; params?: {} }
    'bus_monitor.index': { paramsTuple?: []; params?: {} }
    'ratings.index': { paramsTuple?: []; params?: {} }
    'ratings.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'ratings.editions.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'editionId': ParamValue} }
    'ratings.observations.template': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'editionId': ParamValue} }
    'ratings.editions.export': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'id': ParamValue,'editionId': ParamValue,'format': ParamValue} }
    'media.index': { paramsTuple?: []; params?: {} }
    'media.entry': { paramsTuple?: []; params?: {} }
    'media.import.template': { paramsTuple?: []; params?: {} }
    'media.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'media.feeds': { paramsTuple?: []; params?: {} }
    'ratings.region': { paramsTuple?: []; params?: {} }
    'staffing.dashboard': { paramsTuple?: []; params?: {} }
    'staffing.departments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.positions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.import.show': { paramsTuple?: []; params?: {} }
    'staffing.import.template': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'staffing.import.run': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.export.completeness_xlsx': { paramsTuple?: []; params?: {} }
    'staffing.export.completeness_pdf': { paramsTuple?: []; params?: {} }
    'staffing.export.positions': { paramsTuple?: []; params?: {} }
    'staffing.settings.show': { paramsTuple?: []; params?: {} }
    'staffing.region': { paramsTuple?: []; params?: {} }
    'staffing.public.page': { paramsTuple?: []; params?: {} }
    'staffing.public.json': { paramsTuple?: []; params?: {} }
    'staffing.public.csv': { paramsTuple?: []; params?: {} }
    'service_ratings.services.index': { paramsTuple?: []; params?: {} }
    'service_ratings.services.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.ranks.index': { paramsTuple?: []; params?: {} }
    'service_ratings.ranks.export': { paramsTuple: [ParamValue]; params: {'month': ParamValue} }
    'service_ratings.ranks.ratings_file': { paramsTuple: [ParamValue]; params: {'month': ParamValue} }
    'service_ratings.ratings.photo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.catalogue.index': { paramsTuple?: []; params?: {} }
    'service_ratings.inbox.index': { paramsTuple?: []; params?: {} }
    'service_ratings.inbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.control.index': { paramsTuple?: []; params?: {} }
    'api.openapi': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'identity.home.show': { paramsTuple?: []; params?: {} }
    'identity.session.create': { paramsTuple?: []; params?: {} }
    'identity.invitations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'identity.dashboard.show': { paramsTuple?: []; params?: {} }
    'identity.account.show': { paramsTuple?: []; params?: {} }
    'identity.users.index': { paramsTuple?: []; params?: {} }
    'identity.departments.index': { paramsTuple?: []; params?: {} }
    'identity.audit.index': { paramsTuple?: []; params?: {} }
    'identity.api.me': { paramsTuple?: []; params?: {} }
    'identity.api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'control.region': { paramsTuple?: []; params?: {} }
    'control.risks': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'control.block': { paramsTuple: [ParamValue]; params: {'block': ParamValue} }
    'control.department': { paramsTuple: [ParamValue,ParamValue]; params: {'block': ParamValue,'department': ParamValue} }
    'control.order': { paramsTuple: [ParamValue,ParamValue]; params: {'block': ParamValue,'id': ParamValue} }
    'effectiveness.block': { paramsTuple?: []; params?: {} }
    'effectiveness.block.export': { paramsTuple?: []; params?: {} }
    'effectiveness.region': { paramsTuple?: []; params?: {} }
    'effectiveness.region.export': { paramsTuple?: []; params?: {} }
    'reports.index': { paramsTuple?: []; params?: {} }
    'reports.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'orders.index': { paramsTuple?: []; params?: {} }
    'orders.create': { paramsTuple?: []; params?: {} }
    'orders.board': { paramsTuple?: []; params?: {} }
    'orders.dashboard': { paramsTuple?: []; params?: {} }
    'orders.calendar.index': { paramsTuple?: []; params?: {} }
    'orders.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'orders.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.attachments.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'orders.api.index': { paramsTuple?: []; params?: {} }
    'orders.api.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.attachments.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'orders.voice.create': { paramsTuple?: []; params?: {} }
    'orders.voice.audio': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'orders.api.voice.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'orders.api.voice.audio': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'planner.index': { paramsTuple?: []; params?: {} }
    'planner.delegated': { paramsTuple?: []; params?: {} }
    'planner.items.create': { paramsTuple?: []; params?: {} }
    'planner.items.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'planner.feed.show': { paramsTuple?: []; params?: {} }
    'planner.feed.ics': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'planner.api.index': { paramsTuple?: []; params?: {} }
    'planner.api.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programmes.index': { paramsTuple?: []; params?: {} }
    'programmes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.index': { paramsTuple?: []; params?: {} }
    'problems.map': { paramsTuple?: []; params?: {} }
    'problems.map.data': { paramsTuple?: []; params?: {} }
    'problems.nearby': { paramsTuple?: []; params?: {} }
    'problems.stats': { paramsTuple?: []; params?: {} }
    'problems.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.photos.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'photoId': ParamValue} }
    'problems.citizens.confirm': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'problems.citizens.create': { paramsTuple?: []; params?: {} }
    'problems.create': { paramsTuple?: []; params?: {} }
    'problems.citizens.profile': { paramsTuple?: []; params?: {} }
    'problems.moderation.index': { paramsTuple?: []; params?: {} }
    'problems.routing.index': { paramsTuple?: []; params?: {} }
    'problems.open311.keys.index': { paramsTuple?: []; params?: {} }
    'problems.open311.service': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'problems.open311.request': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'problems.open311.token': { paramsTuple: [ParamValue]; params: {'file': ParamValue} }
    'problems.open311.collection': { paramsTuple: [ParamValue]; params: {'resource': ParamValue} }
    'problems.inbox.index': { paramsTuple?: []; params?: {} }
    'problems.inbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.inbox.photos.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'photoId': ParamValue} }
    'lawmaking.office.drafts.index': { paramsTuple?: []; params?: {} }
    'lawmaking.office.drafts.create': { paramsTuple?: []; params?: {} }
    'lawmaking.office.drafts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.drafts.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.drafts.redline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.files.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'fileId': ParamValue} }
    'lawmaking.portal.index': { paramsTuple?: []; params?: {} }
    'lawmaking.portal.feed': { paramsTuple?: []; params?: {} }
    'lawmaking.portal.stats': { paramsTuple?: []; params?: {} }
    'lawmaking.portal.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.redline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.summary': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'file': ParamValue} }
    'lawmaking.portal.clause': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'key': ParamValue} }
    'lawmaking.portal.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'fileId': ParamValue} }
    'lawmaking.portal.my_remarks': { paramsTuple?: []; params?: {} }
    'lawmaking.portal.moderation': { paramsTuple?: []; params?: {} }
    'lawmaking.control.index': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.index': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.create': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.moderation.index': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.inbox.index': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.inbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.inbox.conclusion_file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'conclusionId': ParamValue} }
    'lawmaking.expertise.draft': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.initiative': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.conclusion_file': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.profile': { paramsTuple?: []; params?: {} }
    'lawmaking.expertise.moderation': { paramsTuple?: []; params?: {} }
    'lawmaking.expertise.queue': { paramsTuple?: []; params?: {} }
    'lawmaking.expertise.invitation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.office': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.office.file': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'conclusionId': ParamValue} }
    'lawmaking.api.drafts.index': { paramsTuple?: []; params?: {} }
    'lawmaking.api.drafts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.api.versions.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'number': ParamValue} }
    'lawmaking.api.remarks.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.api.redline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.api.initiatives.index': { paramsTuple?: []; params?: {} }
    'lawmaking.api.initiatives.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.registry.json': { paramsTuple?: []; params?: {} }
    'lawmaking.registry.csv': { paramsTuple?: []; params?: {} }
    'lawmaking.registry.xml': { paramsTuple?: []; params?: {} }
    'priorities.index': { paramsTuple?: []; params?: {} }
    'priorities.municipality': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'priorities.results': { paramsTuple?: []; params?: {} }
    'priorities.results.quarter': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.export.csv': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.export.xlsx': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.export.json': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.export.xml': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.ballots': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.results.map': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.photo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'priorities.method': { paramsTuple?: []; params?: {} }
    'priorities.my': { paramsTuple?: []; params?: {} }
    'priorities.suggest.form': { paramsTuple?: []; params?: {} }
    'priorities.admin.index': { paramsTuple?: []; params?: {} }
    'priorities.admin.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'priorities.admin.settings': { paramsTuple?: []; params?: {} }
    'priorities.moderation': { paramsTuple?: []; params?: {} }
    'priorities.received.index': { paramsTuple?: []; params?: {} }
    'opendata.ckan.version': { paramsTuple?: []; params?: {} }
    'opendata.dcat.catalogue.ttl': { paramsTuple?: []; params?: {} }
    'opendata.dcat.dataset.ttl': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.dcat.catalogue.jsonld': { paramsTuple?: []; params?: {} }
    'opendata.dcat.dataset.jsonld': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.dcat.catalogue.rdf': { paramsTuple?: []; params?: {} }
    'opendata.dcat.dataset.rdf': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.portal.diff': { paramsTuple: [ParamValue,ParamValue]; params: {'identifier': ParamValue,'number': ParamValue} }
    'opendata.office.dashboard': { paramsTuple?: []; params?: {} }
    'opendata.office.dashboard.page': { paramsTuple?: []; params?: {} }
    'opendata.control.overdue': { paramsTuple?: []; params?: {} }
    'opendata.views.table': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.views.map': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.views.chart': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.views.embed': { paramsTuple: [ParamValue,ParamValue]; params: {'identifier': ParamValue,'view': ParamValue} }
    'opendata.views.map_json': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.office.index': { paramsTuple?: []; params?: {} }
    'opendata.office.create': { paramsTuple?: []; params?: {} }
    'opendata.office.profile': { paramsTuple?: []; params?: {} }
    'opendata.office.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'opendata.office.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'opendata.office.structure': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'uploadId': ParamValue} }
    'opendata.portal.index': { paramsTuple?: []; params?: {} }
    'opendata.portal.show': { paramsTuple: [ParamValue]; params: {'identifier': ParamValue} }
    'opendata.list.csv': { paramsTuple?: []; params?: {} }
    'opendata.list.json': { paramsTuple?: []; params?: {} }
    'opendata.list.xml': { paramsTuple?: []; params?: {} }
    'opendata.files': { paramsTuple: [ParamValue,ParamValue]; params: {'identifier': ParamValue,'file': ParamValue} }
    'lawsuits.index': { paramsTuple?: []; params?: {} }
    'lawsuits.create': { paramsTuple?: []; params?: {} }
    'lawsuits.dashboard': { paramsTuple?: []; params?: {} }
    'lawsuits.hearings': { paramsTuple?: []; params?: {} }
    'lawsuits.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'lawsuits.import.create': { paramsTuple?: []; params?: {} }
    'lawsuits.import.template': { paramsTuple?: []; params?: {} }
    'lawsuits.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawsuits.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawsuits.acts.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'actId': ParamValue} }
    'lawsuits.region': { paramsTuple?: []; params?: {} }
    'notifications.index': { paramsTuple?: []; params?: {} }
    'notifications.api.index': { paramsTuple?: []; params?: {} }
    'pwa.manifest': { paramsTuple?: []; params?: {} }
    'pwa.service_worker': { paramsTuple?: []; params?: {} }
    'pwa.offline': { paramsTuple?: []; params?: {} }
    'bus_monitor.index': { paramsTuple?: []; params?: {} }
    'ratings.index': { paramsTuple?: []; params?: {} }
    'ratings.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'ratings.editions.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'editionId': ParamValue} }
    'ratings.observations.template': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'editionId': ParamValue} }
    'ratings.editions.export': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'id': ParamValue,'editionId': ParamValue,'format': ParamValue} }
    'media.index': { paramsTuple?: []; params?: {} }
    'media.entry': { paramsTuple?: []; params?: {} }
    'media.import.template': { paramsTuple?: []; params?: {} }
    'media.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'media.feeds': { paramsTuple?: []; params?: {} }
    'ratings.region': { paramsTuple?: []; params?: {} }
    'staffing.dashboard': { paramsTuple?: []; params?: {} }
    'staffing.departments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.positions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.import.show': { paramsTuple?: []; params?: {} }
    'staffing.import.template': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'staffing.import.run': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.export.completeness_xlsx': { paramsTuple?: []; params?: {} }
    'staffing.export.completeness_pdf': { paramsTuple?: []; params?: {} }
    'staffing.export.positions': { paramsTuple?: []; params?: {} }
    'staffing.settings.show': { paramsTuple?: []; params?: {} }
    'staffing.region': { paramsTuple?: []; params?: {} }
    'staffing.public.page': { paramsTuple?: []; params?: {} }
    'staffing.public.json': { paramsTuple?: []; params?: {} }
    'staffing.public.csv': { paramsTuple?: []; params?: {} }
    'service_ratings.services.index': { paramsTuple?: []; params?: {} }
    'service_ratings.services.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.ranks.index': { paramsTuple?: []; params?: {} }
    'service_ratings.ranks.export': { paramsTuple: [ParamValue]; params: {'month': ParamValue} }
    'service_ratings.ranks.ratings_file': { paramsTuple: [ParamValue]; params: {'month': ParamValue} }
    'service_ratings.ratings.photo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.catalogue.index': { paramsTuple?: []; params?: {} }
    'service_ratings.inbox.index': { paramsTuple?: []; params?: {} }
    'service_ratings.inbox.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.control.index': { paramsTuple?: []; params?: {} }
    'api.openapi': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'identity.locale.update': { paramsTuple?: []; params?: {} }
    'identity.session.store': { paramsTuple?: []; params?: {} }
    'identity.session.destroy': { paramsTuple?: []; params?: {} }
    'identity.invitations.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'identity.account.update': { paramsTuple?: []; params?: {} }
    'identity.users.store': { paramsTuple?: []; params?: {} }
    'identity.users.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'identity.users.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'identity.departments.store': { paramsTuple?: []; params?: {} }
    'identity.departments.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'identity.departments.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'identity.departments.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'identity.api.tokens.store': { paramsTuple?: []; params?: {} }
    'reports.generate': { paramsTuple?: []; params?: {} }
    'reports.subscribe': { paramsTuple?: []; params?: {} }
    'orders.calendar.store': { paramsTuple?: []; params?: {} }
    'orders.calendar.rules': { paramsTuple?: []; params?: {} }
    'orders.calendar.destroy': { paramsTuple: [ParamValue]; params: {'day': ParamValue} }
    'orders.store': { paramsTuple?: []; params?: {} }
    'orders.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
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
    'orders.voice.storeOrder': { paramsTuple?: []; params?: {} }
    'orders.voice.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.voice.apply': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'orders.voice.retry': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'orders.api.voice.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'orders.api.voice.apply': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'orders.api.voice.retry': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'voiceId': ParamValue} }
    'planner.items.store': { paramsTuple?: []; params?: {} }
    'planner.items.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'planner.items.move': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'planner.items.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'planner.feed.regenerate': { paramsTuple?: []; params?: {} }
    'planner.api.store': { paramsTuple?: []; params?: {} }
    'planner.api.feed_token': { paramsTuple?: []; params?: {} }
    'programmes.store': { paramsTuple?: []; params?: {} }
    'programmes.events.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programmes.events.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'eventId': ParamValue} }
    'programmes.events.order': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'eventId': ParamValue} }
    'problems.citizens.store': { paramsTuple?: []; params?: {} }
    'problems.store': { paramsTuple?: []; params?: {} }
    'problems.draft': { paramsTuple?: []; params?: {} }
    'problems.endorse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.flag': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.contest': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.citizens.profile.update': { paramsTuple?: []; params?: {} }
    'problems.moderation.hide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.moderation.restore': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.routing.rules.store': { paramsTuple?: []; params?: {} }
    'problems.routing.rules.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.routing.themes.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.open311.keys.store': { paramsTuple?: []; params?: {} }
    'problems.open311.keys.revoke': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.routing.route': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.open311.collection.store': { paramsTuple: [ParamValue]; params: {'resource': ParamValue} }
    'problems.inbox.answer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.inbox.reassign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'problems.inbox.done': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.drafts.store': { paramsTuple?: []; params?: {} }
    'lawmaking.office.drafts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.drafts.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.drafts.complete': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.files.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.office.files.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'fileId': ParamValue} }
    'lawmaking.office.remarks.decide': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'remarkId': ParamValue} }
    'lawmaking.portal.remarks.store': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'key': ParamValue} }
    'lawmaking.portal.remarks.reply': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.remarks.support': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.remarks.hide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.remarks.restore': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.remarks.flag': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.portal.remarks.dismiss_flags': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.store': { paramsTuple?: []; params?: {} }
    'lawmaking.initiatives.support': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.forward': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.initiatives.inbox.answer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.profile.store': { paramsTuple?: []; params?: {} }
    'lawmaking.expertise.verify': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.conclude': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.draft.invite': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.initiative.invite': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.expertise.office.invite': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawmaking.api.remarks.store': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'key': ParamValue} }
    'priorities.vote': { paramsTuple?: []; params?: {} }
    'priorities.withdraw': { paramsTuple?: []; params?: {} }
    'priorities.suggest': { paramsTuple?: []; params?: {} }
    'priorities.residence': { paramsTuple?: []; params?: {} }
    'priorities.admin.store': { paramsTuple?: []; params?: {} }
    'priorities.admin.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'priorities.admin.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'priorities.admin.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'priorities.admin.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'priorities.admin.settings.save': { paramsTuple?: []; params?: {} }
    'priorities.moderation.exclude': { paramsTuple?: []; params?: {} }
    'priorities.moderation.exclude_ballot': { paramsTuple?: []; params?: {} }
    'priorities.admin.correct': { paramsTuple: [ParamValue]; params: {'quarter': ParamValue} }
    'priorities.received.propose': { paramsTuple?: []; params?: {} }
    'priorities.received.order': { paramsTuple?: []; params?: {} }
    'opendata.ckan.action': { paramsTuple: [ParamValue]; params: {'action': ParamValue} }
    'opendata.office.store': { paramsTuple?: []; params?: {} }
    'opendata.office.profile.save': { paramsTuple?: []; params?: {} }
    'opendata.office.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'opendata.office.upload': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'opendata.office.discard': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'uploadId': ParamValue} }
    'opendata.office.publish': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'uploadId': ParamValue} }
    'lawsuits.store': { paramsTuple?: []; params?: {} }
    'lawsuits.import.store': { paramsTuple?: []; params?: {} }
    'lawsuits.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawsuits.hearings.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawsuits.hearings.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'eventId': ParamValue} }
    'lawsuits.acts.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'lawsuits.acts.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'actId': ParamValue} }
    'lawsuits.appeal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'notifications.read': { paramsTuple?: []; params?: {} }
    'ratings.store': { paramsTuple?: []; params?: {} }
    'ratings.settings': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'ratings.editions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'ratings.indicators.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'ratings.alerts.order': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'alertId': ParamValue} }
    'ratings.observations.store': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'editionId': ParamValue} }
    'ratings.observations.import': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'editionId': ParamValue} }
    'media.items.store': { paramsTuple?: []; params?: {} }
    'media.import': { paramsTuple?: []; params?: {} }
    'media.feeds.store': { paramsTuple?: []; params?: {} }
    'media.feeds.pull': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'media.feeds.toggle': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.positions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.positions.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.staff.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.staff.end': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'staffing.import.store': { paramsTuple?: []; params?: {} }
    'staffing.settings.update': { paramsTuple?: []; params?: {} }
    'service_ratings.ratings.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.ratings.helpful': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.services.administer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.services.correct': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.catalogue.store': { paramsTuple?: []; params?: {} }
    'service_ratings.inbox.answer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'service_ratings.control.order': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  DELETE: {
    'identity.api.tokens.destroy': { paramsTuple?: []; params?: {} }
    'planner.api.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  PUT: {
    'orders.api.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'planner.api.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}