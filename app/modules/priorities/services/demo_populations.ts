/**
 * Resident population of the demo region's municipalities (rounded, people),
 * the default weights of the regional rank. Portal admins edit them in the
 * priorities' settings; each snapshot records the figures it used.
 */
export const DEMO_POPULATIONS: Record<string, number> = {
  'krasnodar': 1138000, 'sochi': 466000, 'novorossiysk': 341000, 'anapa': 232000, 'armavir': 187000,
  'gelendzhik': 118000, 'goryachy-klyuch': 72000, 'abinsky': 100000, 'apsheronsky': 92000, 'belorechensky': 105000,
  'beloglinsky': 32000, 'bryukhovetsky': 50000, 'vyselkovsky': 59000, 'gulkevichsky': 96000, 'dinskoy': 150000,
  'yeysky': 136000, 'kalininsky': 50000, 'kanevskoy': 98000, 'kavkazsky': 112000, 'korenovsky': 84000,
  'krasnoarmeysky': 98000, 'krylovsky': 36000, 'krymsky': 125000, 'kurganinsky': 100000, 'kushchyovsky': 64000,
  'labinsky': 96000, 'leningradsky': 60000, 'mostovsky': 67000, 'novokubansky': 83000, 'novopokrovsky': 41000,
  'otradnensky': 57000, 'pavlovsky': 66000, 'primorsko-akhtarsky': 57000, 'seversky': 130000, 'slavyansky': 125000,
  'starominsky': 37000, 'tbilissky': 48000, 'temryuksky': 123000, 'timashyovsky': 110000, 'tikhoretsky': 110000,
  'tuapsinsky': 118000, 'uspensky': 40000, 'ust-labinsky': 103000, 'shcherbinovsky': 35000,
}

/** A population for a municipality the demo list does not know (another region's catalog). */
export const DEFAULT_POPULATION = 50000
