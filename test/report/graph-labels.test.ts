// Label placement of the contagion graph: labels never overlap, stay inside the drawing, and a crowded
// label moves to a free spot or is left out.
import { labelWidth, placeLabels } from '../../src/report/graph-labels';

const bounds = { left: 0, top: 0, right: 400, bottom: 300 };

describe('placeLabels', () => {
  it('puts a lone label right of its node, its box as wide as the estimated text', () => {
    const [l] = placeLabels([{ id: 'a', x: 100, y: 100, r: 5, text: 'aave' }], bounds);
    expect(l).toMatchObject({ id: 'a', x: 108, y: 104, anchor: 'start' });
    expect(l!.box.right - l!.box.left).toBeCloseTo(labelWidth('aave') + 5, 9);
  });

  it('moves the second of two nodes at the same place to another side', () => {
    const placed = placeLabels(
      [
        { id: 'a', x: 200, y: 150, r: 5, text: 'morpho-susde-usdc-915' },
        { id: 'b', x: 200, y: 150, r: 5, text: 'morpho-wbtc-usdc-86' },
      ],
      bounds,
    );
    expect(placed.map((p) => p.anchor)).toEqual(['start', 'end']);
  });

  it('never overlaps, whatever the crowd, and leaves out what does not fit', () => {
    const requests = Array.from({ length: 60 }, (_, i) => ({
      id: `n${i}`,
      x: 150 + (i % 6) * 12,
      y: 120 + Math.floor(i / 6) * 6,
      r: 3,
      text: `protocol-${i}`,
    }));
    const placed = placeLabels(requests, bounds);
    expect(placed.length).toBeGreaterThan(5);
    expect(placed.length).toBeLessThan(60);
    for (const [i, a] of placed.entries()) {
      expect(a.box.left).toBeGreaterThanOrEqual(0);
      expect(a.box.right).toBeLessThanOrEqual(400);
      for (const b of placed.slice(i + 1))
        expect(
          a.box.left < b.box.right &&
            b.box.left < a.box.right &&
            a.box.top < b.box.bottom &&
            b.box.top < a.box.bottom,
        ).toBe(false);
    }
  });
});
