// How many nodes of each label and relationships of each type are stored? (from the count store, fast)
CALL apoc.meta.stats() YIELD labels, relTypesCount
RETURN labels, relTypesCount
