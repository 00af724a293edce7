// How many nodes of each label and relationships of each type are stored? (from the count store, fast;
// relTypes also counts by start label, so relationships of leftover staged or retired nodes can be told apart)
CALL apoc.meta.stats() YIELD labels, relTypesCount, relTypes
RETURN labels, relTypesCount, relTypes
