// A client of the open API as a developer outside would write it: its types generated from
// the OpenAPI document (openapi-typescript, into build/api/portico.d.ts), every public
// operation called and its answer read through those types. tsc --strict must accept it,
// and it runs against a real portal (tests/api/run.sh). A field the document leaves
// optional or misnames fails the type check; an answer that is not what the types say
// fails the run.
import type { paths } from "../../build/api/portico.js";

declare const process: { argv: string[]; exitCode?: number };

type Method = "get" | "post";
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M & keyof paths[P]]>;
type Json<R> = R extends { content: { "application/json": infer J } } ? J : never;
type Ok<O> = O extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer A } ? Json<A> : never) : never;
type Body<O> = O extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;

const base = process.argv[2];
let called = 0;

async function call<P extends keyof paths, M extends Method>(method: M, _template: P, path: string,
                                                           body?: Body<Op<P, M>>): Promise<Ok<Op<P, M>>> {
  const r = await fetch(base + path, {
    method: method.toUpperCase(),
    headers: body === undefined ? {} : { "content-type": "application/json", origin: base },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method.toUpperCase()} ${path}: ${r.status} ${await r.text()}`);
  ++called;
  return (await r.json()) as Ok<Op<P, M>>;
}

function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

const health = await call("get", "/healthz", "/healthz");
expect(health.status === "ok", "healthz");
await call("get", "/readyz", "/readyz");
await call("get", "/api/v1/openapi.json", "/api/v1/openapi.json");

const sites = await call("get", "/api/v1/sites", "/api/v1/sites");
const names: string[] = sites.data.map((s) => s.name);
expect(names.length > 0, "sites");
const categories = await call("get", "/api/v1/categories", "/api/v1/categories");
const economy = categories.data.find((c) => c.slug === "kinh-te");
expect(economy !== undefined, "the category kinh-te");

const list = await call("get", "/api/v1/articles", "/api/v1/articles?category=kinh-te");
const pages: number = list.meta.total_pages;
expect(pages >= 1 && list.data.length > 0, "articles");
const article = await call("get", "/api/v1/articles/{id}", `/api/v1/articles/${list.data[0].id}`);
const title: string = article.data.title;
const rated = await call("post", "/api/v1/articles/{id}/ratings", `/api/v1/articles/${article.data.id}/ratings`, { stars: 5 });
const points: number = rated.data.points;
expect(points >= 5 && rated.data.count >= 1, "a rating");

const found = await call("get", "/api/v1/search", "/api/v1/search?q=" + encodeURIComponent("đảng viên"));
const hits: number = found.meta.total;
expect(hits > 0 && found.data.every((h) => h.snippet.length > 0), "search");

const polls = await call("get", "/api/v1/polls", "/api/v1/polls");
const poll = polls.data[0];
const voted = await call("post", "/api/v1/polls/{id}/votes", `/api/v1/polls/${poll.id}/votes`, { options: [poll.options[0].id] });
const voters: number = voted.data.voters;
expect(voters >= 1, "a vote");
const visits = await call("get", "/api/v1/stats/visits", "/api/v1/stats/visits");
const today: number = visits.data.today;

const documents = await call("get", "/api/v1/documents", "/api/v1/documents?state=effective");
const document = await call("get", "/api/v1/documents/{id}", `/api/v1/documents/${documents.data[0].id}`);
const number: string = document.data.number;
const questions = await call("get", "/api/v1/questions", "/api/v1/questions");
const question = await call("get", "/api/v1/questions/{id}", `/api/v1/questions/${questions.data[0].id}`);
const answer: string = question.data.answer;
const asked = await call("post", "/api/v1/questions", "/api/v1/questions", {
  name: "Nguyễn Văn Khách", contact: "0912345678", topic: "Góp ý khác", title: "Góp ý từ ứng dụng",
  question: "Xin góp ý về việc công bố dữ liệu mở của cổng thông tin.",
});
const code: string = asked.data.code;

const datasets = await call("get", "/api/v1/datasets", "/api/v1/datasets");
const dataset = await call("get", "/api/v1/datasets/{id}", `/api/v1/datasets/${datasets.data[0].id}`);
const firstColumn: string = dataset.data.table.columns[0];
const drafts = await call("get", "/api/v1/drafts", "/api/v1/drafts");
const draft = await call("get", "/api/v1/drafts/{id}", `/api/v1/drafts/${drafts.data[0].id}`);
const state: "open" | "upcoming" | "closed" = draft.data.state;
const week = await call("get", "/api/v1/schedule", "/api/v1/schedule");
const engagements: number = week.data.items.length;

console.log(`${called} calls of every public operation: "${title}", ${points} points, ${hits} search hits, ` +
  `${today} views today, document ${number}, ${answer.length} characters of answer, question ${code}, ` +
  `"${firstColumn}", a draft ${state}, ${engagements} engagements this week, ${names.length} sites`);
