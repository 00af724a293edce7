// Chunks are fixed by the plan: their sizes depend on the number of items only, Monte Carlo paths are drawn in
// plan order from the plan's seed (the paths of a local run), each network is stored once, and every chunk is
// a job a worker accepts.
import { join } from 'node:path';
import { monteCarloPaths, planMonteCarlo } from '../../src/analysis/monte-carlo';
import { readJsonFile } from '../../src/model/read-file';
import { BlobSet, sha256 } from '../../src/queue/blobs';
import { chunkJobSchema } from '../../src/queue/payload';
import { monteCarloChunks, queueChunkSize, sweepChunks } from '../../src/queue/plan-chunks';

const data = join(__dirname, '..', '..', 'data');
const networkFile = join(data, 'networks', 'ethereum-2025-10.json');
const scenarioFile = join(data, 'scenarios', 'eth-crash-30pct.json');
const head = { run: '0123456789abcdef', release: '0.1.0' };
const base = {
  network: readJsonFile(networkFile),
  scenario: readJsonFile(scenarioFile),
  networkFile,
  scenarioFile,
};

describe('queue chunks', () => {
  it('sizes: 1 item each up to 64 items, then about 64 chunks, at most 32 items each', () => {
    expect([1, 64, 65, 128, 129, 2048, 2049, 100_000].map(queueChunkSize)).toEqual([
      1, 1, 2, 2, 3, 32, 32, 32,
    ]);
  });

  it('a Monte Carlo: the paths of the plan, in order, chunk after chunk, the network stored once', () => {
    const plan = planMonteCarlo(base, { paths: 130, seed: 4, asset: 'ETH', severity: 'severe' });
    const blobs = new BlobSet();
    const chunks = monteCarloChunks(head, plan, blobs);
    // 130 paths in chunks of ceil(130/64) = 3: 43 chunks of 3 and one of 1.
    expect(chunks).toHaveLength(44);
    expect(chunks.map((c) => c.start)).toEqual(Array.from({ length: 44 }, (_, i) => i * 3));
    const paths = chunks.flatMap((c) => (c.kind === 'monte-carlo' ? c.paths : []));
    expect(paths).toEqual([...monteCarloPaths(plan)]);
    expect([...blobs.texts.keys()]).toEqual([sha256(JSON.stringify(base.network))]);
    for (const c of chunks)
      expect(chunkJobSchema.safeParse(JSON.parse(JSON.stringify(c))).success).toBe(true);
    // The same plan cut again gives the same chunks.
    expect(JSON.stringify(monteCarloChunks(head, plan, new BlobSet()))).toBe(JSON.stringify(chunks));
  });

  it('a sweep: networks that differ are stored once each, jobs name theirs by hash', () => {
    const other = structuredClone(base.network) as { name: string };
    other.name = 'other';
    const jobs = [base, { ...base, network: other }, base];
    const blobs = new BlobSet();
    const chunks = sweepChunks(head, jobs, blobs);
    expect(blobs.texts.size).toBe(2);
    const items = chunks.flatMap((c) => (c.kind === 'sweep' ? c.items : []));
    expect(items.map((i) => i.network.sha256)).toEqual([
      sha256(JSON.stringify(base.network)),
      sha256(JSON.stringify(other)),
      sha256(JSON.stringify(base.network)),
    ]);
  });
});
