import type { ModeratedKind } from '#modules/social/moderation/registry'

/** This module's kinds of user content, as the moderation queue sees them. */
const kinds: ModeratedKind[] = []

export default kinds
