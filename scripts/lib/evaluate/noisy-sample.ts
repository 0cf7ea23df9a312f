/**
 * @module
 * A noisier variant of the synthetic sample, closer to how real bios read:
 * it post-processes generated rows with off-topic lines from other topics,
 * generic lifestyle phrases, typos, stretched words, shouting, stripped
 * accents, full-width letters, decorated hashtags and more empty bios. It
 * contains no real person's data either.
 */
import { createRandom, type Random } from "../sample/random.ts";
import { NULL_LITERAL, TOPICS, type Language, type SampleProfile } from "../sample/index.ts";

/** Probabilities of each kind of noise, per profile or per whitespace-separated chunk. */
export interface NoiseOptions {
  seed: number;
  /** Per profile: the bio is emptied, on top of the generator's own empty bios. */
  emptyBio: number;
  /** Per profile: a line about a topic the profile does not have. */
  offTopicLine: number;
  /** Per profile: a generic phrase unrelated to any interest. */
  genericPhrase: number;
  /** Per profile: the whole bio in capitals. */
  shouting: number;
  /** Per chunk: two neighbouring letters swapped or one dropped. */
  typo: number;
  /** Per chunk: the last letter repeated. */
  stretch: number;
  /** Per chunk: accents removed from Latin letters. */
  stripAccents: number;
  /** Per chunk: ASCII letters as full-width forms, which NFKC folds back. */
  fullWidth: number;
  /** Per hashtag: a capital first letter or a suffix such as a year appended. */
  decoratedHashtag: number;
}

export const defaultNoiseOptions = {
  seed: 2024,
  emptyBio: 0.15,
  offTopicLine: 0.5,
  genericPhrase: 0.6,
  shouting: 0.05,
  typo: 0.08,
  stretch: 0.04,
  stripAccents: 0.3,
  fullWidth: 0.02,
  decoratedHashtag: 0.2,
} satisfies NoiseOptions;

// Phrases common in bios of every niche, per language, with flags and separators.
const GENERIC_PHRASES: Readonly<Record<Language, readonly string[]>> = {
  en: ["living my best life ✨", "god first 🙏", "mom of 2", "dm for collabs", "business inquiries 📧", "she/her", "he/him", "follow for more", "no bad days ☀️", "official account", "student | 19", "🇺🇸", "🇬🇧 | london"],
  es: ["sígueme 💕", "vive tu vida", "cuenta oficial", "colaboraciones por dm", "🇲🇽", "🇪🇸 madrid", "mamá de 2"],
  ru: ["подпишись ❤️", "живи моментом", "официальный аккаунт", "сотрудничество в лс", "🇷🇺 москва"],
  ar: ["تابعني 💛", "الحمد لله", "حساب رسمي", "للتعاون راسلني", "🇸🇦", "🇪🇬 القاهرة"],
  ja: ["フォローしてね", "毎日更新", "公式アカウント", "お仕事の依頼はdmへ", "🇯🇵 東京"],
  hi: ["फॉलो करें 🙏", "खुश रहो", "आधिकारिक खाता", "सहयोग के लिए dm", "🇮🇳 मुंबई"],
};

const SEPARATORS = [" | ", " • ", " ✨ ", " / "];

function typo(random: Random, word: string): string {
  const chars = Array.from(word);
  if (chars.length < 4) return word;
  const at = random.int(1, chars.length - 2);
  if (random.chance(0.5)) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
  else chars.splice(at, 1);
  return chars.join("");
}

function fullWidth(word: string): string {
  return word.replace(/[A-Za-z0-9]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
}

function decorateHashtag(random: Random, tag: string): string {
  if (random.chance(0.5)) return `${tag}${random.pick(["2024", "2023", "24", "life", "daily"])}`;
  return `#${tag.charAt(1).toUpperCase()}${tag.slice(2)}`;
}

function noisyChunk(random: Random, chunk: string, options: NoiseOptions): string {
  if (chunk.startsWith("#")) return random.chance(options.decoratedHashtag) ? decorateHashtag(random, chunk) : chunk;
  if (!/\p{L}/u.test(chunk)) return chunk;
  let out = chunk;
  if (random.chance(options.typo)) out = typo(random, out);
  if (random.chance(options.stretch)) out += out.slice(-1).repeat(random.int(2, 4));
  if (random.chance(options.stripAccents)) out = out.normalize("NFD").replace(/(\p{Script=Latin})\p{M}+/gu, "$1").normalize("NFC");
  if (random.chance(options.fullWidth)) out = fullWidth(out);
  return out;
}

function offTopicLine(random: Random, profile: SampleProfile): string {
  const others = TOPICS.filter((topic) => !profile.topics.includes(topic.name));
  const topic = random.pick(others);
  const words = random.chance(0.5) ? topic.words.en : topic.words[profile.language];
  const parts = [random.pick(words), random.pick(words)];
  if (random.chance(0.5)) parts.push(random.pick(topic.hashtags));
  return [...new Set(parts)].join(" ");
}

function noisyBiography(random: Random, profile: SampleProfile, options: NoiseOptions): string {
  const original = String(profile.row.biography);
  if (original === NULL_LITERAL || random.chance(options.emptyBio)) return NULL_LITERAL;
  const lines = original.split("\n");
  if (random.chance(options.offTopicLine)) lines.splice(random.int(0, lines.length), 0, offTopicLine(random, profile));
  if (random.chance(options.genericPhrase)) lines.splice(random.int(0, lines.length), 0, random.pick(GENERIC_PHRASES[profile.language]));

  const noisy = lines.map((line) => line.split(" ").map((chunk) => noisyChunk(random, chunk, options)).join(random.chance(0.1) ? random.pick(SEPARATORS) : " "));
  const text = noisy.join(random.chance(0.3) ? random.pick(SEPARATORS) : "\n");
  return random.chance(options.shouting) ? text.toUpperCase() : text;
}

/** Returns copies of `profiles` with noisier bios; hidden topics and languages stay as generated. */
export function addTextNoise(profiles: readonly SampleProfile[], options: NoiseOptions = defaultNoiseOptions): SampleProfile[] {
  const random = createRandom(options.seed);
  return profiles.map((profile) => ({ ...profile, row: { ...profile.row, biography: noisyBiography(random, profile, options) } }));
}
