/**
 * Page activity for the demo region, in the activity-file format (README "Page activity files"),
 * generated deterministically relative to the day of seeding, so a fresh `npm start` shows audits
 * running and every metric filled: well-run pages that answer within hours, slow ones, silent ones
 * with residents' questions still waiting. Texts are invented for the demo.
 */
import { formatActivityRecord, pageKey, type ActivityRecord } from "../../jobs/connectors/file-format";
import type { Platform } from "../../app/domain/compliance/observations";
import { prng } from "./demo-region";

const DAY = 86_400_000;
const HOUR = 3_600_000;

const POSTS = [
  "Приём граждан руководителем пройдёт в четверг с 10:00. Запись по телефону горячей линии.",
  "Итоги недели: что сделано по обращениям жителей области.",
  "Напоминаем о сроках подачи заявлений на региональные выплаты.",
  "Прямой эфир: отвечаем на вопросы жителей о ремонте дорог.",
  "Начался приём заявок на участие в программе «Дальневосточная ипотека».",
  "В районах области продолжается подготовка к отопительному сезону.",
  "Опубликован график работы многофункциональных центров в праздничные дни.",
  "Стартовало голосование за объекты благоустройства на 2027 год.",
  "Как получить услугу онлайн через Госуслуги: пошаговая инструкция.",
  "В Благовещенске открылся новый пункт приёма обращений.",
  "Паводковая обстановка: уровень воды в реках под контролем.",
  "Результаты проверки школьных столовых: замечания устранены.",
];
const QUESTIONS = [
  "Когда наконец починят дорогу на нашей улице? Писали уже три раза.",
  "Подскажите, куда обращаться по поводу перерасчёта за отопление?",
  "В поликлинике не дозвониться до регистратуры уже неделю.",
  "Почему в нашем селе до сих пор нет нормального интернета?",
  "Спасибо за информацию! А для пенсионеров есть льготы?",
  "Автобус №12 опять не пришёл утром, дети опоздали в школу.",
  "Как записаться на приём к министру? На сайте ссылка не работает.",
  "Во дворе третью неделю не вывозят мусор.",
  "Когда будет выплата на детей за этот месяц?",
  "Можно ли подать заявление без личного визита?",
];
const REPLIES = [
  "Здравствуйте! Ваше обращение передано в профильный отдел, ответим в течение дня.",
  "Добрый день! Информация направлена ответственному специалисту, с вами свяжутся.",
  "Здравствуйте. Подробности можно узнать по телефону горячей линии 8-800.",
  "Спасибо за сигнал! Проверим и сообщим о результатах здесь.",
  "Добрый день! Заявление можно подать через Госуслуги, ссылка в описании сообщества.",
];

interface DemoPage {
  platform: Platform;
  platform_id: string;
  organisation_name: string;
  url: string;
}

/** How a page is run: replies (share, typical delay in hours), posts a week, streams a month. */
const STYLES = [
  { weight: 0.35, replyShare: 0.95, replyHours: 2, postsPerWeek: 4.5, streamsPerMonth: 2 },
  { weight: 0.35, replyShare: 0.75, replyHours: 9, postsPerWeek: 3, streamsPerMonth: 1 },
  { weight: 0.2, replyShare: 0.45, replyHours: 30, postsPerWeek: 1.5, streamsPerMonth: 0.3 },
  { weight: 0.1, replyShare: 0.1, replyHours: 60, postsPerWeek: 0.4, streamsPerMonth: 0 },
];

