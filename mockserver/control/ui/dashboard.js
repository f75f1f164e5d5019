/* telco-mockserver dashboard: plain ES2017, no framework, no external URL.
 * Every value from the API reaches the page through textContent, never as markup, so a
 * hostile request body shows as text and cannot run as script.
 * One view is shown at a time (hash routes); only it is polled, once a second, and it
 * redraws only when what the control API answers has changed. */
"use strict";

const API = "/_mock";
// once a second; a tab can ask for another pace (100 ms to 10 s), as the browser tests do:
// sessionStorage.setItem("mockserver-poll-ms", "250")
const POLL_MS = Math.min(10000, Math.max(100,
  Number(window.sessionStorage.getItem("mockserver-poll-ms")) || 1000));
const $ = (sel, root) => (root || document).querySelector(sel);
const byId = (testid) => $(`[data-testid="${testid}"]`);

/* -- helpers ------------------------------------------------------------------------- */

/** An element with attributes (class, data-*, properties) and children (text or nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key.startsWith("data") || key === "title") node.setAttribute(
      key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()), value);
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A control-API call: the answer's JSON, or an Error carrying the API's message. */
async function api(path, method, body) {
  const init = { method: method || "GET", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const reply = await fetch(API + path, init);
  const text = await reply.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
  if (!reply.ok) {
    const err = new Error(describeError(data) || `${reply.status} ${reply.statusText}`);
    err.status = reply.status;
    throw err;
  }
  return data;
}

function describeError(data) {
  if (!data || typeof data !== "object") return data ? String(data) : "";
  const e = data.error;
  if (typeof e === "string") return e;
  return e ? JSON.stringify(e) : JSON.stringify(data);
}

function showError(message) {
  const box = byId("error");
  box.textContent = message || "";
  box.hidden = !message;
}

/** JSON pretty-printed; a string that is JSON is parsed first. */
function pretty(value) {
  if (typeof value === "string") {
    try { return JSON.stringify(JSON.parse(value), null, 2); } catch (e) { return value; }
  }
  return value === undefined ? "" : JSON.stringify(value, null, 2);
}

/** A short cell text for any value. */
function cell(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    const text = JSON.stringify(value);
    return text.length > 80 ? text.slice(0, 77) + "…" : text;
  }
  return String(value);
}

const query = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v != null) q.set(k, v);
  const s = q.toString();
  return s ? "?" + s : "";
};

/** True when `data` differs from what `view[key]` last held (then it is remembered):
 *  a view redraws only what changed since the last poll. */
function changed(view, key, data) {
  const text = JSON.stringify(data);
  if (text === view[key]) return false;
  view[key] = text;
  return true;
}

/** Replace a table body's rows; an empty list shows `empty` as one muted row. */
function fillTable(testid, rows, empty) {
  const table = byId(testid);
  const body = table.tBodies[0];
  const width = table.tHead.rows[0].cells.length;
  body.replaceChildren(...(rows.length ? rows
    : [el("tr", { class: "empty" }, el("td", { colSpan: width }, empty || "nothing yet"))]));
}

function selectRow(row) {
  for (const other of row.parentNode.querySelectorAll("tr.selected")) other.classList.remove("selected");
  row.classList.add("selected");
}

function fillOptions(select, values) {
  const keep = select.value;
  select.replaceChildren(el("option", { value: "" }, "any"),
    ...values.map((v) => el("option", { value: v }, v)));
  select.value = keep;
}

/* -- the mock clock in the header ---------------------------------------------------- */

let lastClock = null;
function showClock(clock) {
  lastClock = clock;
  const mode = clock.frozen ? "frozen" : "running";
  for (const [now, badge] of [["header-clock", "header-clock-mode"], ["clock-now", "clock-mode"]]) {
    byId(now).textContent = clock.now;
    byId(badge).textContent = mode;
    byId(badge).className = "badge " + mode;
  }
}

/* -- views: each has refresh() (polled) and optionally open(args) (on navigation) ----- */

const views = {};
let providers = [];  // slugs, for the filter selects

views.providers = {
  async refresh() {
    const front = await api("");
    providers = front.providers.map((p) => p.slug);
    fillTable("providers-table", front.providers.map((p) => el("tr", { dataProvider: p.slug },
      el("td", {}, `${p.name} (${p.slug})`), el("td", {}, p.mount),
      el("td", {}, p.hostnames.join(", ")),
      el("td", { class: p.coverage.served === p.coverage.documented ? "good" : "bad" },
        `${p.coverage.served} / ${p.coverage.documented} endpoints`),
      el("td", {}, p.simulations.join("\n") || "—"))));
  },
};

