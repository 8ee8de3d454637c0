// The bodies' side of law-making (drafts, versions, decisions on remarks).
