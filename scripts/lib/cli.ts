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

/** A class of errors whose message is complete for the user: what failed and what to do. */
export type ExpectedErrorClass = new (...args: never[]) => Error;

/**
 * Runs a script's `main`. A failure prints one line, `COMMAND failed: MESSAGE`, plus the usage
 * for a UsageError, and sets exit code 2 for a UsageError and 1 otherwise. Errors not in
 * `expected` are bugs, so their stack trace is printed instead of the message alone.
 */
export async function runMain(command: string, usage: string, expected: ExpectedErrorClass[], main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const isExpected = error instanceof UsageError || expected.some((type) => error instanceof type);
    const detail = isExpected ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${command} failed: ${detail}\n`);
    if (error instanceof UsageError) process.stderr.write(`\n${usage}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}
