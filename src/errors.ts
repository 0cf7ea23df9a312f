/**
 * @module
 * One error class per failure the service reports. `src/http/problem.ts` maps
 * them to RFC 9457 problem details; none of them carries a secret or a raw
 * person id.
 */

/** Why the service cannot serve requests: machine-readable, returned by /api/health and in 503 bodies. */
export type UnavailableReason =
  | "missing_secret"
  | "invalid_secret"
  | "missing_manifest"
  | "missing_asset"
  | "unknown_key"
  | "asset_integrity"
  | "unsupported_assets"
  | "model_load_failed";

/** The assets or keys are not usable; the next request retries. */
export class ServiceUnavailableError extends Error {
  override name = "ServiceUnavailableError";
  readonly reason: UnavailableReason;
  /** The KV key of the asset at fault, when there is one; it holds only a version and a pseudonym. */
  readonly asset: string | undefined;

  constructor(reason: UnavailableReason, message: string, asset?: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
    this.asset = asset;
  }
}

/** No record exists for the requested person. */
export class UnknownPersonError extends Error {
  override name = "UnknownPersonError";
}

/** A request parameter is invalid; `message` never repeats the raw value. */
export class InvalidParameterError extends Error {
  override name = "InvalidParameterError";
  readonly parameter: string;

  constructor(parameter: string, message: string) {
    super(message);
    this.parameter = parameter;
  }
}
