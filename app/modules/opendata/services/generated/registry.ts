import type { TenantKind } from '#tenancy/naming'
import type { Generator } from '#modules/opendata/services/generated/generator'
import { departmentsGenerator } from '#modules/opendata/services/generated/departments'
import { staffingGenerator } from '#modules/opendata/services/generated/staffing'
import { draftActsGenerator } from '#modules/opendata/services/generated/draft_acts'
import { lawsuitsGenerator } from '#modules/opendata/services/generated/lawsuits'
import { priorityRanksGenerator, problemsGenerator, serviceRanksGenerator } from '#modules/opendata/services/generated/problems'
import { priorityBallotsGenerator } from '#modules/priorities/services/ballots_dataset'
import { governmentServiceRanksGenerator } from '#modules/service_ratings/services/open_dataset'

/*
| Every dataset a module generates. Construction objects will join when
| their module exists (issue 16 lists them; nothing to read yet).
*/
export const GENERATORS: readonly Generator[] = [
  departmentsGenerator,
  staffingGenerator,
  draftActsGenerator,
  lawsuitsGenerator,
  problemsGenerator,
  priorityRanksGenerator,
  serviceRanksGenerator,
  priorityBallotsGenerator,
  governmentServiceRanksGenerator,
]

/** The generators that apply to a tenant of this kind. */
export function generatorsFor(kind: TenantKind) {
  return GENERATORS.filter((generator) => generator.kinds.includes(kind))
}

export function generatorNamed(name: string) {
  return GENERATORS.find((generator) => generator.name === name) ?? null
}
