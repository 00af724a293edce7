// JSON text to a value, with a located message (line and column) when the text is not JSON.
import { parse as parseLenient, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { InputError } from './errors';

const REASONS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a double-quoted property name',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected text after the end',
  InvalidCommentToken: 'comments are not allowed',
  UnexpectedEndOfComment: 'comments are not allowed',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'malformed number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

/** Parses JSON; a syntax error becomes an InputError naming the file, the line and the column. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // JSON.parse does not always say where; a tolerant scanner finds the first error's offset.
    const errors: ParseError[] = [];
    parseLenient(text, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
    const first = errors[0];
    if (!first)
      throw new InputError([{ file, path: '$', reason: `not valid JSON: ${(e as Error).message}` }]);
    const before = text.slice(0, first.offset).split('\n');
    const where = `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
    const code = printParseErrorCode(first.error);
    throw new InputError([{ file, path: where, reason: `not valid JSON: ${REASONS[code] ?? code}` }]);
  }
}