export function demoActivityRecords(pages: DemoPage[], now: Date, days = 62): ActivityRecord[] {
  const random = prng(20_261_122);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const out: ActivityRecord[] = [];
  let residentId = 1000;
  const start = now.getTime() - days * DAY;

  for (const page of pages) {
    const key = pageKey(page.platform, page.platform_id);
    let r = random();
    const style = STYLES.find((s) => (r -= s.weight) < 0) ?? STYLES[STYLES.length - 1]!;
    const telegram = page.platform === "telegram";
    out.push({
      type: "profile",
      page: key,
      profile: {
        observedAt: new Date(now.getTime() - HOUR),
        resolvedId: null,
        name: page.organisation_name,
        // Telegram has no госметка; the others mostly carry it, a few still do not
        badge: telegram ? null : random() < 0.85,
        verified: telegram ? null : random() < 0.3,
        members: Math.round(800 + random() * random() * 60_000),
        description: random() < 0.9 ? `Официальная страница: ${page.organisation_name}` : "",
        hasContacts: random() < 0.8,
        // "" = the page has none (counts against completeness); null would mean "cannot tell"
        address: random() < 0.7 ? "г. Благовещенск, ул. Ленина, 135" : "",
        site: random() < 0.85 ? "https://www.amurobl.ru" : "",
        hasAvatar: true,
        hasCover: random() < 0.7,
        wallOpen: telegram ? random() < 0.6 : random() < 0.9,
      },
    });

    const postCount = Math.round((style.postsPerWeek * days) / 7 * (0.7 + random() * 0.6));
    for (let p = 0; p < postCount; p++) {
      const published = new Date(start + random() * (now.getTime() - start - HOUR));
      const postId = `${1000 + p}`;
      const commentsOpen = random() < 0.95;
      const views = Math.round(200 + random() * 5000);
      const residentComments = telegram || !commentsOpen ? 0 : Math.floor(random() * random() * 8);
      out.push({
        type: "post",
        page: key,
        post: {
          id: postId,
          publishedAt: published,
          byOwner: true,
          isRepost: random() < 0.1,
          pinned: p === 0 && random() < 0.3,
          commentsOpen,
          likes: Math.round(views * (0.01 + random() * 0.05)),
          reposts: Math.round(views * random() * 0.01),
          comments: residentComments,
          views,
          url: `${page.url}?w=wall_${postId}`,
          text: pick(POSTS),
        },
      });
      for (let c = 0; c < residentComments; c++) {
        const created = new Date(published.getTime() + random() * 3 * DAY);
        if (created > now) continue;
        const commentId = `${postId}-${c + 1}`;
        const deleted = random() < 0.03;
        out.push({
          type: "comment",
          page: key,
          comment: {
            id: commentId,
            postId,
            parentId: null,
            authorKind: "resident",
            authorId: String(residentId++),
            createdAt: created,
            deleted,
            text: deleted ? null : pick(QUESTIONS),
            url: `${page.url}?w=wall_${postId}_r${c + 1}`,
          },
        });
        if (deleted || random() > style.replyShare) continue;
        // delays are skewed: most answers come well before the typical delay, a few far later
        const replyAt = new Date(created.getTime() + style.replyHours * HOUR * (0.1 + 2 * random() * random()));
        if (replyAt > now) continue;
        out.push({
          type: "comment",
          page: key,
          comment: {
            id: `${commentId}-r`,
            postId,
            parentId: commentId,
            authorKind: "page",
            authorId: null,
            createdAt: replyAt,
            deleted: false,
            text: pick(REPLIES),
            url: `${page.url}?w=wall_${postId}_r${c + 1}_reply`,
          },
        });
      }
    }
    if (!telegram) {
      const streams = Math.round((style.streamsPerMonth * days) / 30 * random());
      for (let s = 0; s < streams; s++) {
        out.push({
          type: "stream",
          page: key,
          stream: { id: `live-${s + 1}`, startedAt: new Date(start + random() * (now.getTime() - start)), title: "Прямой эфир: ответы на вопросы жителей", url: `${page.url}?z=live_${s + 1}` },
        });
      }
    }
  }
  return out;
}

export function demoActivityFile(pages: DemoPage[], now: Date): { content: string; pages: string[]; records: number } {
  const records = demoActivityRecords(pages, now);
  return {
    content: records.map(formatActivityRecord).join("\n") + "\n",
    pages: [...new Set(records.map((r) => r.page.toLowerCase()))],
    records: records.length,
  };
}
