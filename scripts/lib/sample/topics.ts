/**
 * @module
 * Latent interest topics of the synthetic profiles. Each topic has its own words in six
 * languages, hashtags and emoji, so that bios of profiles that share a topic share tokens
 * even across languages (through the hashtags) and a recommender has something to learn.
 */

/** Languages of the bios, as BCP 47 primary language subtags. */
export const LANGUAGES = ["en", "es", "ru", "ar", "ja", "hi"] as const;

/** A bio language: English, Spanish, Russian, Arabic, Japanese or Hindi. */
export type Language = (typeof LANGUAGES)[number];

/** Share of profiles per language. The values add up to 1. */
export const LANGUAGE_WEIGHTS: Readonly<Record<Language, number>> = {
  en: 0.45,
  es: 0.15,
  ru: 0.1,
  ar: 0.1,
  ja: 0.1,
  hi: 0.1,
};

/** One interest topic with its vocabulary. */
export interface Topic {
  name: string;
  /** Common words of the topic in each language. */
  words: Readonly<Record<Language, readonly string[]>>;
  /** Hashtags with their `#`, mostly English as on the platform, a few localized. */
  hashtags: readonly string[];
  emoji: readonly string[];
}

type TopicSource = {
  name: string;
  words: Record<Language, string>;
  hashtags: string;
  emoji: string;
};

const split = (list: string): string[] => list.split(" ").filter((item) => item !== "");

const createTopic = (source: TopicSource): Topic => ({
  name: source.name,
  words: {
    en: split(source.words.en),
    es: split(source.words.es),
    ru: split(source.words.ru),
    ar: split(source.words.ar),
    ja: split(source.words.ja),
    hi: split(source.words.hi),
  },
  hashtags: split(source.hashtags),
  emoji: split(source.emoji),
});

