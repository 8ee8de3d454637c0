import Department from '#modules/identity/models/department'
import BodyService from '#modules/service_ratings/models/body_service'
import { publishCatalogue } from '#modules/service_ratings/services/catalogue'

/** What a department typically offers citizens, by channel. */
const TEMPLATES = [
  { code: 'consult', nameRu: 'Консультирование граждан', nameEn: 'Consultations for citizens', channel: 'office' as const },
  { code: 'apply', nameRu: 'Приём заявлений через МФЦ', nameEn: 'Applications through the MFC', channel: 'mfc' as const },
  { code: 'online', nameRu: 'Электронная запись и заявления онлайн', nameEn: 'Online appointments and applications', channel: 'online' as const },
]

/**
 * A body's demo service catalogue: three services of each of its first two
 * departments, published to the portal (the message waits in the outbox
 * until the queue or the demo's follow-ups deliver it). Returns the number of services.
 */
export async function seedServiceCatalogue() {
  const departments = await Department.query().where('is_active', true).whereNot('code', 'main').orderBy('code').limit(2)
  let count = 0
  for (const department of departments) {
    for (const template of TEMPLATES) {
      await BodyService.updateOrCreate(
        { code: `${department.code}-${template.code}`.slice(0, 64) },
        {
          nameRu: `${template.nameRu}: ${department.nameRu}`,
          nameEn: `${template.nameEn}: ${department.nameEn}`,
          departmentCode: department.code,
          channel: template.channel,
          isActive: true,
        }
      )
      count++
    }
  }
  if (count) await publishCatalogue()
  return count
}
