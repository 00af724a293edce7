// Which APOC version does the server run? (fails when APOC is not installed)
RETURN apoc.version() AS version