const TOPIC_SOURCES: readonly TopicSource[] = [
  {
    name: "cooking",
    words: {
      en: "recipe kitchen homemade dinner baking chef spicy flavor",
      es: "receta cocina casera cena postre",
      ru: "рецепт кухня ужин выпечка вкусно",
      ar: "وصفة مطبخ طبخ عشاء حلويات",
      ja: "料理 レシピ 手作り 晩ご飯 お菓子",
      hi: "रेसिपी खाना रसोई स्वादिष्ट मिठाई",
    },
    hashtags: "#foodtok #recipe #homecooking #easyrecipe #receta #料理",
    emoji: "🍳 🥘 🍰 🌶️",
  },
  {
    name: "fitness",
    words: {
      en: "workout gym training strength cardio gains coach protein",
      es: "entrenamiento gimnasio fuerza rutina salud",
      ru: "тренировка спортзал сила фитнес здоровье",
      ar: "تمرين رياضة لياقة قوة صحة",
      ja: "筋トレ ジム トレーニング 健康 ダイエット",
      hi: "व्यायाम जिम फिटनेस सेहत योग",
    },
    hashtags: "#fitness #gymtok #workout #fitnessmotivation #тренировка",
    emoji: "💪 🏋️ 🔥 🥗",
  },
  {
    name: "gaming",
    words: {
      en: "gamer stream controller level ranked esports speedrun console",
      es: "jugador partida directo consola nivel",
      ru: "игры стрим геймер уровень консоль",
      ar: "ألعاب بث لاعب مستوى تحدي",
      ja: "ゲーム 実況 配信 攻略 ゲーマー",
      hi: "गेमिंग गेमर लाइव स्ट्रीम खेल",
    },
    hashtags: "#gaming #gamer #gamingclips #streamer #ゲーム",
    emoji: "🎮 🕹️ 👾 🏆",
  },
  {
    name: "travel",
    words: {
      en: "travel wanderlust backpacking passport island roadtrip adventure hiking",
      es: "viaje aventura playa montaña mochilero",
      ru: "путешествия приключения горы море отпуск",
      ar: "سفر رحلة مغامرة شاطئ جبال",
      ja: "旅行 旅 絶景 温泉 冒険",
      hi: "यात्रा सफर घूमना पहाड़ समुद्र",
    },
    hashtags: "#travel #traveltok #wanderlust #viaje #سفر",
    emoji: "✈️ 🌍 🏝️ 🧳",
  },
  {
    name: "music",
    words: {
      en: "singer songwriter guitar piano beats producer cover vocals",
      es: "música cantante guitarra canción ritmo",
      ru: "музыка песня гитара певица ритм",
      ar: "موسيقى أغنية غناء عود إيقاع",
      ja: "音楽 歌 ギター 弾き語り 作曲",
      hi: "संगीत गाना गायक गिटार धुन",
    },
    hashtags: "#music #singer #originalsong #guitarcover #música",
    emoji: "🎵 🎸 🎹 🎤",
  },
  {
    name: "dance",
    words: {
      en: "dance choreography moves dancer hiphop routine freestyle trend",
      es: "baile coreografía bailarina ritmo salsa",
      ru: "танцы хореография танцор движения ритм",
      ar: "رقص راقص حركات إيقاع دبكة",
      ja: "ダンス 踊ってみた 振付 ダンサー 練習",
      hi: "डांस नृत्य कोरियोग्राफी डांसर ठुमके",
    },
    hashtags: "#dance #dancechallenge #choreography #baile #踊ってみた",
    emoji: "💃 🕺 🪩 👟",
  },
  {
    name: "comedy",
    words: {
      en: "comedy funny skits jokes prank parody memes standup",
      es: "comedia humor chistes risas bromas",
      ru: "юмор шутки приколы смешно пародия",
      ar: "كوميديا ضحك نكت مقالب فكاهة",
      ja: "お笑い コント ネタ 爆笑 ギャグ",
      hi: "कॉमेडी मज़ाक हंसी चुटकुले मस्ती",
    },
    hashtags: "#comedy #funny #skits #humor #приколы",
    emoji: "😂 🤣 🎭 🤡",
  },
  {
    name: "beauty",
    words: {
      en: "makeup skincare beauty lashes glow tutorial lipstick nails",
      es: "maquillaje belleza piel uñas labial",
      ru: "макияж красота уход кожа ресницы",
      ar: "مكياج جمال بشرة عناية أظافر",
      ja: "メイク コスメ スキンケア 美容 ネイル",
      hi: "मेकअप सौंदर्य त्वचा निखार नाखून",
    },
    hashtags: "#makeup #skincare #beautytok #grwm #maquillaje",
    emoji: "💄 ✨ 💅 🪞",
  },
  {
    name: "pets",
    words: {
      en: "puppy kitten rescue dogs cats pets adopt paws",
      es: "perro gato mascotas cachorro rescate",
      ru: "собака кошка котик щенок питомцы",
      ar: "قطط كلاب حيوانات أليفة جرو",
      ja: "猫 犬 ペット 子猫 保護犬",
      hi: "कुत्ता बिल्ली पालतू पिल्ला जानवर",
    },
    hashtags: "#pets #dogsoftiktok #catsoftiktok #adoptdontshop #猫",
    emoji: "🐶 🐱 🐾 =^.^=",
  },
  {
    name: "tech",
    words: {
      en: "tech gadgets coding unboxing review developer smartphone setup",
      es: "tecnología programación reseña móvil gadgets",
      ru: "технологии программирование обзор гаджеты смартфон",
      ar: "تقنية برمجة مراجعة هاتف أجهزة",
      ja: "ガジェット プログラミング レビュー 開封 テック",
      hi: "टेक्नोलॉजी प्रोग्रामिंग गैजेट रिव्यू फ़ोन",
    },
    hashtags: "#tech #techtok #coding #unboxing #gadgets",
    emoji: "💻 📱 🤖 ⌨️",
  },
  {
    name: "fashion",
    words: {
      en: "fashion outfit style streetwear thrift vintage lookbook ootd",
      es: "moda estilo ropa conjunto tendencia",
      ru: "мода стиль образ одежда тренды",
      ar: "موضة أزياء ستايل ملابس أناقة",
      ja: "ファッション コーデ 古着 おしゃれ 服",
      hi: "फैशन स्टाइल कपड़े पहनावा ट्रेंड",
    },
    hashtags: "#fashion #ootd #outfitinspo #thrifted #moda",
    emoji: "👗 👠 🧥 🛍️",
  },
  {
    name: "football",
    words: {
      en: "football soccer goals training matchday striker fans stadium",
      es: "fútbol gol partido equipo afición",
      ru: "футбол гол матч команда болельщики",
      ar: "كرة هدف مباراة فريق ملعب",
      ja: "サッカー ゴール 試合 チーム 練習",
      hi: "फुटबॉल गोल मैच टीम खिलाड़ी",
    },
    hashtags: "#football #soccer #futbol #skills #footballtiktok",
    emoji: "⚽ 🥅 🏟️ 👟",
  },
];

/** The twelve topics, in a fixed order. */
export const TOPICS: readonly Topic[] = TOPIC_SOURCES.map(createTopic);
