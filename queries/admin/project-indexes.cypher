// Which indexes did the project create? (their names start with contagion_; constraint indexes left out)
SHOW INDEXES YIELD name, owningConstraint
WHERE name STARTS WITH 'contagion_' AND owningConstraint IS NULL
RETURN name
