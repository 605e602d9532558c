// The README's cross-service walk-through as an app developer writes it against the generated types
// (openapi-typescript + openapi-fetch); `tsc --noEmit` must accept it. Run by tests/test_generated_clients.py.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

const client = createClient<paths>({ baseUrl: "http://127.0.0.1:8000" });
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function token(clientId: string): Promise<string> {
  const { data, error } = await client.POST("/auth/token", {
    body: { grant_type: "client_credentials", client_id: clientId, client_secret: `${clientId}-secret` },
    bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  if (error) throw new Error(JSON.stringify(error));
  return data.access_token;
}

function problem(error: components["schemas"]["Problem"]): never {
  throw new Error(`${error.status} ${error.title}: ${error.detail}`);
}

export async function walkThrough(): Promise<string[]> {
  const [zy, gxj, cgj, dcs, ops] = await Promise.all(
    ["dept-zy", "dept-gxj", "dept-cgj", "dept-dcs", "ops-admin"].map(token));
  const seen: string[] = [];

  // 1. An award candidate is put on a credit blacklist; the awards ranking follows by itself.
  const rounds = await client.GET("/awards/rounds");
  if (rounds.error) problem(rounds.error);
  const roundId: string = rounds.data.items[0].id;
  const notice = await client.GET("/awards/rounds/{round_id}/notice", { params: { path: { round_id: roundId } } });
  if (notice.error) problem(notice.error);
  for (const entry of notice.data.entries) seen.push(`${entry.rank ?? "-"} ${entry.entity_name} ${entry.status_label}`);
  const added = await client.POST("/credit/lists/{list_code}/entries", {
    params: { path: { list_code: "dishonest_judgment_debtor" } },
    body: {
      subject_code: "91410500MA44GT012H", subject_name: "安阳钢铁示范有限公司", decision_number: "(2026)豫05执1号",
      legal_basis: "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条", effective_date: "2026-11-28",
    },
    headers: auth(zy),
  });
  if (added.error) problem(added.error);
  const changes = await client.GET("/awards/rounds/{round_id}/ranking-changes", {
    params: { path: { round_id: roundId } }, headers: auth(gxj) });
  if (changes.error) problem(changes.error);

  // 2. A hydrogen penalty becomes a public credit record.
  const stations = await client.GET("/hydrogen/stations", { headers: auth(cgj) });
  if (stations.error) problem(stations.error);
  const penalty = await client.POST("/hydrogen/penalties", {
    body: {
      station_id: stations.data.items[0].id, decision_number: "安城管罚〔2026〕1号", decided_on: "2026-11-27",
      severity: "general", violated_articles: [15], applied_provision: "《城镇燃气管理条例》第四十九条",
      summary: "未按规定核验气瓶登记即充装", amount_fen: 2000000,
    },
    headers: auth(cgj),
  });
  if (penalty.error) problem(penalty.error);
  const records = await client.GET("/credit/public/records", { params: { query: { subject_code: "91410502MA44QN0296" } } });
  if (records.error) problem(records.error);
  seen.push(`${records.data.total} public records`);

  // 3. A late publication becomes a supervision item.
  const run = await client.POST("/credit/ops/jobs/{name}/run", {
    params: { path: { name: "credit.publication.overdue" } }, headers: auth(ops) });
  if (run.error) problem(run.error);
  seen.push(run.data.last_result ?? "");
  const items = await client.GET("/tasks/supervision-items", { headers: auth(dcs) });
  if (items.error) problem(items.error);
  seen.push(`${items.data.total} supervision items`);

  // The official calendar, public.
  const due = await client.GET("/calendar/deadlines", { params: { query: { start: "2026-11-27", amount: 7 } } });
  if (due.error) problem(due.error);
  seen.push(`${due.data.due}${due.data.provisional ? " (provisional)" : ""}`);
  return seen;
}
