/**
 * The demo region's focus-group study, as data: two held groups on how residents learn about the
 * authorities' work through official pages (the product's two halves in one topic), their
 * participants and consent, the discussion guide, a codebook and two coders' codings.
 * app/services/demo-focus-groups.server.ts executes it through the ordinary services.
 *
 * Codings name a phrase of the transcript, never offsets: the seed finds the one turn of the
 * session that contains it, so editing a transcript cannot silently shift a span (a phrase that is
 * gone, or found in two turns, stops the seed). The two coders agree on most spans and differ on
 * some boundaries and on some codes, as real coders do, so the agreement view has something to show.
 * Everyone here is invented; transcripts use first names that are mapped to codes at import.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

// From the project root, as db/seed/demo-region.ts (this module also runs bundled).
const transcriptDir = `${resolve("db/seed/data/focus-groups")}/`;

export const DEMO_FG_STUDY = {
  title: "Официальные страницы власти глазами жителей, 2026",
  kind: "qualitative",
  organisation_code: "org-min-cifra",
  starts_on: "2026-09-15",
  ends_on: "2026-12-18",
  description:
    "Две фокус-группы о том, как жители Амурской области узнают о работе органов власти через официальные страницы в соцсетях: доверие, ответы на комментарии, прямые эфиры, Telegram-каналы, различия между городом и сёлами. Материал дополняет аудит госпабликов и опрос «Интернет в жизни жителей Амурской области».",
} as const;

/** Who coded: the study's lead sociologist and a second coder for the agreement check. */
export const DEMO_FG_CODERS = { lead: "sociologist@demo.pulse.local", second: "coder@demo.pulse.local" } as const;

export const DEMO_FG_GUIDE = {
  title: "Гайд: официальные страницы органов власти",
  sections: [
    {
      title: "Знакомство и источники новостей",
      questions: [
        "Расскажите коротко о себе: где живёте, чем занимаетесь?",
        "Откуда вы обычно узнаёте новости своего города или округа?",
        "Какие новости о работе власти вы замечаете чаще всего?",
      ],
    },
    {
      title: "Официальные страницы ведомств",
      questions: [
        "Подписаны ли вы на страницы администрации, министерств, больниц, школ? Зачем?",
        "Что полезного вы там находите, а чего не хватает?",
        "Видели ли вы отметку «Госорганизация»? Что она для вас значит?",
        "Встречали ли вы поддельные страницы от имени власти?",
      ],
    },
    {
      title: "Обратная связь: комментарии, сообщения, жалобы",
      questions: [
        "Писали ли вы комментарии или сообщения на официальные страницы? Что было дальше?",
        "Какой ответ вы считаете настоящим ответом, а какой — отпиской?",
        "Пользовались ли вы платформой «Госуслуги. Решаем вместе»? Как это было?",
        "Есть ли что-то, что удерживает вас от обращения?",
      ],
    },
    {
      title: "Прямые эфиры и площадки",
      questions: [
        "Смотрели ли вы прямые эфиры губернатора, глав, министров? Целиком, в записи, нарезками?",
        "Задавали ли вы вопросы в эфире? Получили ли ответ?",
        "Какие площадки вам удобнее: Telegram, ВКонтакте, Одноклассники, МАКС? Почему?",
        "Насколько связь и интернет мешают вам следить за новостями?",
      ],
    },
    {
      title: "Доверие и пожелания",
      questions: [
        "Насколько вы доверяете тому, что публикуют официальные страницы?",
        "Если бы вы могли изменить одну вещь в том, как власть ведёт свои страницы, что бы это было?",
        "Что ещё важно сказать, о чём мы не спросили?",
      ],
    },
  ],
} as const;

export type DemoFgSessionKey = "blagoveshchensk" | "rural";

export interface DemoFgSession {
  key: DemoFgSessionKey;
  title: string;
  /** ISO with the region's offset (UTC+9) */
  heldAt: string;
  mode: "in_person" | "online";
  place: string;
  /** whether the second coder also took notes at the session */
  secondTookNotes: boolean;
  file: string;
  /** label of the moderator in the transcript */
  moderatorLabel: string;
}

