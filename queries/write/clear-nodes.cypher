// Removes every node the project wrote (network, runs, events, leftovers of interrupted loads) with their
// relationships, in batches.
MATCH (n)
WHERE n:Network OR n:Asset OR n:Protocol OR n:Market OR n:Oracle OR n:Venue OR n:Chain OR n:Bridge OR n:Run
   OR n:Event
   OR n:Staging OR n:Retired
CALL {
  WITH n
  DETACH DELETE n
} IN TRANSACTIONS OF 5000 ROWS
RETURN count(*) AS removed
