/**
 * @module
 * Synthetic multi-line bios. A bio draws words, hashtags and emoji from the profile's
 * topics, adds language-specific filler and @mentions of other synthetic handles, and
 * sometimes starts with `@`, `-` or `=` as real bios do, which spreadsheet programs
 * may read as a formula.
 */

import type { Random } from "./random.ts";
import type { Language, Topic } from "./topics.ts";

/** Inputs of one bio. */
export interface BiographySource {
  handle: string;
  language: Language;
  /** One or two topics, the dominant one first. */
  topics: readonly Topic[];
  /** Other profiles' handles that the bio may mention. */
  mentionHandles: readonly string[];
}

const FILLER: Readonly<Record<Language, readonly string[]>> = {
  en: ["new video every week", "link below", "just for fun"],
  es: ["nuevo video cada semana", "enlace abajo", "solo por diversión"],
  ru: ["новое видео каждую неделю", "ссылка ниже", "просто для души"],
  ar: ["فيديو جديد كل أسبوع", "الرابط بالأسفل", "للمتعة فقط"],
  ja: ["毎週動画投稿", "リンクは下", "趣味アカウント"],
  hi: ["हर हफ्ते नया वीडियो", "लिंक नीचे है", "बस मज़े के लिए"],
};

const GENERIC_HASHTAGS = ["#fyp", "#foryou", "#viral"];

const pickDistinct = <T>(random: Random, items: readonly T[], count: number): T[] => {
  const picked = new Set<T>();
  while (picked.size < Math.min(count, items.length)) {
    picked.add(random.pick(items));
  }
  return [...picked];
};

// Words of one topic, mostly in the profile's language and sometimes in English.
const createTopicLine = (random: Random, topic: Topic, language: Language, wordCount: number): string => {
  const picked = new Set<string>();
  for (let i = 0; i < wordCount; i++) {
    const vocabulary = random.chance(0.25) ? topic.words.en : topic.words[language];
    picked.add(random.pick(vocabulary));
  }
  const words = [...picked];
  if (random.chance(0.6)) {
    words.push(random.pick(topic.emoji));
  }
  if (random.chance(0.3)) {
    words.unshift(random.pick(topic.emoji));
  }
  return words.join(" ");
};

const createHashtagLine = (random: Random, topics: readonly Topic[]): string => {
  const hashtags = topics.flatMap((topic) => pickDistinct(random, topic.hashtags, random.int(1, 2)));
  if (random.chance(0.3)) {
    hashtags.push(random.pick(GENERIC_HASHTAGS));
  }
  return hashtags.join(" ");
};

const createNoiseLine = (random: Random, source: BiographySource): string => {
  const mention = source.mentionHandles.length > 0 ? random.pick(source.mentionHandles) : source.handle;
  const primaryTopic = source.topics[0];
  const topicWord = primaryTopic ? random.pick(primaryTopic.words.en) : "hello";
  const lines = [
    `📩 ${source.handle}@example.com`,
    "collab? DM 📥",
    random.pick(FILLER[source.language]),
    `@${mention} 💛`,
    `- ${topicWord} -`,
    "=^_^=",
    `+ ${topicWord} +`,
  ];
  return random.pick(lines);
};

/**
 * Creates a bio of one to four lines joined with `\n`, or null for an empty bio
 * (about 15% of profiles).
 */
export function createBiography(random: Random, source: BiographySource): string | null {
  if (random.chance(0.15)) {
    return null;
  }
  const [primary, secondary] = source.topics;
  const lines: string[] = [];
  if (primary) {
    lines.push(createTopicLine(random, primary, source.language, random.int(2, 4)));
  }
  if (secondary) {
    lines.push(createTopicLine(random, secondary, source.language, random.int(1, 3)));
  }
  if (random.chance(0.6)) {
    lines.push(createHashtagLine(random, source.topics));
  }
  if (random.chance(0.35)) {
    const noise = createNoiseLine(random, source);
    // Some bios open with the mention or dash line, so the cell starts with `@`, `-`, `+` or `=`.
    if (random.chance(0.25)) {
      lines.unshift(noise);
    } else {
      lines.push(noise);
    }
  }
  return lines.join("\n");
}
