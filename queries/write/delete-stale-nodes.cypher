// Removes the nodes the new network does not have (with their run results) and the old (:Network) node.
// $ids: {Asset: [id...], Protocol: [...], Market: [...], Oracle: [...], Venue: [...]}
MATCH (n)
WHERE n:Network
   OR (n:Asset AND NOT n.id IN $ids.Asset)
   OR (n:Protocol AND NOT n.id IN $ids.Protocol)
   OR (n:Market AND NOT n.id IN $ids.Market)
   OR (n:Oracle AND NOT n.id IN $ids.Oracle)
   OR (n:Venue AND NOT n.id IN $ids.Venue)
DETACH DELETE n
