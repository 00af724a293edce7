// A network file's largest tables read straight from its bytes: every market's `cohorts` and every
// protocol's `claims` are found by a scan of the JSON text's structure and their rows read into columns, and
// the rest of the text (those arrays left empty) goes to JSON.parse. A million cohorts then never become a
// million objects, nor the file one string: the file's bytes, the columns and the small rest are all a
// parse holds. Only plain rows
// are read here (cohorts with exactly their two amounts, claims with exactly a debtor and an amount, amounts
// that their doubles give back exactly, strings without escapes); on anything else, and on any text that is
// not plainly JSON, the scan gives up and the caller parses the whole text the usual way (so every message
// is the usual one).

/** Where the scan found a table: its protocol and market (-1 for claims), and its rows in the columns. */
export interface FoundTable {
  protocol: number;
  market: number;
  start: number;
  count: number;
}

export interface ScannedRows {
  /** The text with every table found replaced by `[]`. */
  rest: string;
  cohorts: FoundTable[];
  claims: FoundTable[];
  /** Cohort amounts, row after row of every table found. */
  collateral: Float64Array;
  debt: Float64Array;
  /** Claims: each debtor as an index into `debtorIds` (ids as written), and each amount. */
  debtor: Int32Array;
  debtorIds: string[];
  amountUsd: Float64Array;
}

/** Bytes appended in order, decoded once at the end (not a string per piece, then one joined). */
class GrowableBytes {
  private data = Buffer.allocUnsafe(1 << 16);
  private length = 0;
  append(from: Buffer, start: number, end: number): void {
    const n = end - start;
    if (this.length + n > this.data.length) {
      const bigger = Buffer.allocUnsafe(Math.max(2 * this.data.length, this.length + n));
      this.data.copy(bigger, 0, 0, this.length);
      this.data = bigger;
    }
    // Most pieces are a few hundred bytes, between two tables: copied by a loop (a call to `copy` costs more).
    if (n < 512) for (let i = 0; i < n; i++) this.data[this.length + i] = from[start + i]!;
    else from.copy(this.data, this.length, start, end);
    this.length += n;
  }
  text(): string {
    return this.data.toString('utf8', 0, this.length);
  }
}

const EMPTY_LIST = Buffer.from('[]');

