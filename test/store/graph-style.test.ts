// The walkthrough's `:style` step carries guides/graph.grass itself, inline, so it needs no server.
import { grassOneLine, labelColours, walkthroughStyleCommand } from '../helpers/graph-style';

describe('the walkthrough graph style', () => {
  it('is guides/graph.grass on one line after :style', () => {
    expect(walkthroughStyleCommand()).toBe(`:style ${grassOneLine()}`);
  });

  it('colours the labels the walkthrough looks at', () => {
    const colours = labelColours();
    for (const label of ['Asset', 'Protocol', 'Market', 'Oracle', 'Venue'])
      expect(colours.get(label)).toMatch(/^#/);
  });
});
