import '#modules/social/routes_profiles'
import '#modules/social/routes_publications'
import '#modules/social/routes_conversations'
import '#modules/social/routes_moderation'
