import type { ModuleManifest } from '#core/module_manifest'
import identity from '#modules/identity/manifest'
import orders from '#modules/orders/manifest'
import notifications from '#modules/notifications/manifest'
import programmes from '#modules/programmes/manifest'
import pwa from '#modules/pwa/manifest'
import busMonitor from '#modules/bus_monitor/manifest'
import control from '#modules/control/manifest'
import lawsuits from '#modules/lawsuits/manifest'
import ratings from '#modules/ratings/manifest'
import planner from '#modules/planner/manifest'
import staffing from '#modules/staffing/manifest'
import problems from '#modules/problems/manifest'
import lawmaking from '#modules/lawmaking/manifest'
import effectiveness from '#modules/effectiveness/manifest'
import reports from '#modules/reports/manifest'
import opendata from '#modules/opendata/manifest'
import priorities from '#modules/priorities/manifest'
import serviceRatings from '#modules/service_ratings/manifest'
import social from '#modules/social/manifest'
import suggestions from '#modules/suggestions/manifest'

/**
 * Every module of the platform, in menu order.
 */
export const modules: ModuleManifest[] = [
  identity,
  control,
  effectiveness,
  reports,
  orders,
  planner,
  programmes,
  problems,
  lawmaking,
  priorities,
  suggestions,
  social,
  opendata,
  lawsuits,
  notifications,
  pwa,
  busMonitor,
  ratings,
  staffing,
  serviceRatings,
]
