"""``jasper verify``: check an exported bundle without the database, treating it as hostile."""
