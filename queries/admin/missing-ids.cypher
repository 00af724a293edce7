// Which of the given ids does the stored network lack? (checks a saved run before it is written back)
// $ids: {Asset: [id...], Protocol: [...], Market: [...], Oracle: [...], Venue: [...]}
RETURN [id IN $ids.Asset WHERE NOT EXISTS { MATCH (:Asset {id: id}) }] AS Asset,
       [id IN $ids.Protocol WHERE NOT EXISTS { MATCH (:Protocol {id: id}) }] AS Protocol,
       [id IN $ids.Market WHERE NOT EXISTS { MATCH (:Market {id: id}) }] AS Market,
       [id IN $ids.Oracle WHERE NOT EXISTS { MATCH (:Oracle {id: id}) }] AS Oracle,
       [id IN $ids.Venue WHERE NOT EXISTS { MATCH (:Venue {id: id}) }] AS Venue
