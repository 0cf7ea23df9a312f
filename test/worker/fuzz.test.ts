import { beforeAll, describe, expect, it } from "vitest";
import { fixture, get, seedAssets } from "./helpers.ts";

/** A seeded generator, so a failing id can be reproduced. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const PIECES = ["..", "%2e%2e", "%2F", "%00", "%", "%zz", "@", "@@", "\u202e", "é", "😀", "%F0%9F%98%80", "<", ">", "'", '"', ";", "\\", "%5C", " ", "%20", "?", "#", "&limit=0", "..%2F..%2Fmanifest"];
const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-~!$*()+,=:";

function generateId(random: () => number): string {
  const length = Math.floor(random() * (random() < 0.05 ? 5000 : 40));
  let id = "";
  while (id.length < length) {
    id += random() < 0.25 ? PIECES[Math.floor(random() * PIECES.length)] : ALPHABET[Math.floor(random() * ALPHABET.length)];
  }
  return id;
}

describe("route fuzzing", () => {
  beforeAll(seedAssets);

  it("never answers 500 to 1,000 ids", async () => {
    const random = createRandom(20_261_204);
    const known = new Set(fixture.people.map((person) => person.accountId));
    for (let i = 0; i < 1_000; i++) {
      const id = generateId(random);
      let path = `/api/recommendation/${id}`;
      if (random() < 0.3) path += `?limit=${generateId(random).slice(0, 8)}`;
      const response = await get(path);
      expect([200, 400, 404], `${i}: ${JSON.stringify(path)}`).toContain(response.status);
      if (response.status === 200 && !known.has(id)) expect(known.has(id.replace(/^@/, "")), JSON.stringify(path)).toBe(true);
      if (response.status !== 200) {
        const text = await response.text();
        if (id.length >= 8) expect(text, JSON.stringify(path)).not.toContain(id);
      } else {
        await response.arrayBuffer();
      }
    }
  });
});
