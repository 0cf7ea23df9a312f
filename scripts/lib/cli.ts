/**
 * @module
 * Command-line helpers shared by the project's scripts.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** An invalid command line; scripts print the message and their usage, and exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Returns true for the errors `parseArgs` throws on unknown options and missing values (codes ERR_PARSE_ARGS_*). */
export const isParseArgsError = (error: unknown): boolean =>
  error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS_");

/** Parses `args` with `parseArgs` in strict mode, turning its errors into a UsageError. */
export function parseStrictArgs<const Options extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, strict: true }).values;
  } catch (error) {
    if (isParseArgsError(error)) throw new UsageError((error as Error).message, { cause: error });
    throw error;
  }
}