export const DEMO_FG_SESSIONS: DemoFgSession[] = [
  {
    key: "blagoveshchensk",
    title: "Благовещенск, очная группа",
    heldAt: "2026-10-08T18:30:00+09:00",
    mode: "in_person",
    place: "Благовещенск, переговорная ЦУР Амурской области",
    secondTookNotes: true,
    file: "blagoveshchensk.vtt",
    moderatorLabel: "Модератор",
  },
  {
    key: "rural",
    title: "Сельские округа, онлайн-группа",
    heldAt: "2026-10-22T19:00:00+09:00",
    mode: "online",
    place: "Видеоконференция: Серышевский, Мазановский, Тындинский, Ивановский, Зейский и Шимановский округа",
    secondTookNotes: false,
    file: "rural-online.txt",
    moderatorLabel: "Модератор",
  },
];

export function demoTranscriptBytes(file: string): Uint8Array {
  return readFileSync(`${transcriptDir}${file}`);
}

export interface DemoFgParticipant {
  code: string;
  session: DemoFgSessionKey;
  /** the speaker label in the transcript (a first name), mapped to the code at import */
  label: string;
  sex: "female" | "male";
  /** the project's age bands (app/domain/survey/designer/blocks.ts AGE_BANDS) */
  ageBand: "18-29" | "30-44" | "45-59" | "60+";
  /** name_ru of a territory in the registry */
  territory: string;
  occupation: string;
  attributes: Record<string, string>;
  screener: Record<string, string>;
  consent: { formVersion: string; givenOn: string; recording: boolean; quoting: boolean; sharing: boolean };
}

const CONSENT_FORM = "ФГ-согласие 2026.2";
const cityConsent = { formVersion: CONSENT_FORM, givenOn: "2026-10-08", recording: true, quoting: true };
// the online group signed an electronic form before the meeting
const ruralConsent = { formVersion: CONSENT_FORM, givenOn: "2026-10-20", recording: true, quoting: true };
const SOCIAL = "пользуется соцсетями";
const SETTLEMENT = "тип поселения";
const SUBSCRIBED = "подписан(а) на официальные страницы";

