import type { PersonalDataPart } from '#modules/social/profiles/personal_data'
import drive from '@adonisjs/drive/services/main'
import { tenantDb } from '#tenancy/tenant_model'

/** This area's part of a user's data export and account deletion. */
const parts: PersonalDataPart[] = [
  {
    name: 'suggestions',
    async export(userId) {
      const suggestions = await tenantDb()
        .from('suggestions')
        .where('author_id', userId)
        .select('id', 'category', 'title', 'content', 'route', 'municipality_code', 'body_slug', 'status', 'answer_kind', 'answer_text', 'created_at')
        .orderBy('id')
      const supports = await tenantDb().from('suggestion_supports').where('user_id', userId).select('suggestion_id', 'created_at').orderBy('created_at')
      return { suggestions, supports }
    },
    /**
     * Supports are withdrawn (counts follow); suggestions nobody else acted on
     * (never public) are deleted; the others stay, their author shown as
     * "deleted user".
     */
    async forget(userId, trx) {
      const supported = await trx.from('suggestion_supports').where('user_id', userId).select('suggestion_id')
      for (const { suggestion_id: id } of supported) {
        await trx.from('suggestions').where('id', id).decrement('supports_count', 1)
      }
      await trx.from('suggestion_supports').where('user_id', userId).delete()
      const unpublished = trx.from('suggestions').where('author_id', userId).whereIn('status', ['moderation', 'declined'])
      // their attachments' files go once the deletion is committed
      const files = await trx.from('suggestion_attachments').whereIn('suggestion_id', unpublished.clone().select('id')).select('storage_key')
      trx.after('commit', async () => {
        for (const file of files) await drive.use().delete(file.storage_key).catch(() => {})
      })
      await unpublished.delete()
      await trx.from('suggestions').where('author_id', userId).update({ author_id: null })
    },
  },
]

export default parts
