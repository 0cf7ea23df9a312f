/**
 * @module
 * The Worker's bindings, combined from the slice each module needs.
 */
import type { AssetsEnv } from "./assets/asset-store.ts";
import type { KeysEnv } from "./assets/keyring.ts";
import type { RankingEnv } from "./service/ranking.ts";

/** Every binding of the Worker, as declared in wrangler.toml and set as secrets. */
export type Env = AssetsEnv & KeysEnv & RankingEnv;