export const DEMO_FG_PARTICIPANTS: DemoFgParticipant[] = [
  { code: "P01", session: "blagoveshchensk", label: "Ирина", sex: "female", ageBand: "30-44", territory: "городской округ город Благовещенск", occupation: "учитель начальных классов", attributes: { [SOCIAL]: "ежедневно", [SETTLEMENT]: "город" }, screener: { [SUBSCRIBED]: "да" }, consent: { ...cityConsent, sharing: true } },
  { code: "P02", session: "blagoveshchensk", label: "Андрей", sex: "male", ageBand: "45-59", territory: "городской округ город Благовещенск", occupation: "инженер-строитель", attributes: { [SOCIAL]: "ежедневно", [SETTLEMENT]: "город" }, screener: { [SUBSCRIBED]: "нет" }, consent: { ...cityConsent, sharing: true } },
  { code: "P03", session: "blagoveshchensk", label: "Галина", sex: "female", ageBand: "60+", territory: "городской округ город Благовещенск", occupation: "пенсионерка, бывший бухгалтер", attributes: { [SOCIAL]: "несколько раз в неделю", [SETTLEMENT]: "город" }, screener: { [SUBSCRIBED]: "да" }, consent: { ...cityConsent, sharing: false } },
  { code: "P04", session: "blagoveshchensk", label: "Денис", sex: "male", ageBand: "18-29", territory: "городской округ город Благовещенск", occupation: "студент", attributes: { [SOCIAL]: "ежедневно", [SETTLEMENT]: "город" }, screener: { [SUBSCRIBED]: "да" }, consent: { ...cityConsent, sharing: true } },
  { code: "P05", session: "blagoveshchensk", label: "Ольга", sex: "female", ageBand: "45-59", territory: "городской округ город Благовещенск", occupation: "администратор стоматологической клиники", attributes: { [SOCIAL]: "ежедневно", [SETTLEMENT]: "город" }, screener: { [SUBSCRIBED]: "нет" }, consent: { ...cityConsent, sharing: false } },
  { code: "P06", session: "blagoveshchensk", label: "Максим", sex: "male", ageBand: "30-44", territory: "Благовещенский муниципальный округ", occupation: "предприниматель, автосервис", attributes: { [SOCIAL]: "ежедневно", [SETTLEMENT]: "пригород" }, screener: { [SUBSCRIBED]: "нет" }, consent: { ...cityConsent, sharing: false } },
  { code: "P07", session: "rural", label: "Светлана", sex: "female", ageBand: "30-44", territory: "Серышевский муниципальный округ", occupation: "воспитатель детского сада", attributes: { [SOCIAL]: "ежедневно", [SETTLEMENT]: "село" }, screener: { [SUBSCRIBED]: "да" }, consent: { ...ruralConsent, sharing: true } },
  // did not agree to be quoted: the codings of this participant's turns carry no quote flag
  { code: "P08", session: "rural", label: "Николай", sex: "male", ageBand: "60+", territory: "Мазановский муниципальный округ", occupation: "пенсионер, бывший механизатор", attributes: { [SOCIAL]: "редко", [SETTLEMENT]: "село" }, screener: { [SUBSCRIBED]: "да" }, consent: { ...ruralConsent, quoting: false, sharing: false } },
  { code: "P09", session: "rural", label: "Елена", sex: "female", ageBand: "45-59", territory: "Тындинский муниципальный округ", occupation: "оператор почтовой связи", attributes: { [SOCIAL]: "ежедневно", [SETTLEMENT]: "посёлок" }, screener: { [SUBSCRIBED]: "да" }, consent: { ...ruralConsent, sharing: true } },
  { code: "P10", session: "rural", label: "Артём", sex: "male", ageBand: "18-29", territory: "Ивановский муниципальный округ", occupation: "агроном", attributes: { [SOCIAL]: "ежедневно", [SETTLEMENT]: "село" }, screener: { [SUBSCRIBED]: "да" }, consent: { ...ruralConsent, sharing: true } },
  { code: "P11", session: "rural", label: "Татьяна", sex: "female", ageBand: "30-44", territory: "Зейский муниципальный округ", occupation: "в отпуске по уходу за ребёнком", attributes: { [SOCIAL]: "ежедневно", [SETTLEMENT]: "село" }, screener: { [SUBSCRIBED]: "да" }, consent: { ...ruralConsent, sharing: true } },
  { code: "P12", session: "rural", label: "Виктор", sex: "male", ageBand: "45-59", territory: "Шимановский муниципальный округ", occupation: "машинист локомотива", attributes: { [SOCIAL]: "несколько раз в неделю", [SETTLEMENT]: "село" }, screener: { [SUBSCRIBED]: "нет" }, consent: { ...ruralConsent, sharing: false } },
];

export interface DemoFgCode {
  key: string;
  parent: string | null;
  name: string;
  definition: string;
  colour: string;
}

