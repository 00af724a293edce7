// Whether a model value lies inside an outcome's band: intervals, factors, orders of magnitude, directions.
import type { NumberBandParsed } from '../../model/schema/expected';

/** model / measured, or null when the measured value is zero. */
export function ratioOf(measured: number, model: number): number | null {
  return measured === 0 ? null : model / measured;
}

/** True when `model` is inside `band` around `measured`. */
export function insideNumberBand(band: NumberBandParsed, measured: number, model: number): boolean {
  switch (band.kind) {
    case 'interval':
      return model >= band.low && model <= band.high;
    case 'factor': {
      if (measured <= 0 || model <= 0) return measured === 0 && model === 0;
      const r = model / measured;
      return r >= 1 / band.factor && r <= band.factor;
    }
    case 'order-of-magnitude':
      if (measured <= 0 || model <= 0) return false;
      return Math.abs(Math.log10(model / measured)) <= band.decades;
    case 'direction':
      switch (band.direction) {
        case 'zero':
          return Math.abs(model) <= band.tolerance;
        case 'positive':
          return model > band.tolerance;
        case 'below':
          return model < (band.than ?? 0);
        case 'above':
          return model > (band.than ?? 0);
      }
  }
}

/** The band in words, for a scorecard: "[0.85, 0.91]", "x/÷1.5", "±0.5 decade", "zero", "< 1". */
export function describeNumberBand(band: NumberBandParsed): string {
  switch (band.kind) {
    case 'interval':
      return `[${band.low}, ${band.high}]`;
    case 'factor':
      return `x/÷${band.factor}`;
    case 'order-of-magnitude':
      return `±${band.decades} decade`;
    case 'direction':
      switch (band.direction) {
        case 'zero':
          return band.tolerance > 0 ? `zero (±${band.tolerance})` : 'zero';
        case 'positive':
          return band.tolerance > 0 ? `> ${band.tolerance}` : '> 0';
        case 'below':
          return `< ${band.than}`;
        case 'above':
          return `> ${band.than}`;
      }
  }
}
