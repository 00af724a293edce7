// Which Neo4j version and edition is the server?
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