/** Parents come before their children. */
export const DEMO_FG_CODEBOOK = [
  { key: "trust", parent: null, name: "Доверие", definition: "Доверяет ли участник тому, что публикуют официальные страницы. Сам код — выраженное доверие; сомнения и недоверие — дочерними кодами.", colour: "#2f6db5" },
  { key: "distrust", parent: "trust", name: "Недоверие к ответам", definition: "Сомнение в правдивости публикаций или в искренности ответов: отписки и шаблоны, «красивые» отчёты, невыполненные обещания, удаление неудобных вопросов.", colour: "#c0392b" },
  { key: "badge", parent: "trust", name: "Отметка «Госорганизация»", definition: "Отметка «Госорганизация» у страниц, поддельные страницы от имени власти, как участник отличает настоящую страницу.", colour: "#7f8c8d" },
  { key: "feedback", parent: null, name: "Обратная связь", definition: "Обращения через официальные страницы и ожидания от ответа: срок, содержание, отчёт о сделанном, страх писать. Конкретный опыт — дочерними кодами.", colour: "#e67e22" },
  { key: "noAnswer", parent: "feedback", name: "Нет ответа на комментарий", definition: "Со слов участника, комментарий, вопрос или жалоба остались без ответа (в том числе комментарий исчез).", colour: "#d35400" },
  { key: "solved", parent: "feedback", name: "Ответ решил проблему", definition: "Обращение получило ответ, после которого проблема решилась или сдвинулась: запись к врачу, освещение, автобус.", colour: "#27ae60" },
  { key: "reshaem", parent: "feedback", name: "«Госуслуги. Решаем вместе»", definition: "Опыт или мнение о платформе обратной связи «Госуслуги. Решаем вместе»: подача, ответы, трудности со входом.", colour: "#16a085" },
  { key: "channels", parent: null, name: "Каналы информации", definition: "Откуда участник узнаёт о работе власти. Сам код — прочие каналы и их множественность (МАКС, чаты, несколько площадок сразу).", colour: "#8e44ad" },
  { key: "telegram", parent: "channels", name: "Telegram", definition: "Telegram-каналы органов власти и губернатора: чтение, нарезки эфиров, закрытые комментарии.", colour: "#229ed9" },
  { key: "vk", parent: "channels", name: "ВКонтакте", definition: "Официальные страницы и местные сообщества ВКонтакте, сообщения сообществу.", colour: "#4a76a8" },
  { key: "ok", parent: "channels", name: "Одноклассники", definition: "Страницы и группы в Одноклассниках.", colour: "#ee8208" },
  { key: "streams", parent: "channels", name: "Прямые эфиры", definition: "Прямые эфиры губернатора, глав и министров: просмотр целиком, в записи или нарезками, вопросы в эфире, исполнение обещанного.", colour: "#9b59b6" },
  { key: "divide", parent: null, name: "Цифровое неравенство", definition: "Неравный доступ к информации власти: возраст и навыки, город и село. Качество связи — дочерним кодом.", colour: "#34495e" },
  { key: "internet", parent: "divide", name: "Плохой интернет", definition: "Слабая или отсутствующая связь: страницы и эфиры не загружаются, связь только в отдельных местах.", colour: "#95a5a6" },
] as const satisfies readonly DemoFgCode[];

export type DemoFgCodeKey = (typeof DEMO_FG_CODEBOOK)[number]["key"];

export interface DemoFgCoding {
  session: DemoFgSessionKey;
  code: DemoFgCodeKey;
  /** the span, found by its text in exactly one turn of the session */
  phrase: string;
  /** who applied the code; both when absent */
  by?: "lead" | "second";
  /** the second coder's span when it differs from the lead's */
  secondPhrase?: string;
  /** a quote for the report, flagged on that coder's coding, with the note as its memo */
  quote?: { by: "lead" | "second"; note: string };
  /** a memo on the lead's coding (or the only coder's) that is not a quote */
  memo?: string;
}

type CodingOptions = Omit<DemoFgCoding, "session" | "code" | "phrase">;
const city = (code: DemoFgCodeKey, phrase: string, options: CodingOptions = {}): DemoFgCoding => ({ session: "blagoveshchensk", code, phrase, ...options });
const rural = (code: DemoFgCodeKey, phrase: string, options: CodingOptions = {}): DemoFgCoding => ({ session: "rural", code, phrase, ...options });

