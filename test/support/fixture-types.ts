/** What the worker tests know about their fixture, built in Node by `fixture.ts`. */
export interface WorkerFixture {
  /** Sealed KV entries with base64 values, manifest last. */
  entries: Array<{ key: string; value: string }>;
  modelVersion: string;
  /** Synthetic account ids with their own video URLs, in profile order. */
  people: Array<{ accountId: string; videoUrls: string[] }>;
  /** Every synthetic string that identifies a profile: handles, nicknames, biographies, ids. */
  identifyingStrings: string[];
}

declare module "vitest" {
  export interface ProvidedContext {
    fixture: WorkerFixture;
  }
}