/* Tenants: the list, then one tenant's collections as tables. */
const FIRST = {  // the collections a reader looks for first, per provider
  avoxi: ["numbers", "extensions", "orders"],
  avanser: ["services", "requests", "templates", "reports"],
  dial9: ["numbers", "destinations"],
  evovoice: ["endpoints", "numbers"],
  avaya: ["numbers", "sms", "mms", "calls", "recordings", "transcriptions", "conferences",
    "participants", "sip_domains", "credential_lists", "credentials",
    "ip_access_control_lists", "ip_addresses", "applications", "notifications"],
};
const PREFERRED = ["sid", "id", "reference", "number", "phone_number", "e164",
  "friendly_name", "name", "display_name", "service_number", "status", "state", "from", "to",
  "direction", "type", "duration", "price", "country", "date_created", "created", "created_at"];

/** A collection as rows: [{key, group, record}], AVANSER's per-account maps flattened. */
function recordsOf(value) {
  const isObj = (v) => v && typeof v === "object" && !Array.isArray(v);
  if (Array.isArray(value)) return value.map((record, i) => ({ key: String(i), record }));
  if (!isObj(value)) return [];
  const rows = [];
  for (const [key, record] of Object.entries(value)) {
    const inner = isObj(record) ? Object.values(record) : [];
    if (inner.length && inner.every(isObj) && !("sid" in record) && !("id" in record)) {
      for (const [k2, r2] of Object.entries(record)) rows.push({ group: key, key: k2, record: r2 });
    } else rows.push({ key, record });
  }
  return rows;
}

function columnsOf(rows) {
  const seen = new Set();
  for (const { record } of rows) if (record && typeof record === "object")
    for (const k of Object.keys(record)) if (!k.startsWith("_")) seen.add(k);
  const cols = PREFERRED.filter((k) => seen.has(k));
  for (const k of seen) if (cols.length < 6 && !cols.includes(k)) cols.push(k);
  return cols.slice(0, 7);
}

function resourceTable(name, value, showJson) {
  const rows = recordsOf(value);
  const grouped = rows.some((r) => r.group !== undefined);
  const cols = columnsOf(rows);
  // the key column only when the records do not already show it (a sid or an id)
  const keyed = !rows.every((r) => r.record && typeof r.record === "object" && cols.length &&
    String(r.record[cols[0]]) === r.key);
  const head = el("tr", {}, grouped ? el("th", {}, "account") : null, keyed ? el("th", {}, "key") : null,
    cols.map((c) => el("th", {}, c)));
  const body = rows.map((r) => el("tr", { class: "clickable", dataResource: name, dataKey: r.key,
    onclick: (ev) => { selectRow(ev.currentTarget); showJson(r.record); } },
  grouped ? el("td", {}, r.group) : null, keyed ? el("td", {}, r.key) : null,
  cols.map((c) => el("td", {}, cell(r.record && typeof r.record === "object" ? r.record[c] : r.record)))));
  return el("div", {}, el("h3", {}, `${name} (${rows.length})`),
    el("div", { class: "scroll" }, el("table", { dataTestid: `resource-${name}` },
      el("thead", {}, head), el("tbody", {}, body))));
}

