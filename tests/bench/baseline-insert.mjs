// The bench baseline: node:http, JSON.parse, one INSERT of the same body into the same table.
import { createServer } from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const surveyId = Number(process.env.SURVEY_ID);
const versionId = Number(process.env.VERSION_ID);

createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const { rows } = await pool.query(
        "insert into responses (survey_id, version_id, submission_id, answers, raw) values ($1, $2, $3, $4, $5) returning id",
        [surveyId, versionId, body.submissionId, JSON.stringify(body.answers), JSON.stringify(body)],
      );
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: rows[0].id }));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
