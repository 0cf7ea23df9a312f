/**
 * @module
 * Invented handles and nicknames, built from syllables that form no real name on purpose,
 * in the script of each profile's language.
 */

import type { Random } from "./random.ts";
import type { Language } from "./topics.ts";

const LATIN_SYLLABLES = [
  "ka", "lo", "mi", "zu", "ren", "vo", "sha", "tel", "dri", "quo", "nex", "bai",
  "fen", "mor", "lux", "tiv", "yra", "zel", "pim", "oru", "vek", "sai", "dun", "xa",
];

// Syllables in the native scripts; Arabic letters join by themselves when rendered.
const NATIVE_SYLLABLES: Readonly<Record<Exclude<Language, "en" | "es">, readonly string[]>> = {
  ru: ["ка", "ло", "ми", "зу", "рен", "во", "ша", "тел", "дри", "мор", "лю", "ви"],
  ar: ["زا", "لو", "مي", "كا", "ري", "نو", "سي", "دا", "فو", "ها", "تي", "بو"],
  ja: ["カ", "ロ", "ミ", "ズ", "レン", "ボ", "シャ", "テル", "ナ", "キ", "ユ", "ソ"],
  hi: ["का", "लो", "मी", "ज़ु", "रेन", "वो", "शा", "तेल", "नी", "की", "रू", "सा"],
};

// Han characters for nature words; two or three of them form no common name.
const HAN_CHARACTERS = ["星", "月", "雲", "風", "雪", "林", "光", "海", "空", "晴", "夏", "花"];

const NICKNAME_EMOJI = ["✨", "🌙", "🦋", "🔥", "🌸", "⭐", "💫", "🍀"];

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

const joinSyllables = (random: Random, syllables: readonly string[], min: number, max: number): string => {
  let word = "";
  const count = random.int(min, max);
  for (let i = 0; i < count; i++) {
    word += random.pick(syllables);
  }
  return word;
};

/**
 * Creates a handle of lowercase invented syllables with an optional `.` or `_` and digits,
 * unique among `usedHandles`, and adds it to `usedHandles`.
 */
export function createHandle(random: Random, usedHandles: Set<string>): string {
  for (;;) {
    let handle = joinSyllables(random, LATIN_SYLLABLES, 2, 3);
    if (random.chance(0.4)) {
      handle += random.pick([".", "_"]) + joinSyllables(random, LATIN_SYLLABLES, 1, 2);
    }
    if (random.chance(0.5)) {
      handle += String(random.int(1, 9999));
    }
    if (!usedHandles.has(handle)) {
      usedHandles.add(handle);
      return handle;
    }
  }
}

/** Creates a display name in the script of `language`, sometimes with Latin words or emoji. */
export function createNickname(random: Random, language: Language): string {
  let name: string;
  if (language === "en" || language === "es" || random.chance(0.25)) {
    name = capitalize(joinSyllables(random, LATIN_SYLLABLES, 2, 3));
    if (random.chance(0.5)) {
      name += " " + capitalize(joinSyllables(random, LATIN_SYLLABLES, 2, 3));
    }
  } else if (language === "ja" && random.chance(0.4)) {
    name = joinSyllables(random, HAN_CHARACTERS, 2, 3);
  } else {
    name = joinSyllables(random, NATIVE_SYLLABLES[language], 2, 3);
  }

  if (random.chance(0.3)) {
    name += " " + random.pick(NICKNAME_EMOJI);
  }
  return name;
}