views.tenants = {
  current: null, last: "", lastDetail: "",
  open(args) {
    this.current = args.length >= 2 ? { provider: args[0], tenant: args.slice(1).join("/") } : null;
    this.lastDetail = "";
    byId("tenant-detail").hidden = !this.current;
  },
  async refresh() {
    const form = byId("tenants-filters");
    fillOptions(form.provider, providers);
    const list = await api("/tenants" + query({ provider: form.provider.value }));
    const part = form.tenant.value.trim().toLowerCase();
    const shown = part ? list.tenants.filter((t) => t.tenant.toLowerCase().includes(part)) : list.tenants;
    if (changed(this, "last", shown)) {
      byId("tenants-note").textContent = part || form.provider.value
        ? `${shown.length} of ${list.tenants.length} tenants` : `${shown.length} tenants`;
      fillTable("tenants-table", shown.map((t) => {
        const counts = Object.entries(t.resources).filter(([, n]) => n > 0)
          .map(([k, n]) => `${k} ${n}`).join(", ");
        const row = el("tr", { class: "clickable", dataTestid: "tenant-row",
          dataProvider: t.provider, dataTenant: t.tenant,
          onclick: () => { location.hash = `#tenants/${t.provider}/${t.tenant}`; } },
        el("td", {}, t.provider), el("td", {}, t.tenant), el("td", {}, counts || "—"));
        if (this.current && this.current.provider === t.provider && this.current.tenant === t.tenant)
          row.classList.add("selected");
        return row;
      }), part || form.provider.value ? "no tenant matches"
        : "no tenant yet: a tenant appears with its first authenticated request");
    }
    if (this.current) await this.detail();
  },
  async detail() {
    const { provider, tenant } = this.current;
    let data;
    try {
      data = await api(`/tenants/${encodeURIComponent(provider)}/${encodeURIComponent(tenant)}`);
    } catch (err) {
      if (err.status !== 404) throw err;
      data = null;
    }
    if (!changed(this, "lastDetail", data)) return;
    byId("tenant-title").textContent = `${provider} / ${tenant}`;
    const jsonBox = byId("tenant-json");
    const showJson = (record) => { jsonBox.hidden = false; jsonBox.textContent = pretty(record); };
    if (!data) {
      byId("tenant-note").textContent = "not seeded: its state starts from the seed on its next request";
      byId("tenant-resources").replaceChildren();
      jsonBox.hidden = true;
      return;
    }
    const state = data.state;
    const names = Object.keys(state).filter((k) => state[k] && typeof state[k] === "object");
    const first = (FIRST[provider] || []).filter((n) => names.includes(n));
    const ordered = first.concat(names.filter((n) => !first.includes(n)));
    const full = ordered.filter((n) => recordsOf(state[n]).length);
    const empty = ordered.filter((n) => !recordsOf(state[n]).length);
    const scalars = Object.keys(state).filter((k) => !names.includes(k))
      .map((k) => `${k}: ${cell(state[k])}`);
    byId("tenant-note").textContent = [scalars.join(" · "),
      empty.length ? `empty: ${empty.join(", ")}` : ""].filter(Boolean).join("\n");
    byId("tenant-resources").replaceChildren(...full.map((n) => resourceTable(n, state[n], showJson)));
  },
};

byId("tenants-filters").addEventListener("input", () => { views.tenants.last = ""; tick(); });
byId("tenants-filters").addEventListener("submit", (ev) => ev.preventDefault());
byId("tenant-reset").addEventListener("click", async () => {
  const t = views.tenants.current;
  if (!t) return;
  const done = await api("/reset", "POST", { provider: t.provider, tenant: t.tenant });
  byId("tenant-note").textContent = `reset: ${done.tenants_dropped} tenant dropped, ` +
    `${done.events_cancelled} scheduled events cancelled`;
  views.tenants.lastDetail = "-";
  await tick();
});

