import neo4j from 'neo4j-driver';
import fs from 'node:fs';
const d = neo4j.driver('bolt://127.0.0.1:7787', neo4j.auth.basic('neo4j','contagion-dev'));
const q = fs.readFileSync('/tmp/qpp.cypher','utf8');
for (const asset of ['USDe','ETH','USDC','sUSDe','wstETH','USDS']) {
  const t=Date.now();
  const r = await d.executeQuery(q, {asset});
  console.log(asset, r.records.length, Date.now()-t+'ms', r.records.map(x=>x.get('protocol')).sort().join(','));
}
await d.close();
