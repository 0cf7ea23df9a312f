/**
 * @module
 * Starts `wrangler dev` on loopback and waits until it responds, for the
 * start command, the smoke check and the benchmark. The port must be free
 * first, because a server already listening there would respond in its place.
 */
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { spawnWrangler } from "./wrangler.ts";

/** The address that the dev server listens on. */
const HOST = "127.0.0.1";

/** Port of `npm start` and `npm run dev` without --port, the one in wrangler.toml's [dev] section. */
export const DEFAULT_PORT = 8787;

/** Parses a --port value: a decimal integer from 1 to 65535. Returns null for anything else. */
export function parsePort(text: string): number | null {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  return port >= 1 && port <= 65_535 ? port : null;
}

/** Thrown when the port of the dev server is taken or the server does not start. The message is one line. */
export class DevServerError extends Error {
  override readonly name = "DevServerError";
}

/**
 * Checks that `port` on 127.0.0.1 is free by listening on it briefly.
 *
 * @throws DevServerError when another process listens on the port, or the port cannot be used.
 */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new DevServerError(
            `port ${port} on ${HOST} is in use; stop the other server (is "npm run dev" already running?) ` +
              `or pass --port with a free port`,
          ),
        );
      } else {
        reject(new DevServerError(`port ${port} on ${HOST} cannot be used (${error.code ?? error.message}); choose another port with --port`, { cause: error }));
      }
    });
    server.listen(port, HOST, () => server.close(() => resolve()));
  });
}

/** A running `wrangler dev`. */
export interface DevServer {
  /** Base URL, for example http://127.0.0.1:8787. */
  url: string;
  child: ChildProcess;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

/** Options of the dev server; the address is always 127.0.0.1. */
export interface DevServerOptions {
  port: number;
  /** Pipe the server's output here instead of inheriting the terminal. */
  quiet?: boolean;
  /** Milliseconds to wait for the first response. */
  startTimeoutMs?: number;
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new DevServerError(`wrangler dev exited with code ${child.exitCode} before it responded; see its error above`);
    try {
      // Any response will do; an unknown path does not start the runtime, so a later first request stays cold.
      await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new DevServerError(`wrangler dev did not respond on ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Starts `wrangler dev --ip 127.0.0.1 --port PORT` and resolves once it responds to HTTP.
 *
 * NOTE: another process can still take the port between the check and wrangler's start.
 * wrangler then exits with "Address already in use", but the other server may respond first.
 *
 * @throws DevServerError when the port is in use, or wrangler exits or does not answer in time.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  await assertPortFree(options.port);
  const url = `http://${HOST}:${options.port}`;
  // At "warn", wrangler does not print its own line per request, which would show each person id in the URL.
  const args = ["dev", "--ip", HOST, "--port", String(options.port), "--show-interactive-dev-session=false", "--log-level", "warn"];
  const child = spawnWrangler(args, {
    stdio: options.quiet ? ["ignore", "ignore", "inherit"] : ["ignore", "inherit", "inherit"],
    detached: process.platform !== "win32",
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      // wrangler starts workerd as a child; signalling the process group stops both.
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
    await exited;
  };
  try {
    await waitForServer(url, child, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, child, stop };
}

/** Thrown when the service fails a smoke check. The message is one line. */
export class SmokeCheckError extends Error {
  override readonly name = "SmokeCheckError";
}

/**
 * Checks that the body of `GET /api/health` names `expectedVersion` as its `modelVersion`,
 * so that the smoke check tested the assets that the pipeline has just written.
 *
 * @param source the file that names `expectedVersion`, for the message.
 * @throws SmokeCheckError when the body is not JSON or names another version.
 */
export function assertServedVersion(healthBody: string, expectedVersion: string, source: string): void {
  let served: unknown;
  try {
    served = (JSON.parse(healthBody) as { modelVersion?: unknown }).modelVersion;
  } catch (error) {
    throw new SmokeCheckError("GET /api/health returned a body that is not JSON; is another server responding on this port?", { cause: error });
  }
  if (served !== expectedVersion) {
    throw new SmokeCheckError(
      `GET /api/health serves modelVersion ${JSON.stringify(served ?? null)}, but ${source} names "${expectedVersion}", ` +
        "so the server does not serve the assets that the pipeline has just written; check that no other pipeline run changed the local KV since",
    );
  }
}