/* Journal: newest first, filtered; unmatched requests highlighted; both bodies on click. */
views.journal = {
  selected: null, last: "", entries: new Map(),
  async refresh() {
    const form = byId("journal-filters");
    fillOptions(form.provider, providers);
    const f = Object.fromEntries(new FormData(form));
    const path = f.unmatched ? "/requests/unmatched" : "/requests";
    delete f.unmatched;
    const data = await api(path + query({ ...f, limit: 200 }));
    if (!changed(this, "last", data)) return;
    this.entries = new Map(data.requests.map((r) => [r.id, r]));
    fillTable("journal-table", data.requests.slice().reverse().map((r) => {
      const status = r.response ? r.response.status : null;
      const classes = ["clickable", r.route ? "" : "unmatched",
        status === null || status >= 400 ? "failed" : "", r.id === this.selected ? "selected" : ""];
      return el("tr", { class: classes.join(" "), dataTestid: "journal-row", dataId: r.id,
        dataStatus: status, title: r.route ? r.route : "unmatched: no documented route",
        onclick: (ev) => { selectRow(ev.currentTarget); this.show(r.id); } },
      el("td", {}, r.id), el("td", { title: r.time, class: "at" }, r.time.slice(11, 23)), el("td", {}, r.provider || "—"),
      el("td", {}, r.tenant || ""), el("td", {}, r.method),
      el("td", {}, r.path + (r.query ? "?" + r.query : "")),
      el("td", { class: "status" }, status === null ? "dropped" : status),
      el("td", {}, r.duration_ms === undefined ? "" : Math.round(r.duration_ms)));
    }), "no request matches");
  },
  show(id) {
    this.selected = id;
    const r = this.entries.get(id);
    if (!r) return;
    byId("journal-detail").hidden = false;
    byId("journal-detail-title").textContent = `#${r.id} ${r.method} ${r.path}`;
    byId("journal-detail-note").textContent = [r.route ? `route ${r.route}` : "unmatched: no documented route",
      r.fault ? `fault ${r.fault}` : "", r.tenant ? `tenant ${r.tenant}` : ""].filter(Boolean).join(" · ");
    const req = r.request || {};
    byId("journal-detail-request").textContent =
      `${r.method} ${r.routed_path}${r.query ? "?" + r.query : ""}\n` +
      Object.entries(req.headers || {}).map(([k, v]) => `${k}: ${v}`).join("\n") +
      "\n\n" + (req.body == null ? "(no body)" : pretty(req.body));
    const res = r.response || {};
    byId("journal-detail-response").textContent = r.response
      ? `${res.status} ${res.content_type || ""}\n\n` + (res.body == null ? "(no body)" : pretty(res.body))
      : "(no answer: the connection was dropped)";
  },
};
byId("journal-filters").addEventListener("input", () => { views.journal.last = ""; tick(); });
byId("journal-filters").addEventListener("submit", (ev) => ev.preventDefault());

/* Webhooks: every delivery attempt, and the inboxes. */
views.webhooks = {
  last: "", lastInboxes: "",
  async refresh() {
    const [data, boxes] = await Promise.all([api("/webhooks"), api("/inboxes")]);
    if (changed(this, "last", data)) {
      fillTable("webhooks-table", data.webhooks.slice().reverse().map((a) => el("tr", {
        class: "clickable" + (a.ok ? "" : " failed"), dataTestid: "webhook-row",
        onclick: (ev) => { selectRow(ev.currentTarget); this.show(a); } },
      el("td", { title: a.time, class: "at" }, a.time.slice(11, 23)), el("td", {}, a.provider), el("td", {}, a.tenant), el("td", {}, a.kind),
      el("td", {}, a.method), el("td", {}, a.url),
      el("td", {}, `${a.attempt}${a.final ? "" : " (will retry)"}`),
      el("td", { class: "status " + (a.ok ? "good" : "bad") }, a.status === null ? a.error || "no answer" : a.status))),
      "no webhook sent yet");
    }
    if (changed(this, "lastInboxes", boxes)) {
      fillTable("inboxes-table", boxes.inboxes.map((b) => el("tr", { class: "clickable",
        dataTestid: "inbox-row", onclick: async (ev) => {
          selectRow(ev.currentTarget);
          const box = byId("inbox-messages");
          box.hidden = false;
          box.textContent = pretty(await api(`/inbox/${encodeURIComponent(b.name)}/messages`));
        } }, el("td", {}, b.name), el("td", {}, b.messages), el("td", {}, b.last || ""))),
      "no inbox used yet (any request to /_mock/inbox/<name> is kept there)");
    }
  },
  show(a) {
    byId("webhook-detail").hidden = false;
    byId("webhook-detail-title").textContent = `${a.kind}: ${a.method} ${a.url} (attempt ${a.attempt})`;
    byId("webhook-detail-sent").textContent = Object.entries(a.headers || {})
      .map(([k, v]) => `${k}: ${v}`).join("\n") + "\n\n" + (a.body == null ? pretty(a.params) : pretty(a.body));
    byId("webhook-detail-answer").textContent = a.status === null
      ? `no answer: ${a.error || ""}` : `${a.status} ${a.content_type || ""} in ${a.duration_ms} ms\n\n${pretty(a.response)}`;
  },
};

/* Calls: an Avaya account's calls, and one call's timeline. */
function timelineDetail(entry) {
  const parts = [];
  for (const [k, v] of Object.entries(entry)) {
    if (k === "at" || k === "kind") continue;
    if (Array.isArray(v) && v.every((x) => typeof x !== "object")) parts.push(`${k}: ${v.join(" → ")}`);
    else if (v && typeof v === "object") parts.push(`${k}: ${JSON.stringify(v)}`);
    else if (v !== null && v !== undefined && v !== "") parts.push(`${k}: ${v}`);
  }
  return parts.join("  ·  ");
}

