// The portal's public side of law-making (catalogue, draft pages, remarks).
