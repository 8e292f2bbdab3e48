// Comeback worksheets: keeps a learner's answers in this browser only, restores them, saves a copy
// of them as a file and loads one back, clears and prints them. A classic script with no imports (a
// module is blocked when the site is opened from a folder), loaded once per site after answers.js,
// which says what stored answers are and what shape each type of answer has, and store.js, which
// says where answers live (localStorage, or sessionStorage on a shared computer).
// Storage: key "comeback:<site>:ws:<worksheet>", value as answers.js's flaw() describes it.
// Answers that no longer fit the worksheet (a field renamed or removed) move to `archived`: never dropped.

(() => {
if (window.comeback?.worksheets) return;
const store = window.comeback.store;
const { isObj, own, fits, flaw, misfit, make, download, readCopy, emit, on, ready, t, language } = window.comeback.answers;

const SAVE_DELAY = 300;
const MAX_ROWS = 200;
const states = new Map(); // form element -> state; a Map so forms removed by instant navigation can be flushed

// Written data has no prototype: an id from YAML such as "__proto__" is written as a plain key
// (answers.js's `own` reads only what is really there).
const dict = () => Object.create(null); // no prototype: any key, "__proto__" included, is just a key
const isStr = (v) => typeof v == "string";
const arr = (v) => (Array.isArray(v) ? v : []);
const obj = (v) => (isObj(v) ? v : dict());
const str = (v) => (isStr(v) ? v : "");
const controls = (el, sel = "input,textarea,select") => [...el.querySelectorAll(sel)];
const rows = (el) => [...el.querySelector(".ws-rows").children];
const stamp = (data) => Date.parse(data.saved) || 0;
const empty = (v) => v == null || v === "" || (typeof v == "object" && Object.values(v).every(empty));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// Whether everything said in `a` is still there in `b` (what the form shows after writing `a`).
const covers = (a, b) =>
  empty(a) ||
  (typeof a != "object"
    ? a === b
    : !!b && typeof b == "object" &&
      (Array.isArray(a) && a.every((x) => typeof x != "object")
        ? a.every((x) => b.includes(x))
        : Object.keys(a).every((k) => covers(a[k], b[k]))));

const checked = (el) => el.querySelector("input:checked");
const pick = (el, v) => controls(el).forEach((c) => (c.checked = v != null && c.value === String(v)));

// read(el) -> answer; write(el, answer) shows it (undefined clears). answers.js checks the shapes.
const TEXT = { read: (el) => el.querySelector("input,textarea").value, write: (el, v) => (el.querySelector("input,textarea").value = str(v)) };
const TYPES = {
  text: TEXT,
  "long-text": TEXT,
  date: TEXT,
  list: {
    read: (el) => rows(el).map((li) => li.firstElementChild.value),
    write: (el, v) => fill(el, arr(v), (li, line) => (li.firstElementChild.value = str(line))),
  },
  // A cell is text or a date, or a tick box (a column of `type: check`) whose answer is true or false.
  table: {
    read: (el) => rows(el).map((tr) => Object.fromEntries(controls(tr).map((c) => [c.dataset.key, c.type == "checkbox" ? c.checked : c.value]))),
    write: (el, v) =>
      fill(el, arr(v), (tr, row) =>
        controls(tr).forEach((c) => (c.type == "checkbox" ? (c.checked = own(row, c.dataset.key) === true) : (c.value = str(own(row, c.dataset.key))))),
      ),
  },
  scale: {
    read: (el) => (checked(el) ? +checked(el).value : null),
    write: (el, v) => (pick(el, v), lowNote(el)),
  },
  choice: {
    read: (el) => checked(el)?.value ?? null,
    write: pick,
  },
  checklist: {
    read: (el) => controls(el).filter((c) => c.checked).map((c) => c.value),
    write: (el, v) => controls(el).forEach((c) => (c.checked = arr(v).includes(c.value))),
  },
  // Rows the worksheet names: {item: [days]}. Rows the learner names (data-rows): [{name, days}],
  // as many as the worksheet has (more, from an older version, do not fit and are archived).
  tracker: {
    read: (el) => {
      if (el.dataset.rows) return rows(el).map((tr) => ({ name: tr.querySelector("[data-name]").value, days: ticked(tr) }));
      const days = dict();
      for (const c of controls(el)) (days[c.dataset.key] ??= []).push(...(c.checked ? [+c.value] : []));
      return days;
    },
    write: (el, v) => {
      if (!el.dataset.rows) return controls(el).forEach((c) => (c.checked = arr(own(v, c.dataset.key)).includes(+c.value)));
      rows(el).forEach((tr, i) => {
        const row = arr(v)[i];
        tr.querySelector("[data-name]").value = str(own(row, "name"));
        for (const c of controls(tr, "input[type=checkbox]")) c.checked = arr(own(row, "days")).includes(+c.value);
      });
    },
  },
  // The options' rows; with weights the learner sets (a .ws-weights group), {weights, rows}.
  matrix: {
    read: (el) => {
      const options = rows(el).map((tr) => ({
        name: tr.querySelector("[data-name]").value,
        scores: Object.fromEntries(controls(tr, "select").map((s) => [s.dataset.key, s.value ? +s.value : null])),
      }));
      const weights = controls(el, "[data-weight-of]");
      return weights.length ? { weights: Object.fromEntries(weights.map((w) => [w.dataset.weightOf, +w.value])), rows: options } : options;
    },
    write: (el, v) => {
      for (const w of controls(el, "[data-weight-of]")) {
        const chosen = own(own(v, "weights"), w.dataset.weightOf);
        w.value = Number.isInteger(chosen) ? chosen : [...w.options].find((o) => o.defaultSelected).value;
      }
      fill(el, arr(Array.isArray(v) ? v : own(v, "rows")), (tr, row) => {
        tr.querySelector("[data-name]").value = str(own(row, "name"));
        for (const s of controls(tr, "select")) s.value = own(own(row, "scores"), s.dataset.key) ?? "";
      });
      weigh(el);
    },
  },
};

// Rows: as many as the answer has (at least the worksheet's own number), each filled by `put`.
function fill(el, values, put) {
  const want = Math.min(Math.max(values.length, +el.dataset.rows || 1), MAX_ROWS);
  while (rows(el).length > want) rows(el).at(-1).remove();
  while (rows(el).length < want) addRow(el);
  rows(el).forEach((row, i) => put(row, values[i]));
}

function addRow(el) {
  const list = el.querySelector(".ws-rows");
  if (list.children.length >= MAX_ROWS) return null;
  const row = list.lastElementChild.cloneNode(true);
  for (const c of controls(row)) c.value = "";
  const n = list.children.length + 1;
  const r = `${el.id}--r${n}`;
  if (row.tagName == "LI") {
    row.firstElementChild.id = r;
    row.firstElementChild.setAttribute("aria-label", t("worksheet.line", { number: n }));
  } else {
    const th = row.firstElementChild;
    th.id = r;
    th.lastChild.data = n;
    for (const c of controls(row)) {
      const key = c.dataset.key ?? "-name";
      c.id = `${r}-${key}`;
      c.setAttribute("aria-labelledby", `${r} ${el.id}--c-${key}`);
    }
    const out = row.querySelector("output");
    if (out) (out.id = `${r}--total`), (out.textContent = "");
  }
  list.append(row);
  return row;
}

// A scale of how someone feels (data-low): a score below it shows the note that points to the help.
function lowNote(el) {
  const note = el.querySelector(".ws-low > span");
  if (note) note.hidden = !(checked(el) && +checked(el).value < +el.dataset.low);
}

const ticked = (tr) => controls(tr, "input[type=checkbox]").filter((c) => c.checked).map((c) => +c.value);

// A criterion's weight: the learner's choice where the matrix lets them choose, else the worksheet's.
const weightOf = (el, key) => +(el.querySelector(`[data-weight-of="${CSS.escape(key)}"]`)?.value ?? el.querySelector(`[data-key="${CSS.escape(key)}"]`).dataset.weight);

function total(tr, el = tr.closest("[data-field]")) {
  const scores = controls(tr, "select").filter((s) => s.value);
  const sum = scores.reduce((t, s) => t + s.value * weightOf(el, s.dataset.key), 0);
  const out = tr.querySelector("output");
  const shown = scores.length ? String(sum) : "";
  if (out.textContent !== shown) out.textContent = shown; // unchanged totals stay quiet
}

// Every total, the weights shown in the headings and the highest total possible, after a change.
function weigh(el) {
  rows(el).forEach((tr) => total(tr, el));
  let best = 0;
  const counted = new Set(); // a weight is shown in its heading and, for a phone, beside each score
  for (const shown of el.querySelectorAll("[data-weight-shown]")) {
    const weight = weightOf(el, shown.dataset.weightShown);
    if (shown.textContent !== String(weight)) shown.textContent = weight;
    if (!counted.has(shown.dataset.weightShown)) best += weight;
    counted.add(shown.dataset.weightShown);
  }
  const max = el.querySelector("[data-score-max]");
  if (max) max.textContent = best * max.dataset.scoreMax;
}

// --- State of one form on the page ---------------------------------------------------------

function setup(form) {
  performance.mark("comeback:init");
  const fields = new Map(controls(form, "[data-field]").map((el) => [el.dataset.field, el]));
  const st = {
    form,
    id: form.dataset.worksheet,
    version: +form.dataset.version,
    key: `comeback:${form.dataset.site}:ws:${form.dataset.worksheet}`,
    fields,
    // The worksheet as answers.js reads one, from the form (what this page can show).
    sheet: { version: +form.dataset.version, sections: [{ fields: [...fields].map(([id, el]) => ({ id, type: el.dataset.type })) }] },
    archived: dict(),
    dirty: new Set(), // fields changed since the last save
    editing: null, // the field the learner is typing in: newer data from elsewhere never replaces it
    synced: 0, // `saved` time of the stored data this page last saw or wrote
    timer: 0,
  };
  states.set(form, st);
  let stored;
  try {
    stored = read(st, store.area().getItem(st.key));
  } catch (error) {
    fail(st, error);
  }
  if (stored) {
    st.synced = stamp(stored);
    const before = JSON.stringify(st.archived);
    apply(st, stored);
    if (stored.version > st.version) goStale(st);
    else if (stored.version < st.version || JSON.stringify(st.archived) !== before) save(st);
  } else {
    // Nothing stored: the form shows nothing either. A browser may have put back what the form
    // showed before (Back, or a reload in Firefox), answers that may since have been erased.
    apply(st, { answers: {} });
  }
  sharedUi(st);
  form.dataset.wsReady = "";
  performance.mark("comeback:restored");
  emit("restored", undefined, form);
}

// A page of an older version of the worksheet than the stored answers' (a page from the browser's
// cache, a tab left open over a new release) must not write: saving would file the newer answers
// under "earlier version" and show their fields empty. It shows what fits, read-only, and asks for
// a reload; Save a copy still works, so nothing typed here is lost either.
function goStale(st) {
  if (st.stale) return;
  st.stale = true;
  clearTimeout(st.timer);
  st.timer = 0;
  delete st.form.dataset.wsUnsaved;
  for (const el of st.form.querySelectorAll(".ws-section, [data-ws-action=clear], input[type=file]")) el.disabled = true;
  st.form.querySelector(".ws-stale").hidden = false;
  st.form.dataset.wsStale = "";
}

// Parses stored data; a corrupt value is set aside under its own key (never destroyed) and reported,
// once: later reads of the same value find it already set aside.
function read(st, raw) {
  if (raw == null || raw === st.setAside) return null;
  try {
    const data = JSON.parse(raw);
    if (!flaw(data, st.id)) return data;
  } catch {}
  const aside = `${st.key}:corrupt:${Date.now()}`;
  try {
    store.area().setItem(aside, raw);
    st.setAside = raw;
  } catch (error) {
    st.stuck = true; // could not copy it: never write over it either
    fail(st, error);
  }
  say(st, st.stuck ? t("worksheet.unreadable_kept") : t("worksheet.unreadable_aside", { key: aside }));
  return null;
}

// Shows `data` in the form. With `only(id)`, `data` is newer data from elsewhere: it changes only the
// fields `only` allows, and its archive replaces ours (every writer merges first, so it holds ours,
// unless the learner cleared the worksheet in another tab).
function apply(st, data, only) {
  if (only) st.archived = dict();
  for (const [k, a] of Object.entries(obj(data.archived))) keep(st, k.replace(/ \(\d+\)$/, ""), isObj(a) && Object.hasOwn(a, "value") ? a : { version: data.version, value: a });
  const answers = obj(data.answers);
  for (const [id, v] of Object.entries(answers)) if (!st.fields.has(id)) keep(st, id, { version: data.version, value: v });
  for (const [id, el] of st.fields) {
    if (only && !only(id)) continue;
    const type = TYPES[el.dataset.type];
    const v = own(answers, id);
    const fit = v === undefined || fits(el.dataset.type, v);
    type.write(el, fit ? v : undefined);
    // A matrix whose weights became the learner's keeps an earlier answer (its rows) as its rows.
    const shown = type.read(el);
    if (!fit || !covers(v, Array.isArray(v) && isObj(shown) ? shown.rows : shown)) keep(st, id, { version: data.version, value: v });
  }
  showArchived(st);
}

function keep(st, id, entry) {
  if (empty(entry.value)) return;
  let key = id;
  for (let n = 2; st.archived[key]; n++) {
    if (same(st.archived[key].value, entry.value)) return;
    key = `${id} (${n})`;
  }
  st.archived[key] = entry;
}

function showArchived(st) {
  const box = st.form.querySelector(".ws-archived");
  const entries = Object.entries(st.archived);
  box.hidden = !entries.length;
  box.querySelector("dl").replaceChildren(
    ...entries.flatMap(([key, a]) => [
      make("dt", { textContent: a.version ? t("worksheet.archived_version", { key, version: a.version }) : key }),
      make("dd", { textContent: isStr(a.value) ? a.value : JSON.stringify(a.value) }),
    ]),
  );
}

function collect(st) {
  return Object.fromEntries([...st.fields].map(([id, el]) => [id, TYPES[el.dataset.type].read(el)]));
}

const snapshot = (st) => ({ worksheet: st.id, version: st.version, saved: new Date().toISOString(), answers: collect(st), archived: st.archived });

// Writes the answers; whether they were written. Newer data from another tab is merged first: it wins
// for every field this page has not touched since its last save, so an older copy in memory never
// overwrites it.
function save(st, replace = false) {
  clearTimeout(st.timer);
  st.timer = 0;
  delete st.form.dataset.wsUnsaved;
  if (st.stuck || st.stale) return false;
  try {
    const stored = read(st, store.area().getItem(st.key));
    if (st.stuck) return false;
    if (stored && stored.version > st.version) {
      apply(st, stored, untouched(st));
      goStale(st);
      return false;
    }
    if (stored && !replace && stamp(stored) > st.synced) apply(st, stored, untouched(st));
    const data = snapshot(st);
    const now = Math.max(Date.now(), stored ? stamp(stored) + 1 : 0);
    data.saved = new Date(now).toISOString();
    store.area().setItem(st.key, JSON.stringify(data));
    st.synced = now;
    if (st.dirty.size) store.note("last", { worksheet: st.id, at: data.saved }); // "continue where you left off"
    st.dirty.clear();
    store.askToKeep();
    emit("saved", { worksheet: st.id });
    warn(st, false);
    say(st, t("worksheet.saved_at", { time: new Date(now).toLocaleTimeString(language(), { hour: "2-digit", minute: "2-digit" }) }));
    return true;
  } catch (error) {
    fail(st, error);
    return false;
  }
}

const untouched = (st) => (id) => !st.dirty.has(id) && st.editing !== id;

function fail(st, error) {
  warn(st, true);
  st.failure = store.failure(error);
  say(st, t("worksheet.not_saved", { why: st.failure }));
}

const warn = (st, on) => (st.form.querySelector(".ws-warning").hidden = !on);

// The shared-computer bar: says so when answers last only for the session, and offers to erase them.
function sharedUi(st) {
  const bar = st.form.querySelector(".ws-shared");
  if (!bar) return;
  const on = store.shared();
  bar.querySelector(".ws-shared-note").hidden = !on;
  bar.querySelector("[data-comeback-action=erase-all]").hidden = !on;
  const toggle = bar.querySelector("[data-comeback-action=shared]");
  toggle.checked = on;
  toggle.closest("label").hidden = store.sharedByBuild();
}

function say(st, message) {
  const status = st.form.querySelector(".ws-status");
  if (status.textContent !== message) status.textContent = message;
}

function schedule(st) {
  if (st.stale) return;
  st.form.dataset.wsUnsaved = ""; // until the save: lets a page (or a test) see a save is pending
  clearTimeout(st.timer);
  st.timer = setTimeout(() => save(st), SAVE_DELAY);
}

const flush = (st) => !st.stale && (st.timer || st.dirty.size) && save(st);

// --- Save a copy, load a copy, clear -------------------------------------------------------

function saveCopy(st) {
  download(`${st.id}.json`, "application/json", JSON.stringify(snapshot(st), null, 2));
  store.note("copied", { at: new Date().toISOString() });
}

// A copy of one worksheet is what Save a copy wrote; a copy of everything (data.js) holds it too.
const ofThis = (st, data) => (isObj(data) && data.format === "comeback-answers" ? own(own(data, "worksheets"), st.id) ?? null : data);

// Why `data` cannot be loaded into this worksheet, if it cannot. A copy from an older version
// loads: apply() archives what no longer fits.
function problem(st, data) {
  if (data === null) return t("worksheet.none_here");
  const flawed = flaw(data, st.id);
  if (flawed == "other") return isObj(data) && "worksheet" in data ? t("worksheet.other_worksheet", { other: String(data.worksheet).slice(0, 60), this: st.id }) : t("worksheet.not_a_copy");
  if (flawed) return t(flawed == "archived" ? "worksheet.archived_unreadable" : "worksheet.version_missing");
  const wrong = misfit(st.sheet, data);
  if (wrong) return t("worksheet.wrong_shape", { field: wrong.id });
}

async function loadCopy(st, input) {
  const file = input.files[0];
  input.value = "";
  if (!file) return;
  let { data, why } = await readCopy(file);
  why ??= problem(st, (data = ofThis(st, data)));
  if (why) return say(st, t("copy.not_loaded", { file: file.name, why }));
  if (!empty(collect(st)) && !confirm(t("worksheet.replace"))) return;
  const before = { archived: st.archived, answers: collect(st) };
  apply(st, data);
  for (const id of st.fields.keys()) st.dirty.add(id);
  if (save(st, true)) return say(st, t("worksheet.loaded", { file: file.name }));
  // Not stored (storage full or blocked): the form goes back to what it showed, and says why.
  st.archived = before.archived;
  apply(st, { version: st.version, answers: before.answers });
  say(st, t("copy.not_loaded", { file: file.name, why: st.stale ? t("worksheet.newer") : st.failure }));
}

function clear(st) {
  if (!confirm(t("worksheet.clear"))) return;
  st.archived = dict();
  apply(st, { answers: {} });
  for (const id of st.fields.keys()) st.dirty.add(id);
  if (save(st, true)) say(st, t("worksheet.cleared"));
}

// Print: this worksheet alone, with its answers, not the lesson around it (print CSS shows only the
// form marked data-ws-printing while html.ws-printing is set). The marks go when printing ends, on
// afterprint, which a browser fires once its print dialog closes, whether print() waited for that or
// not; at once when print() did not start printing (no beforeprint: a frame that may not print).
function printAlone(st) {
  const unmark = () => {
    document.documentElement.classList.remove("ws-printing");
    for (const form of document.querySelectorAll("form[data-ws-printing]")) delete form.dataset.wsPrinting;
  };
  unmark(); // what a print that never ended left (a browser without a print dialog fires no afterprint)
  let started = false;
  const start = () => (started = true);
  addEventListener("beforeprint", start, { once: true });
  addEventListener("afterprint", unmark, { once: true });
  st.form.dataset.wsPrinting = "";
  document.documentElement.classList.add("ws-printing");
  print();
  removeEventListener("beforeprint", start);
  if (!started) unmark();
}

const ACTIONS = {
  add: (st, button) => {
    const el = button.closest("[data-field]");
    const row = addRow(el);
    if (!row) return say(st, t("worksheet.max_rows", { max: MAX_ROWS }));
    controls(row)[0].focus();
    st.dirty.add(el.dataset.field);
    schedule(st);
  },
  "save-copy": saveCopy,
  clear,
  print: printAlone,
  reload: () => location.reload(),
};

// --- Wiring: listeners once on document; forms (re)initialised on every page Material shows ----

const stateOf = (target) => states.get(target.closest?.("form.ws"));

document.addEventListener("input", (e) => {
  const st = stateOf(e.target);
  const el = e.target.closest("[data-field]");
  if (!st || !el) return;
  st.dirty.add((st.editing = el.dataset.field));
  if (el.dataset.type == "matrix") e.target.dataset.weightOf ? weigh(el) : total(e.target.closest("tr"), el);
  if (el.dataset.type == "scale") lowNote(el);
  schedule(st);
});

document.addEventListener("focusout", (e) => {
  const st = stateOf(e.target);
  if (st && !e.target.closest("[data-field]")?.contains(e.relatedTarget)) st.editing = null;
});

document.addEventListener("change", (e) => {
  const st = stateOf(e.target);
  if (st && e.target.type == "file") loadCopy(st, e.target);
});

document.addEventListener("click", (e) => {
  const button = e.target.closest?.("[data-ws-action]");
  const st = button && stateOf(button);
  if (st) ACTIONS[button.dataset.wsAction]?.(st, button);
});

document.addEventListener("submit", (e) => stateOf(e.target) && e.preventDefault());

// After "Erase my answers" (data.js) every form on the page empties; nothing is saved by it.
on("erased", () => {
  for (const st of states.values()) {
    clearTimeout(st.timer);
    st.timer = 0;
    delete st.form.dataset.wsUnsaved;
    st.archived = dict();
    st.dirty.clear();
    st.synced = 0;
    apply(st, { answers: {} });
    sharedUi(st);
    say(st, t("worksheet.erased"));
  }
});
on("storage-moved", () => states.forEach(sharedUi));

// Shows what is stored now, as a fresh visit would, and forgets what this page held: when the page
// comes back from the back/forward cache (it heard nothing while it waited there), and when another
// tab erased the answers. Nothing stored: the form empties, and the next keystroke saves only itself.
function reshow(st) {
  clearTimeout(st.timer);
  st.timer = 0;
  delete st.form.dataset.wsUnsaved;
  st.archived = dict();
  st.dirty.clear();
  st.editing = null;
  let stored = null;
  try {
    stored = read(st, store.area().getItem(st.key));
  } catch (error) {
    fail(st, error);
  }
  st.synced = stored ? stamp(stored) : 0;
  apply(st, stored ?? { answers: {} });
  sharedUi(st);
  if (stored && stored.version > st.version) goStale(st);
  else if (stored && stored.version < st.version) save(st);
}
addEventListener("pageshow", (e) => e.persisted && states.forEach(reshow));

// After Load everything (data.js) every form on the page shows what was loaded, as on a fresh visit.
on("loaded", () => {
  for (const st of states.values()) {
    let stored;
    try {
      stored = read(st, store.area().getItem(st.key));
    } catch {}
    if (!stored) continue;
    clearTimeout(st.timer);
    st.timer = 0;
    st.archived = dict();
    st.dirty.clear();
    apply(st, stored);
    st.synced = stamp(stored);
    if (stored.version > st.version) goStale(st);
    else if (stored.version < st.version) save(st);
  }
});

// Another tab changed the answers: in localStorage the browser says so; in sessionStorage, each tab's
// own, tabs.js writes what the other tab wrote and says so the same way.
addEventListener("storage", (e) => {
  try {
    if (e.storageArea !== (store.shared() ? window.sessionStorage : window.localStorage)) return;
  } catch {
    return;
  }
  for (const st of states.values()) {
    if (e.key !== st.key) continue;
    if (e.newValue == null) {
      reshow(st); // erased there: nothing of it stays here to be saved again
      continue;
    }
    let data;
    try {
      data = JSON.parse(e.newValue);
    } catch {}
    if (flaw(data, st.id) || stamp(data) <= st.synced) continue;
    apply(st, data, untouched(st));
    st.synced = stamp(data);
    if (data.version > st.version) goStale(st);
  }
});

const flushAll = () => states.forEach(flush);
addEventListener("pagehide", flushAll);
document.addEventListener("visibilitychange", () => document.visibilityState == "hidden" && flushAll());

// Print: textareas grow to show the whole answer (print CSS does it where `field-sizing` exists).
if (!CSS.supports("field-sizing", "content")) {
  const grow = (on) => document.querySelectorAll(".ws textarea").forEach((t) => (t.style.height = on ? `${t.scrollHeight + 4}px` : ""));
  addEventListener("beforeprint", () => grow(true));
  addEventListener("afterprint", () => grow(false));
}

function init() {
  for (const [form, st] of states) {
    if (!form.isConnected) flush(st), states.delete(form); // the page was swapped by instant navigation
  }
  for (const form of document.querySelectorAll("form.ws[data-worksheet]")) if (!states.has(form)) setup(form);
}

ready(init);
window.comeback.worksheets = { init };
})();