views.calls = {
  account: "", sid: "", last: "", lastTimeline: "",
  open(args) {
    if (args[0]) byId("calls-account").value = args[0];
    this.sid = args[1] || "";
    this.last = this.lastTimeline = "";
    byId("call-detail").hidden = !this.sid;
  },
  async refresh() {
    const tenants = await api("/tenants?provider=avaya");
    const list = byId("calls-account").list;
    const known = tenants.tenants.map((t) => t.tenant);
    if (list.options.length !== known.length) list.replaceChildren(...known.map((t) => el("option", { value: t })));
    const input = byId("calls-account");
    if (!input.value && known.length === 1) input.value = known[0];
    const account = input.value.trim();
    const accounts = byId("calls-accounts");
    accounts.hidden = Boolean(account);
    byId("calls-table").hidden = !account;
    if (!account) {
      const calling = tenants.tenants.filter((t) => t.resources.calls);
      byId("calls-note").textContent = calling.length
        ? "choose an Avaya account (AccountSid) to see its calls"
        : "no Avaya account has placed or received a call yet";
      fillTable("calls-accounts", calling.map((t) => el("tr", { class: "clickable",
        dataTestid: "calls-account-row", dataAccount: t.tenant,
        onclick: () => { location.hash = `#calls/${t.tenant}`; } },
      el("td", {}, t.tenant), el("td", {}, t.resources.calls))), "no calls yet");
      return;
    }
    let data;
    try { data = await api("/avaya/calls" + query({ account_sid: account })); } catch (err) {
      byId("calls-note").textContent = err.message;
      fillTable("calls-table", [], "no calls");
      this.last = "";
      return;
    }
    byId("calls-note").textContent = `${data.calls.length} calls of ${data.account_sid}, newest first`;
    if (changed(this, "last", data)) {
      fillTable("calls-table", data.calls.map((c) => el("tr", {
        class: "clickable" + (c.sid === this.sid ? " selected" : ""), dataTestid: "call-row", dataSid: c.sid,
        onclick: () => { location.hash = `#calls/${account}/${c.sid}`; } },
      el("td", {}, c.sid), el("td", {}, c.from), el("td", {}, c.to), el("td", {}, c.direction),
      el("td", {}, c.status), el("td", {}, c.date_created), el("td", {}, c.duration), el("td", {}, c.events))),
      "no calls yet");
    }
    if (this.sid) await this.timeline(account);
  },
  async timeline(account) {
    const data = await api(`/avaya/calls/${encodeURIComponent(this.sid)}` + query({ account_sid: account }));
    if (!changed(this, "lastTimeline", data)) return;
    const c = data.call || {};
    byId("call-detail").hidden = false;
    byId("call-title").textContent = `${c.sid || this.sid}: ${c.from || ""} → ${c.to || ""}, ${c.status || ""}`;
    byId("call-dropped").textContent = data.dropped ? `${data.dropped} earlier events dropped` : "";
    const box = byId("timeline-json");
    fillTable("timeline-table", data.timeline.map((e) => el("tr", { class: "clickable" +
      (e.kind === "notification" || (e.kind === "document" && e.error) ? " failed" : ""),
    dataTestid: "timeline-row", dataKind: e.kind,
    onclick: (ev) => { selectRow(ev.currentTarget); box.hidden = false; box.textContent = pretty(e); } },
    el("td", { title: e.at, class: "at" }, String(e.at).slice(11, 23)), el("td", {}, el("span", { class: `kind kind-${e.kind}` },
      e.kind === "element" && e.verb ? e.verb : e.kind)), el("td", {}, timelineDetail(e)))),
    "nothing happened yet");
  },
};
byId("calls-form").addEventListener("submit", (ev) => ev.preventDefault());
byId("calls-account").addEventListener("change", () => {
  location.hash = `#calls/${byId("calls-account").value.trim()}`;
});

/* Clock: freeze, advance, run free; what falls due next. */
views.clock = {
  last: "",
  async refresh() {
    const data = await api("/scheduled?limit=50");
    if (!changed(this, "last", data)) return;
    const now = Date.parse(data.now);
    byId("scheduled-total").textContent = `(${data.total} pending)`;
    fillTable("scheduled-table", data.events.map((e) => el("tr", { dataTestid: "scheduled-row" },
      el("td", {}, e.due), el("td", {}, span((Date.parse(e.due) - now) / 1000)),
      el("td", {}, e.provider), el("td", {}, e.tenant), el("td", {}, e.kind), el("td", {}, cell(e.payload)))),
    "nothing scheduled");
  },
};

