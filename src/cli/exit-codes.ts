// Exit codes of every command.
export const ExitCode = {
  Ok: 0,
  /** An internal error: a bug or a broken invariant. */
  Internal: 1,
  /** Bad input: a malformed file, an unknown id, a value out of range, a bad option. */
  BadInput: 2,
} as const;