export const DEMO_FG_CODINGS: DemoFgCoding[] = [
  // Благовещенск, очная группа
  city("vk", "новости смотрю в ВК, в ленте"),
  city("ok", "Я в Одноклассниках сижу, там у меня все подруги"),
  city("telegram", "Всё из Telegram", { secondPhrase: "Всё из Telegram, ВК открываю только музыку послушать" }),
  city("vk", "группа нашего микрорайона", { by: "lead" }),
  city("distrust", "Мне кажется, там одни отчёты: открыли, перерезали ленточку, провели совещание. Жизни там нет.", {
    quote: { by: "lead", note: "Госпаблик как лента отчётов: «жизни там нет» — нет поводов подписываться." },
  }),
  city("trust", "Удобно, мне нравится.", { by: "second" }),
  city("badge", "серая галочка с подписью «Госорганизация». Я раньше не обращал внимания, а потом наткнулся на фейковый паблик якобы от администрации, там собирали деньги на ремонт подъездов", {
    secondPhrase: "серая галочка с подписью «Госорганизация»",
    quote: { by: "lead", note: "Отметка как защита от поддельных страниц; сверить с проверкой отметки в аудите." },
  }),
  city("badge", "я бы и фейк не отличила", { by: "second" }),
  city("divide", "Мне внучка показывала, где смотреть, но я забыла", { by: "lead" }),
  city("badge", "Галочка — это хорошо, но правды от неё больше не становится", { by: "lead" }),
  city("distrust", "отвечают всё равно как робот"),
  city("noAnswer", "Сфотографировал, написал под постом администрации про ремонт дорог. Ноль ответа.", {
    secondPhrase: "Сфотографировал, написал под постом администрации про ремонт дорог. Ноль ответа. Через неделю комментарий вообще пропал.",
    quote: { by: "lead", note: "Яма у остановки: жалоба с фото осталась без ответа, потом комментарий исчез." },
  }),
  city("solved", "Ответили на следующий день, дали номер, куда звонить, и её записали через неделю.", {
    quote: { by: "second", note: "Запись к кардиологу через сообщения сообщества Минздрава — ответ на следующий день." },
  }),
  city("trust", "значит, работает", { by: "lead" }),
  city("noAnswer", "под постом про новую поликлинику штук сорок вопросов, ответили на три", {
    secondPhrase: "А в комментариях под постами люди по полгода ждут. Я специально смотрела: под постом про новую поликлинику штук сорок вопросов, ответили на три",
    quote: { by: "lead", note: "Житель сам оценивает долю ответов; сравнить с показателем доли ответов в аудите страницы." },
  }),
  city("distrust", "«Ваше обращение направлено в компетентный орган»", {
    secondPhrase: "шаблоном: «Ваше обращение направлено в компетентный орган». И всё, тишина. Это даже хуже, чем не ответить",
    quote: { by: "second", note: "Шаблонный ответ воспринимается хуже молчания." },
  }),
  city("reshaem", "Подал через «Решаем вместе», пришёл ответ, что включено в план."),
  city("solved", "Месяца через три поставили."),
  city("reshaem", "Я не знала, что туда можно про фонари", { by: "lead" }),
  city("reshaem", "ответили, что дорога не муниципальная, обращайтесь в область"),
  city("distrust", "А в области — обратно в город. Круговорот.", {
    quote: { by: "lead", note: "«Круговорот» ответственности между городом и областью." },
  }),
  city("streams", "Я смотрела, когда губернатор отвечал про тарифы", {
    secondPhrase: "Я смотрела, когда губернатор отвечал про тарифы. Долго, почти два часа.",
  }),
  city("distrust", "как будто заранее отобранные", { by: "lead" }),
  city("streams", "потом в Telegram выкладывают нарезку, минуты по две"),
  city("telegram", "в Telegram выкладывают нарезку", { by: "second" }),
  city("streams", "Я задала вопрос в эфире министра образования, про продлёнку."),
  city("solved", "потом в комментариях мне ответили, что продлёнку оставят", { by: "second" }),
  city("streams", "Эфиры в рабочее время, вот проблема.", { by: "second" }),
  city("streams", "Хорошо бы, чтобы через месяц был отчёт: вот спрашивали, вот сделали.", { by: "lead" }),
  city("feedback", "Хорошо бы, чтобы через месяц был отчёт: вот спрашивали, вот сделали.", { by: "second" }),
  city("telegram", "Telegram, конечно. Канал губернатора, канал мэрии, там коротко и по делу."),
  city("vk", "Если надо спросить — иду в ВК.", { by: "second" }),
  city("ok", "А мне Одноклассники. Там шрифт крупный, и я знаю, куда нажимать."),
  city("divide", "В Telegram я не умею, внук поставил, но я туда не захожу.", {
    quote: { by: "second", note: "Барьер навыков у старшего поколения: удобнее Одноклассники." },
  }),
  city("vk", "В ВК удобнее всего, потому что там школа, сад, администрация, всё в одном месте."),
  city("vk", "ВК — это для жалоб", {
    secondPhrase: "ВК — это для жалоб, а Telegram — для новостей",
    quote: { by: "lead", note: "Разделение ролей площадок: жалобы во ВКонтакте, новости в Telegram." },
  }),
  city("distrust", "Если пишут, что дорогу отремонтировали, я сначала по ней проеду. Фотографии у них всегда красивые.", { by: "lead" }),
  city("trust", "Проверяю. Если пишут, что дорогу отремонтировали, я сначала по ней проеду.", { by: "second" }),
  city("trust", "Я верю. Если что-то официально написано, значит, так и есть."),
  city("trust", "Про погоду и отмену занятий верю.", { by: "second" }),
  city("trust", "Я доверяю, но жду, что будут признавать ошибки.", { by: "lead" }),
  city("noAnswer", "Люди в комментариях спрашивали, ответа не было.", {
    secondPhrase: "просто выложили новое расписание картинкой. Люди в комментариях спрашивали, ответа не было.",
  }),
  city("feedback", "Отвечать в комментариях. Хотя бы «приняли, разбираемся» и срок.", {
    quote: { by: "lead", note: "Минимальный стандарт ответа глазами жителя: подтверждение и срок." },
  }),
  city("noAnswer", "Люди же видят, что их игнорируют", { by: "second" }),
  city("divide", "Чтобы писали простым языком и крупно. И телефон, куда позвонить, если в интернете не разберёшься."),
  city("distrust", "не удалять неудобные вопросы, это сразу видно, и доверия ноль"),
  city("divide", "Чтобы про пригород не забывали.", { by: "second" }),
  city("reshaem", "чтобы на «Решаем вместе» отвечали так же, как мне про фонари", { by: "second" }),

  // Сельские округа, онлайн-группа
  rural("vk", "Новости узнаю из группы нашего села в ВК"),
  rural("ok", "Я больше по телевизору и в Одноклассниках", { by: "lead" }),
  rural("internet", "Интернет у нас слабый, видео не грузит"),
  rural("telegram", "Новости в основном из Telegram, канал губернатора и районный канал."),
  rural("telegram", "Telegram в основном", { by: "lead" }),
  rural("vk", "ВК для работы", { by: "lead" }),
  rural("channels", "Ещё в МАКС перевели школьный чат, теперь два приложения."),
  rural("internet", "Когда я в рейсе, вообще никак, связи нет."),
  rural("distrust", "Там пишут мало, раз в неделю, и то про праздники.", { by: "second" }),
  rural("internet", "Пока страница загрузится, я уже забуду, зачем зашла. Картинки по минуте грузятся.", {
    quote: { by: "lead", note: "Посты-картинки не открываются при слабой связи: нужен текст." },
  }),
  rural("distrust", "Зачем, если всё равно ничего не решают.", { by: "lead" }),
  rural("feedback", "Я не подписан. Зачем, если всё равно ничего не решают.", { by: "second" }),
  rural("noAnswer", "Я написал в комментарии администрации округа, фото приложил. Ни ответа, ни привета.", {
    quote: { by: "lead", note: "Неосвещённый переезд: комментарий без ответа, решилось звонком знакомого." },
  }),
  rural("trust", "Там бывает полезное: субсидии, приём документов."),
  rural("distrust", "Ответили одной фразой: «Информация передана подрядчику». Что дальше — никто не знает."),
  rural("noAnswer", "Родители писали под каждым постом администрации.", { by: "second" }),
  rural("solved", "Через два дня перезвонили из больницы и записали на выездной приём.", {
    quote: { by: "second", note: "Обращение в Минздрав при отсутствии педиатра — быстрый результат." },
  }),
  rural("noAnswer", "у них в администрации один человек и на сайт, и на ВК, и на всё", { by: "lead" }),
  rural("distrust", "Вот и отвечают, чтобы галочку поставить. «Спасибо за обращение» — это же не ответ.", {
    quote: { by: "lead", note: "Формальные ответы ради показателя — риск для метрики доли ответов." },
  }),
  rural("feedback", "Я вообще писать боюсь.", {
    memo: "Страх последствий в малом селе. Участник не дал согласия на цитирование: пересказывать без цитаты.",
  }),
  rural("reshaem", "Да, я про школьный автобус подавал."),
  rural("solved", "Ответили за десять дней, автобус вернули на два рейса в неделю."),
  rural("reshaem", "там надо через Госуслуги заходить, а у меня пароль всё время слетает"),
  rural("divide", "Я в телефоне только звонить умею, ну и Одноклассники."),
  rural("ok", "ну и Одноклассники", { by: "second" }),
  rural("streams", "У нас эфир не тянет, всё время крутится кружок."),
  rural("internet", "У нас эфир не тянет, всё время крутится кружок.", { secondPhrase: "эфир не тянет" }),
  rural("streams", "Я смотрел эфир главы округа в записи.", {
    secondPhrase: "Я смотрел эфир главы округа в записи. Там было про ремонт моста, пообещали к осени.",
  }),
  rural("distrust", "Сейчас октябрь, моста нет. Вот и весь эфир.", {
    quote: { by: "second", note: "Невыполненное обещание из прямого эфира." },
  }),
  rural("solved", "ответили прямо в эфире", { by: "lead" }),
  rural("streams", "Эфиры — это больше для города. В поле в два часа дня я эфир не посмотрю.", { by: "lead" }),
  rural("divide", "Эфиры — это больше для города.", { by: "second" }),
  rural("ok", "Одноклассники. Там всё привычно, все мои знакомые там."),
  rural("telegram", "Telegram, потому что он при плохом интернете хоть как-то открывается"),
  rural("internet", "при плохом интернете хоть как-то открывается, текст грузит", { by: "second" }),
  rural("telegram", "В Telegram у нас в селе почти никто не сидит.", { by: "second" }),
  rural("internet", "У нас в посёлке одна вышка, вечером все сидят, и всё виснет."),
  rural("internet", "В рейсе связи нет часами.", { by: "lead" }),
  rural("divide", "Проблема в том, что в городе думают, что у всех как в Благовещенске.", {
    quote: { by: "lead", note: "Разрыв между городом и селом в представлениях власти." },
  }),
  rural("divide", "Моя мама сама не может ничего найти, я ей пересказываю."),
  rural("trust", "Я доверяю больнице и школе, они пишут по делу."),
  rural("badge", "Теперь я смотрю, есть ли отметка «Госорганизация».", {
    secondPhrase: "У нас был фейковый «канал администрации», там писали, что будут бесплатно выдавать дрова, люди поехали. Теперь я смотрю, есть ли отметка «Госорганизация».",
    quote: { by: "second", note: "Поддельный канал о бесплатных дровах — довод в пользу отметки." },
  }),
  rural("badge", "Это серый значок такой рядом с названием.", { by: "second" }),
  rural("badge", "Значок — это что страница настоящая, а не что она работает."),
  rural("divide", "Чтобы не забывали, что интернет не у всех."),
  rural("internet", "Чтобы можно было прочитать при плохой связи.", { by: "lead" }),
  rural("streams", "Чтобы после эфира выкладывали, что из обещанного сделано."),
  rural("channels", "Одна площадка для всего", { by: "lead" }),
  rural("feedback", "Чтобы за вопросы не наказывали."),
];
