// Which constraints did the project create? (their names start with contagion_)
SHOW CONSTRAINTS YIELD name
WHERE name STARTS WITH 'contagion_'
RETURN name