/** Seconds as a short span: "45 s", "12 min", "3 h", "30 d". */
function span(seconds) {
  const units = [[86400, "d"], [3600, "h"], [60, "min"], [1, "s"]];
  const [size, name] = units.find(([u]) => Math.abs(seconds) >= u) || [1, "s"];
  return `${Math.round(seconds / size)} ${name}`;
}

async function setClock(body) {
  const done = await api("/clock", "POST", body);
  showClock(done);
  byId("clock-result").textContent = `now ${done.now}; ${done.events_run} scheduled events ran`;
  views.clock.last = "";
  await tick();
}
byId("clock-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const f = ev.currentTarget;
  const seconds = Number(f.amount.value) * Number(f.unit.value);
  guard(setClock({ advance: seconds }));
});
byId("clock-freeze").addEventListener("click", () => guard(setClock({ freeze: lastClock ? lastClock.now : new Date().toISOString() })));
byId("clock-run-free").addEventListener("click", () => guard(setClock({ freeze: null })));

/* Faults: list, add, remove. */
views.faults = {
  last: "",
  async refresh() {
    fillOptions(byId("fault-provider"), providers);
    const data = await api("/faults");
    if (!changed(this, "last", data)) return;
    const pick = (r, keys) => keys.filter((k) => r[k] !== undefined && r[k] !== null)
      .map((k) => `${k} ${typeof r[k] === "object" ? JSON.stringify(r[k]) : r[k]}`).join(", ");
    fillTable("faults-table", data.faults.map((r) => el("tr", { dataTestid: "fault-row", dataId: r.id },
      el("td", {}, r.id), el("td", {}, pick(r, ["provider", "method", "path", "tenant"]) || "every request"),
      el("td", {}, pick(r, ["status", "code", "message", "fault", "latency_ms", "headers"])),
      el("td", {}, pick(r, ["after", "times", "probability"])),
      el("td", {}, r.matched), el("td", {}, r.fired),
      el("td", {}, el("button", { type: "button", class: "danger", dataTestid: "fault-delete",
        onclick: () => guard(api(`/faults/${encodeURIComponent(r.id)}`, "DELETE").then(tick)) }, "Remove")))),
    "no fault rules");
  },
};
byId("fault-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const rule = {};
  for (const [k, v] of new FormData(ev.currentTarget)) {
    if (v === "") continue;
    rule[k] = ["status", "latency_ms", "times", "after"].includes(k) ? Number(v) : v;
  }
  if (rule.fault) delete rule.status;
  guard(api("/faults", "POST", rule).then((added) => {
    byId("fault-result").textContent = `added rule ${added.id}`;
    return tick();
  }));
});
byId("fault-clear").addEventListener("click", () => guard(api("/faults", "DELETE").then(tick)));

/* -- navigation and polling ---------------------------------------------------------- */

let current = "providers";
let busy = false;
let again = false;

/** Errors from a user's action go to the banner instead of being lost. */
function guard(promise) {
  return promise.catch((err) => showError(err.message));
}

/** One poll: the clock, then the view shown. */
async function tick() {
  if (busy) { again = true; return; }
  busy = true;
  try {
    showClock(await api("/clock"));
    if (!providers.length && current !== "providers") await views.providers.refresh();
    await views[current].refresh();
    showError("");
  } catch (err) {
    showError(`${err.message} (the dashboard retries every second)`);
  } finally {
    busy = false;
    if (again) { again = false; tick(); }
  }
}

function route() {
  const [name, ...args] = location.hash.replace(/^#/, "").split("/").map(decodeURIComponent);
  current = views[name] ? name : "providers";
  for (const section of document.querySelectorAll("main > section")) section.hidden = section.id !== current;
  for (const link of document.querySelectorAll("nav a"))
    link.classList.toggle("active", link.getAttribute("href") === "#" + current);
  if (views[current].open) views[current].open(args);
  views[current].last = "";
  tick();
}

window.addEventListener("hashchange", route);
route();
setInterval(tick, POLL_MS);
