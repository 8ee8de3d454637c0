import User from '#modules/identity/models/user'
import CitizenProfile from '#modules/problems/models/citizen_profile'
import { currentQuarter, nextQuarter } from '#modules/priorities/services/quarters'

/**
 * The citizen's municipality of residence for a quarter: the pending choice
 * once its quarter has come, else the current one (null when never chosen).
 */
export function residenceIn(profile: CitizenProfile | null, quarter: string): string | null {
  if (!profile) return null
  if (profile.pendingResidenceMunicipalityCode && profile.pendingResidenceQuarter && profile.pendingResidenceQuarter <= quarter) {
    return profile.pendingResidenceMunicipalityCode
  }
  return profile.residenceMunicipalityCode
}

/**
 * Records the citizen's choice. The first choice applies at once (else
 * nobody could vote in their first quarter); a change applies from the next
 * quarter, so that nobody moves mid-quarter to vote twice for local
 * priorities. Choosing the current municipality again drops a pending change.
 */
export async function chooseResidence(user: User, code: string) {
  const quarter = currentQuarter()
  const profile = (await CitizenProfile.find(user.id)) ?? new CitizenProfile().merge({ userId: user.id, displayName: user.fullName, emailConfirmedAt: user.createdAt })
  const now = residenceIn(profile, quarter)
  if (profile.pendingResidenceQuarter && profile.pendingResidenceQuarter <= quarter) profile.residenceMunicipalityCode = now
  if (!now) {
    profile.merge({ residenceMunicipalityCode: code, pendingResidenceMunicipalityCode: null, pendingResidenceQuarter: null })
  } else if (now === code) {
    profile.merge({ residenceMunicipalityCode: code, pendingResidenceMunicipalityCode: null, pendingResidenceQuarter: null })
  } else {
    profile.merge({ residenceMunicipalityCode: now, pendingResidenceMunicipalityCode: code, pendingResidenceQuarter: nextQuarter(quarter) })
  }
  await profile.save()
  return profile
}