/** A growable column of doubles or integers. */
class Growable<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(Math.max(1024, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }
  /**
   * The values, a view of the buffer grown for them: not copied to one of their size (a copy of every column
   * costs as much again, and the room never written to is never resident).
   */
  done(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** An ASCII text to match in place: its bytes, and its whole four-byte words (little-endian). */
interface Pattern {
  length: number;
  bytes: Uint8Array;
  words: Uint32Array;
}
const ascii = (text: string): Pattern => {
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  const words = new Uint32Array(bytes.length >> 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < words.length; i++) words[i] = view.getUint32(4 * i, true);
  return { length: bytes.length, bytes, words };
};
/** How `contagion generate` (and JSON.stringify) writes a row, up to its first value and between its two. */
const COHORT_HEAD = ascii('{"collateralAmount":');
const COHORT_MIDDLE = ascii(',"debtAmount":');
const CLAIM_HEAD = ascii('{"on":"');
const CLAIM_MIDDLE = ascii(',"amountUsd":');

/** A JSON number as the grammar writes it. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/** Keys the scan looks for, by code (any other key is OTHER). */
const OTHER = 0;
const PROTOCOLS = 1;
const MARKETS = 2;
const CLAIMS = 3;
const COHORTS = 4;
/** A string written with escapes: as a value, like any other; as a key, the scan gives up. */
const ESCAPED = 5;
const KEY_NAMES: readonly [Pattern, number][] = [
  [ascii('protocols'), PROTOCOLS],
  [ascii('markets'), MARKETS],
  [ascii('claims'), CLAIMS],
  [ascii('cohorts'), COHORTS],
];
/** The keys of a row read field by field, each with its closing quote. */
const COLLATERAL_KEY = ascii('collateralAmount"');
const DEBT_KEY = ascii('debtAmount"');
const ON_KEY = ascii('on"');
const AMOUNT_USD_KEY = ascii('amountUsd"');

/**
 * A container being scanned: an object or an array; the key it sits under (in an object) or its position
 * (in an array); and, for an array, the index of its current element.
 */
interface Frame {
  array: boolean;
  key: number;
  position: number;
  index: number;
}

/**
 * More bytes of a file read in windows: reads into `into` from `at` on, up to its end, and returns the count
 * read (0 at the end of the file).
 */
export type ReadMore = (into: Buffer, at: number) => number;

/** How a file read in windows is read: the window's size, and the most bytes one token may take. */
export interface Windows {
  readMore: ReadMore;
  windowBytes: number;
  /**
   * A string, number or row is read whole only when it starts at least this many bytes before the end of the
   * window (the window moves on before one that would not): a longer one makes the scan give up.
   */
  tokenBytes: number;
}

/** A window of 8 MiB, tokens of up to 1 MiB (a network file's strings are ids, names and notes). */
export const FILE_WINDOWS = { windowBytes: 8 << 20, tokenBytes: 1 << 20 };

/**
 * The network file's tables read from its UTF-8 bytes, or undefined when the text holds anything the plain
 * reading does not cover (then parse it whole). Only ASCII bytes matter to the scan: the bytes of a
 * multi-byte character are never a quote, a backslash or a bracket, and are left to the rest's decoding.
 * The bytes are given whole, or read in windows (`Windows`): then the file is never held whole, only its
 * window, its tables' columns and the rest's text.
 */
export function scanRowTables(source: Buffer | Windows): ScannedRows | undefined {
  return new RowScanner(source).scan();
}

class RowScanner {
  private pos = 0;
  /** The rest's bytes: the text outside the tables, `[]` in their place. */
  private readonly rest = new GrowableBytes();
  /** Where the rest's text not yet in `rest` starts; -1 inside a table (its text is not kept). */
  private copiedTo = 0;
  private readonly cohorts: FoundTable[] = [];
  private readonly claims: FoundTable[] = [];
  private readonly collateral: Growable<Float64Array>;
  private readonly debt: Growable<Float64Array>;
  private readonly debtor: Growable<Int32Array>;
  private readonly amountUsd: Growable<Float64Array>;
  private readonly debtorIds: string[] = [];
  private readonly debtorIndex: IdTable;

  /** The bytes read (the whole file, or its window) and how many of them hold the file's (n). */
  private readonly bytes: Buffer;
  private readonly b: Uint8Array;
  private readonly view: DataView;
  private n: number;
  /** Reading in windows: more of the file, until its end (then undefined). */
  private readMore: ReadMore | undefined;
  private readonly tokenBytes: number;
  constructor(source: Buffer | Windows) {
    if (Buffer.isBuffer(source)) {
      this.bytes = source;
      this.n = source.length;
      this.tokenBytes = 0;
    } else {
      this.bytes = Buffer.alloc(Math.max(source.windowBytes, 2 * source.tokenBytes));
      this.n = 0;
      this.readMore = source.readMore;
      this.tokenBytes = source.tokenBytes;
    }
    this.b = this.bytes;
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    this.collateral = new Growable(new Float64Array(0), (n) => new Float64Array(n));
    this.debt = new Growable(new Float64Array(0), (n) => new Float64Array(n));
    this.debtor = new Growable(new Int32Array(0), (n) => new Int32Array(n));
    this.amountUsd = new Growable(new Float64Array(0), (n) => new Float64Array(n));
    this.debtorIndex = new IdTable(this.b);
    this.moveWindow(true);
  }

  /**
   * Reading in windows, when fewer than `tokenBytes` are left in the window (or always, with `force`): the
   * rest's text read so far goes to `rest`, the bytes not yet read to the window's start, and the window is
   * filled from the file. Called only between tokens, never inside one.
   */
  private moveWindow(force = false): void {
    if (!this.readMore || (!force && this.n - this.pos >= this.tokenBytes)) return;
    if (this.copiedTo >= 0 && this.pos > this.copiedTo) this.rest.append(this.bytes, this.copiedTo, this.pos);
    this.bytes.copy(this.bytes, 0, this.pos, this.n);
    this.n -= this.pos;
    this.pos = 0;
    if (this.copiedTo >= 0) this.copiedTo = 0;
    while (this.n < this.bytes.length) {
      const got = this.readMore(this.bytes, this.n);
      if (got === 0) {
        this.readMore = undefined;
        break;
      }
      this.n += got;
    }
    // Past the file's bytes, zeros (never valid there): no byte of an earlier window is read as the file's.
    this.bytes.fill(0, this.n);
  }

  /** The byte at p, 0 past the end. */
  private at(p: number): number {
    return p < this.n ? this.b[p]! : 0;
  }

  scan(): ScannedRows | undefined {
    const stack: Frame[] = [];
    let key = -1; // the code of the key just read, -1 when none
    for (;;) {
      this.moveWindow();
      this.skipSpace();
      if (this.pos >= this.n) return undefined;
      const c = this.at(this.pos);
      // The file is one object.
      if (stack.length === 0 && c !== OPEN_BRACE) return undefined;
      if (c === QUOTE) {
        // A key or a string value outside the tables: escapes in values are fine (JSON.parse reads the rest).
        // A key with escapes may spell a table's ("cohort\u0073") and, given twice, decide which one JSON.parse
        // keeps: the whole text is parsed instead.
        const code = this.readStructuralString();
        if (code < 0) return undefined;
        this.skipSpace();
        const top = stack[stack.length - 1];
        if (top && !top.array && this.at(this.pos) === COLON) {
          if (code === ESCAPED) return undefined;
          key = code;
          this.pos++;
          continue;
        }
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        const top = stack[stack.length - 1];
        const inArray = top !== undefined && top.array;
        if (top && !inArray && key < 0) return undefined;
        if (c === OPEN_BRACKET && top && !inArray && (key === COHORTS || key === CLAIMS)) {
          const where = tableAt(stack, key);
          if (where) {
            // The rest's text up to the table, then `[]` in the table's place.
            this.rest.append(this.bytes, this.copiedTo, this.pos);
            this.copiedTo = -1;
            const ok =
              key === COHORTS
                ? this.readTable(this.cohorts, where, this.collateral, COHORTS)
                : this.readTable(this.claims, where, this.amountUsd, CLAIMS);
            if (!ok) return undefined;
            this.rest.append(EMPTY_LIST, 0, 2);
            this.copiedTo = this.pos;
            key = -1;
            if (!this.afterValue(stack)) return undefined;
            continue;
          }
        }
        stack.push({
          array: c === OPEN_BRACKET,
          key: inArray || !top ? -1 : key,
          position: inArray ? top.index : -1,
          index: 0,
        });
        key = -1;
        this.pos++;
        continue;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        const top = stack.pop();
        if (!top || top.array !== (c === CLOSE_BRACKET)) return undefined;
        this.pos++;
        if (stack.length === 0) break;
      } else {
        // A number or a literal: up to the next delimiter.
        const end = this.scalarEnd();
        if (end === this.pos) return undefined;
        this.pos = end;
      }
      key = -1;
      if (!this.afterValue(stack)) return undefined;
    }
    // Only space after the file's object, to the end of the file.
    for (;;) {
      this.skipSpace();
      if (this.pos !== this.n) return undefined;
      if (!this.readMore) break;
      this.moveWindow(true);
    }
    this.rest.append(this.bytes, this.copiedTo, this.n);
    return {
      rest: this.rest.text(),
      cohorts: this.cohorts,
      claims: this.claims,
      collateral: this.collateral.done(),
      debt: this.debt.done(),
      debtor: this.debtor.done(),
      debtorIds: this.debtorIds,
      amountUsd: this.amountUsd.done(),
    };
  }

  /** After a value inside a container: a comma (the next index) or the container's end, left to the loop. */
  private afterValue(stack: Frame[]): boolean {
    if (stack.length === 0) return true;
    this.skipSpace();
    const c = this.at(this.pos);
    if (c === COMMA) {
      this.pos++;
      stack[stack.length - 1]!.index++;
      return true;
    }
    return c === CLOSE_BRACE || c === CLOSE_BRACKET;
  }

  private skipSpace(): void {
    let p = this.pos;
    for (;;) {
      const c = this.at(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  /** Past a string without escapes or control characters at pos; false when it has any. */
  private skipString(): boolean {
    let p = this.pos + 1;
    for (;;) {
      const c = this.at(p);
      if (c === QUOTE) break;
      if (c === BACKSLASH || c < 32) return false;
      p++;
    }
    this.pos = p + 1;
    return true;
  }

  /**
   * Past a string at pos outside the tables: the code of the key it spells (OTHER for any other, ESCAPED for
   * one with escapes), or -1 when the bytes end first. Compared in place, no string made.
   */
  private readStructuralString(): number {
    const start = this.pos + 1;
    let p = start;
    let escaped = false;
    for (;;) {
      if (p >= this.n) return -1;
      const c = this.b[p]!;
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        p++;
      }
      p++;
    }
    this.pos = p + 1;
    if (escaped) return ESCAPED;
    for (const [name, code] of KEY_NAMES)
      if (p - start === name.length && this.matches(name, start)) return code;
    return OTHER;
  }

  /** The end of the number or literal at pos. */
  private scalarEnd(): number {
    let p = this.pos;
    for (;;) {
      const c = this.at(p);
      if (c === 0 || c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET) break;
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === COLON || c === QUOTE) break;
      if (c === OPEN_BRACE || c === OPEN_BRACKET) break;
      p++;
    }
    return p;
  }

  /**
   * An amount at pos: a JSON number, or a decimal string without sign, exponent or leading zeros; its double,
   * or NaN when not plain. Its digits are read by `decimalEnd`; an unquoted number with an exponent or more
   * digits than that reads, or anything else unquoted, goes through its text (`readNumberText`).
   */
  private readAmount(): number {
    const quoted = this.at(this.pos) === QUOTE;
    const end = decimalEnd(this.b, quoted ? this.pos + 1 : this.pos);
    if (quoted) {
      if (end < 0 || this.at(end) !== QUOTE || DECIMAL[1]! > 15) return NaN;
      this.pos = end + 1;
      return DECIMAL[0]!;
    }
    if (end < 0) return this.readNumberText();
    const c = this.at(end);
    if (c === 101 || c === 69 || DECIMAL[1]! > 15) return this.readNumberText();
    this.pos = end;
    return DECIMAL[0]!;
  }

  /** A JSON number at pos read through its text (exponents, long mantissas); NaN when not one or negative. */
  private readNumberText(): number {
    const end = this.scalarEnd();
    const s = this.bytes.toString('latin1', this.pos, end);
    if (!JSON_NUMBER.test(s)) return NaN;
    this.pos = end;
    const n = Number(s);
    return Number.isFinite(n) && n >= 0 ? n : NaN;
  }

  /**
   * The key at pos (after space) and its colon, when it is `name` or `other` (each with its closing quote):
   * 1 for `name`, 2 for `other`, 0 for anything else. Compared in place, no string made.
   */
  private readKey(name: Pattern, other: Pattern): number {
    this.skipSpace();
    if (this.at(this.pos) !== QUOTE) return 0;
    const at = this.pos + 1;
    let which = 0;
    let length = 0;
    if (this.matches(name, at)) {
      which = 1;
      length = name.length;
    } else if (this.matches(other, at)) {
      which = 2;
      length = other.length;
    } else return 0;
    this.pos = at + length;
    this.skipSpace();
    if (this.at(this.pos) !== COLON) return 0;
    this.pos++;
    this.skipSpace();
    return which;
  }

  /** The `{` of a row at pos (after space). */
  private openRow(): boolean {
    this.skipSpace();
    if (this.at(this.pos) !== OPEN_BRACE) return false;
    this.pos++;
    return true;
  }

  /** The comma between a row's two fields. */
  private fieldComma(): boolean {
    this.skipSpace();
    if (this.at(this.pos) !== COMMA) return false;
    this.pos++;
    return true;
  }

  /**
   * A table at pos (its `[`): every row read into the columns (a cohort or a claim, as `kind` says), then
   * recorded in `found` with where it sits and its rows in `column`; pos ends after the `]`. A row written
   * compactly, its fields in the order `contagion generate` writes them, is matched in place
   * (`compactCohort`, `compactClaim`); any other row is read field by field. False when a row is not plain.
   */
  private readTable(
    found: FoundTable[],
    where: { protocol: number; market: number },
    column: Growable<Float64Array>,
    kind: typeof COHORTS | typeof CLAIMS,
  ): boolean {
    const start = column.length;
    this.pos++;
    this.skipSpace();
    if (this.at(this.pos) === CLOSE_BRACKET) this.pos++;
    else
      for (;;) {
        this.moveWindow();
        const row = this.pos;
        if (!(kind === COHORTS ? this.compactCohort() : this.compactClaim())) {
          this.pos = row;
          if (!this.openRow() || !(kind === COHORTS ? this.readCohort() : this.readClaim())) return false;
          this.skipSpace();
          if (this.at(this.pos) !== CLOSE_BRACE) return false;
          this.pos++;
        }
        const last = this.afterRow();
        if (last === undefined) return false;
        if (last) break;
      }
    found.push({ protocol: where.protocol, market: where.market, start, count: column.length - start });
    return true;
  }

  /** After a row's `}`: `,` (false: more rows) or `]` (true: the last), past it; undefined if neither. */
  private afterRow(): boolean | undefined {
    let c = this.at(this.pos);
    if (c !== COMMA && c !== CLOSE_BRACKET) {
      this.skipSpace();
      c = this.at(this.pos);
    }
    this.pos++;
    return c === CLOSE_BRACKET ? true : c === COMMA ? false : undefined;
  }

  /** Whether the bytes at p are `pattern`'s. */
  private matches(pattern: Pattern, p: number): boolean {
    if (p + pattern.length > this.n) return false;
    // Four bytes at a time, then the rest byte by byte.
    const words = pattern.words;
    for (let i = 0; i < words.length; i++)
      if (this.view.getUint32(p + 4 * i, true) !== words[i]) return false;
    const bytes = pattern.bytes;
    for (let i = 4 * words.length; i < bytes.length; i++) if (this.b[p + i] !== bytes[i]) return false;
    return true;
  }

  /**
   * A cohort written `{"collateralAmount":…,"debtAmount":…}` at pos, pushed to the columns; false (pos then
   * anywhere in the row, columns untouched) when it is written any other way.
   */
  private compactCohort(): boolean {
    if (!this.matches(COHORT_HEAD, this.pos)) return false;
    this.pos += COHORT_HEAD.length;
    const collateral = this.readAmount();
    if (Number.isNaN(collateral) || !this.matches(COHORT_MIDDLE, this.pos)) return false;
    this.pos += COHORT_MIDDLE.length;
    const debt = this.readAmount();
    if (Number.isNaN(debt) || this.at(this.pos) !== CLOSE_BRACE) return false;
    this.pos++;
    this.collateral.push(collateral);
    this.debt.push(debt);
    return true;
  }

  /** As `compactCohort`, for a claim written `{"on":"…","amountUsd":…}`. */
  private compactClaim(): boolean {
    if (!this.matches(CLAIM_HEAD, this.pos)) return false;
    const onStart = this.pos + CLAIM_HEAD.length;
    this.pos = onStart - 1;
    if (!this.skipString()) return false;
    const onEnd = this.pos - 1;
    if (!this.matches(CLAIM_MIDDLE, this.pos)) return false;
    this.pos += CLAIM_MIDDLE.length;
    const amount = this.readAmount();
    if (Number.isNaN(amount) || this.at(this.pos) !== CLOSE_BRACE) return false;
    this.pos++;
    this.pushClaim(onStart, onEnd, amount);
    return true;
  }

  /** A cohort's two amounts, in either order, pushed to the columns. */
  private readCohort(): boolean {
    const first = this.readKey(COLLATERAL_KEY, DEBT_KEY);
    if (first === 0) return false;
    const a = this.readAmount();
    if (Number.isNaN(a) || !this.fieldComma()) return false;
    const second = this.readKey(COLLATERAL_KEY, DEBT_KEY);
    if (second === 0 || second === first) return false;
    const b = this.readAmount();
    if (Number.isNaN(b)) return false;
    this.collateral.push(first === 1 ? a : b);
    this.debt.push(first === 1 ? b : a);
    return true;
  }

  /** A claim's debtor and amount, in either order, pushed to the columns. */
  private readClaim(): boolean {
    let onStart = -1;
    let onEnd = -1;
    let amount = NaN;
    for (let f = 0; f < 2; f++) {
      if (f === 1 && !this.fieldComma()) return false;
      const key = this.readKey(ON_KEY, AMOUNT_USD_KEY);
      if (key === 1 && onStart < 0) {
        if (this.at(this.pos) !== QUOTE) return false;
        onStart = this.pos + 1;
        if (!this.skipString()) return false;
        onEnd = this.pos - 1;
      } else if (key === 2 && Number.isNaN(amount)) {
        amount = this.readAmount();
        if (Number.isNaN(amount)) return false;
      } else return false;
    }
    this.pushClaim(onStart, onEnd, amount);
    return true;
  }

  /** A claim on the debtor whose id is the bytes onStart..onEnd, pushed to the columns. */
  private pushClaim(onStart: number, onEnd: number, amount: number): void {
    // Debtors are looked up by their bytes: a string is made once per distinct id, not once per claim.
    let j = this.debtorIndex.find(onStart, onEnd);
    if (j < 0) {
      j = this.debtorIds.length;
      this.debtorIds.push(this.bytes.toString('latin1', onStart, onEnd));
      this.debtorIndex.add(onStart, onEnd, j);
    }
    this.debtor.push(j);
    this.amountUsd.push(amount);
  }
}

/**
 * Ids found in the bytes, each by its bytes (kept here: a window moves on): an open-addressing table of
 * FNV-1a hashes, compared byte for byte (what a Map of strings would do, without a string per lookup).
 */
class IdTable {
  private slots = new Int32Array(1024).fill(-1);
  /** The ids' bytes, one after another: id k is kept[start[k] .. start[k+1]). */
  private kept = new Uint8Array(4096);
  private start: number[] = [0];
  private hash: number[] = [];
  private value: number[] = [];
  constructor(private readonly b: Uint8Array) {}

  private static hashOf(b: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let p = start; p < end; p++) h = Math.imul(h ^ b[p]!, 0x01000193);
    return h >>> 0;
  }

  private same(k: number, start: number, end: number): boolean {
    const s = this.start[k]!;
    if (this.start[k + 1]! - s !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (this.kept[s + i] !== this.b[start + i]) return false;
    return true;
  }

  /** The value of the id in bytes start..end, or -1. */
  find(start: number, end: number): number {
    const h = IdTable.hashOf(this.b, start, end);
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = this.slots[i]!;
      if (k < 0) return -1;
      if (this.hash[k] === h && this.same(k, start, end)) return this.value[k]!;
    }
  }

  /** Adds the id in bytes start..end (not in the table) with `value`. */
  add(start: number, end: number, value: number): void {
    const k = this.hash.length;
    const at = this.start[k]!;
    if (at + end - start > this.kept.length) {
      const bigger = new Uint8Array(2 * (at + end - start));
      bigger.set(this.kept);
      this.kept = bigger;
    }
    this.kept.set(this.b.subarray(start, end), at);
    this.start.push(at + end - start);
    this.hash.push(IdTable.hashOf(this.b, start, end));
    this.value.push(value);
    if (2 * (k + 1) > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2).fill(-1);
      for (let j = 0; j < k; j++) this.place(j);
    }
    this.place(k);
  }

  private place(k: number): void {
    const mask = this.slots.length - 1;
    let i = this.hash[k]! & mask;
    while (this.slots[i]! >= 0) i = (i + 1) & mask;
    this.slots[i] = k;
  }
}

/** 10^k for k = 0 .. 15, each exact in a double. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** Where `decimalEnd` leaves what it read: the value, and its number of digits. */
const DECIMAL = new Float64Array(2);

/**
 * The digits of a plain decimal at p, `0|[1-9][0-9]*` then maybe `.` and at least one digit: the position
 * after the last digit, with their value and count in DECIMAL; -1 when there is no digit, or a point without
 * digits after it. Up to 15 digits the value is the digits as an integer divided by a power of ten: both exact
 * in a double, and a division rounds correctly, so it is the double `Number` gives (beyond, the caller reads
 * the text). Read in locals: it runs twice for each of a million rows.
 */
function decimalEnd(b: Uint8Array, p: number): number {
  let c = b[p];
  let mantissa = 0;
  let digits = 0;
  if (c === 48) {
    digits = 1; // a leading 0 is alone before the point
    c = b[++p];
  } else
    while (c !== undefined && c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      c = b[++p];
    }
  if (digits === 0) return -1;
  let decimals = 0;
  if (c === 46) {
    c = b[++p];
    while (c !== undefined && c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      decimals++;
      c = b[++p];
    }
    if (decimals === 0) return -1;
  }
  DECIMAL[0] = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals]! : mantissa;
  DECIMAL[1] = digits;
  return p;
}

/**
 * Where an array under the key `key` sits when it is a table: `protocols[i].claims` or
 * `protocols[i].markets[j].cohorts` of the root object; undefined anywhere else.
 */
function tableAt(stack: readonly Frame[], key: number): { protocol: number; market: number } | undefined {
  const n = stack.length;
  const inProtocol = n >= 3 && stack[1]!.array && stack[1]!.key === PROTOCOLS && !stack[2]!.array;
  if (key === CLAIMS && n === 3 && inProtocol) return { protocol: stack[2]!.position, market: -1 };
  if (
    key === COHORTS &&
    n === 5 &&
    inProtocol &&
    stack[3]!.array &&
    stack[3]!.key === MARKETS &&
    !stack[4]!.array
  )
    return { protocol: stack[2]!.position, market: stack[4]!.position };
  return undefined;
}
