// Comeback answers: what every other script shares, so it is written once. What a stored answer is
// and says (its shape, whether it says anything, how it reads), whether stored or loaded data is a
// worksheet's answers at all, dates as the learner reads them, the events every script follows, and
// small helpers for pages and files. The first of the scripts; a classic script with no imports (a
// module is blocked when the site is opened from a folder).
//
// Everything before "events" is pure: it takes the course (comebackCourse, course-data.js) and the
// stored answers as arguments, so tests/js calls it in Node. Its words, and every other script's,
// come from the course's messages (t), in the course's language. A field's definition comes from the
// course's worksheets: {id, type, label, ...}.
(() => {
  window.comeback ??= {};
  if (window.comeback.answers) return;

  const isObj = (v) => v !== null && typeof v == "object" && !Array.isArray(v);
  // Stored and loaded data is parsed JSON, and ids come from YAML: an id such as "constructor" or
  // "__proto__" must read only what is really there.
  const own = (o, k) => (isObj(o) && Object.hasOwn(o, k) ? o[k] : undefined);
  const isStr = (v) => typeof v == "string";
  const strs = (v) => Array.isArray(v) && v.every(isStr);
  const days = (d) => Array.isArray(d) && d.every(Number.isInteger);

  // Whether an answer says anything: an empty line, an unticked box or a row of them says nothing.
  const filled = (v) => !(v == null || v === "" || v === false || (typeof v == "object" && Object.values(v).every((x) => !filled(x))));

  const options = (r) =>
    Array.isArray(r) &&
    r.every((o) => isObj(o) && (o.name === undefined || isStr(o.name)) &&
      (o.scores === undefined || (isObj(o.scores) && Object.values(o.scores).every((s) => s === null || Number.isInteger(s)))));

  // The shape each type of field saves; anything else is damaged or from another version.
  const SHAPES = {
    text: isStr,
    "long-text": isStr,
    date: isStr,
    list: strs,
    // A cell is text, or a tick box (a column of `type: check`) whose answer is true or false.
    table: (v) => Array.isArray(v) && v.every((r) => isObj(r) && Object.values(r).every((c) => isStr(c) || typeof c == "boolean")),
    scale: (v) => v === null || Number.isInteger(v),
    choice: (v) => v === null || isStr(v),
    checklist: strs,
    // Rows the worksheet names: {item: [days]}. Rows the learner names: [{name, days}].
    tracker: (v) =>
      (isObj(v) && Object.values(v).every(days)) ||
      (Array.isArray(v) && v.every((r) => isObj(r) && (r.name === undefined || isStr(r.name)) && (r.days === undefined || days(r.days)))),
    // The options' rows; with weights the learner sets, {weights, rows}.
    matrix: (v) => options(v) || (isObj(v) && options(v.rows) && isObj(v.weights) && Object.values(v.weights).every(Number.isInteger)),
  };
  const fits = (type, v) => (SHAPES[type] ?? (() => false))(v);

  const fieldsOf = (worksheet) => (worksheet?.sections ?? []).flatMap((section) => section.fields);

  // A worksheet's stored answers, as worksheets.js keeps them and every copy holds them:
  //   {worksheet, version, saved (ISO time), answers: {field id: answer}, archived: {key: {version, value}}}
  // What is wrong with `data` as the answers to worksheet `id`, or "" when nothing is: "other" (not
  // answers, or another worksheet's), "answers" (no whole-number version, or no answers), "archived".
  function flaw(data, id) {
    if (!isObj(data) || data.worksheet !== id) return "other";
    if (!Number.isInteger(data.version) || !isObj(data.answers)) return "answers";
    return data.archived === undefined || isObj(data.archived) ? "" : "archived";
  }
  // The first field of `worksheet` ({version, sections}) whose answer in `data` has the wrong shape.
  // Only within one version is that damage: across versions a field may have changed type, and the
  // worksheet keeps what no longer fits as an answer from an earlier version when it is next opened.
  const misfit = (worksheet, data) =>
    data.version === worksheet.version ? fieldsOf(worksheet).find((f) => own(data.answers, f.id) !== undefined && !fits(f.type, data.answers[f.id])) : undefined;

  // The answer to `field` in `answers` (a worksheet's stored answers), if it has the field's shape of
  // today. One of another shape (from an earlier version of the worksheet, whose field was a list
  // where a table is now) is no answer of today: every view skips it, and keeps it as an earlier one.
  const answerOf = (answers, field) => {
    const value = own(answers, field.id);
    return fits(field.type, value) ? value : undefined;
  };

  // How much of a worksheet is answered, from its stored data: {answered, of} of the fields it asks
  // for, and how many of the fields it only offers (marked optional) have an answer too. Optional
  // fields count for nothing but showing that the learner has started.
  function answered(worksheet, data) {
    const has = (field) => filled(answerOf(own(data, "answers"), field));
    const asked = fieldsOf(worksheet).filter((field) => !field.optional);
    const offered = fieldsOf(worksheet).filter((field) => field.optional);
    return { answered: asked.filter(has).length, of: asked.length, extra: offered.filter(has).length };
  }

  // What `data` (a worksheet's stored answers) keeps from earlier versions of `worksheet`: its archive,
  // then each answer that does not fit the worksheet of today (another shape, or a field it no longer
  // has). [[key, {version, value}]], each key once ("goal (2)" for a second "goal").
  function earlier(worksheet, data) {
    const fields = new Map(fieldsOf(worksheet).map((f) => [f.id, f]));
    const found = Object.create(null);
    const keep = (id, entry) => {
      let key = id;
      for (let n = 2; key in found; n++) key = `${id} (${n})`;
      found[key] = entry;
    };
    for (const [key, entry] of Object.entries(isObj(data?.archived) ? data.archived : {})) {
      keep(key, isObj(entry) && Object.hasOwn(entry, "value") ? entry : { version: data.version, value: entry });
    }
    for (const [id, value] of Object.entries(isObj(data?.answers) ? data.answers : {})) {
      const field = fields.get(id);
      if (filled(value) && !(field && fits(field.type, value))) keep(id, { version: data.version, value });
    }
    return Object.entries(found);
  }

  // `data` with what earlier() finds moved into its archive, and only answers of today's shapes left:
  // loaded answers from an earlier version are stored so, and nothing reads them as today's.
  function settle(worksheet, data) {
    const fields = fieldsOf(worksheet);
    const answers = Object.create(null);
    for (const field of fields) if (answerOf(data.answers, field) !== undefined) answers[field.id] = data.answers[field.id];
    return { ...data, answers, archived: Object.fromEntries(earlier(worksheet, data)) };
  }
  // An earlier answer as text: as it was written, or its data.
  const earlierText = (value) => (isStr(value) ? value : JSON.stringify(value));

  // --- words -----------------------------------------------------------------------------------

  // The engine's words in the course's language: the catalogue's browser messages, which
  // course-data.js gives as comebackCourse.messages. Each {name} becomes values[name]; with
  // values.count, the key's "one" or "other" form is chosen. A message the course lacks reads as its key.
  function t(key, values = {}, messages = course().messages) {
    const plural = values.count === undefined ? key : `${key}.${values.count == 1 ? "one" : "other"}`;
    const text = own(messages, plural) ?? own(messages, key) ?? key;
    return String(text).replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
  }
  // A message as pieces to append to an element: text, and for each {name} its value as it is (an
  // element, such as a link, in the middle of a sentence).
  const pieces = (key, values = {}) =>
    String(own(course().messages, key) ?? key)
      .split(/\{(\w+)\}/)
      .map((piece, i) => (i % 2 ? (Object.hasOwn(values, piece) ? values[piece] : `{${piece}}`) : piece))
      .filter((piece) => piece !== "");
  // The locale for dates and numbers: the browser's own (with its region's way of writing them, e.g.
  // en-GB's "3 March 2027") when it speaks the course's language, else the course's language.
  const base = (tag) => String(tag ?? "").toLowerCase().split("-")[0];
  const language = () => {
    const wanted = course().language;
    return !wanted || base(globalThis.navigator?.language) === base(wanted) ? undefined : wanted;
  };

  // --- dates -----------------------------------------------------------------------------------

  const WORDS = { day: "numeric", month: "long", year: "numeric" };
  // A real calendar date written YYYY-MM-DD, as a date input saves it (not "2027-02-30"): that day
  // at midnight UTC, or null.
  function parseDay(text) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? "");
    if (!match) return null;
    const date = new Date(Date.UTC(+match[1], match[2] - 1, +match[3]));
    return date.getUTCMonth() == match[2] - 1 && date.getUTCDate() == +match[3] ? date : null;
  }
  // A stored date as the course's language writes dates, e.g. "3 March 2027"; anything else as it is.
  const day = (text) => parseDay(text)?.toLocaleDateString(language(), { ...WORDS, timeZone: "UTC" }) ?? text;
  // The day of a moment (an ISO time such as `saved`, or a Date), where the learner is.
  const dateOf = (time) => new Date(time).toLocaleDateString(language(), WORDS);

  // --- what answers say ------------------------------------------------------------------------

  const labelOf = (list, id) => (list ?? []).find((item) => item.id === id)?.label ?? id;

  // An answer as a person reads it: a line of text, or a list of lines. Only an answer of the field's
  // shape is read (answerOf); any other reads as no lines.
  function lines(field, value) {
    if (!fits(field.type, value)) return [];
    switch (field.type) {
      case "scale":
        return [`${value} (${field.min} = ${field.min_label}, ${field.max} = ${field.max_label})`];
      case "choice":
        return [labelOf(field.options, value)];
      case "checklist":
        return (value ?? []).map((id) => labelOf(field.options, id));
      case "list":
        return (value ?? []).filter(Boolean);
      case "date":
        return [day(value)];
      case "table":
        return (value ?? []).filter(filled).map((row) =>
          field.columns
            .filter((c) => filled(own(row, c.id)) || c.type != "check")
            .map((c) => {
              const cell = own(row, c.id);
              return `${c.label}: ${cell === true ? t("answer.ticked") : c.type == "date" && cell ? day(cell) : cell || "–"}`;
            })
            .join("; "),
        );
      case "tracker":
        if (Array.isArray(value)) return value.filter(filled).map((row) => daysOf(row.name || t("answer.unnamed"), row.days));
        return (field.items ?? []).map((item) => daysOf(item.label, own(value, item.id)));
      case "matrix": {
        const rows = Array.isArray(value) ? value : own(value, "rows") ?? [];
        const weights = own(value, "weights") ?? {};
        return rows.filter(filled).map((row) => {
          const scores = field.criteria.map((c) => `${c.label} ${own(own(row, "scores"), c.id) ?? "–"} (×${own(weights, c.id) ?? c.weight})`);
          return `${row.name || t("answer.unnamed")}: ${scores.join(", ")}`;
        });
      }
      default:
        return [String(value)];
    }
  }

  // A tracker's row: the days ticked, e.g. "Walk: day 1, 3".
  const daysOf = (name, ticked) => (ticked?.length ? t("answer.days", { name, days: ticked.join(", ") }) : t("answer.no_days", { name }));

  // An answer as Markdown that reads as the text it is: "Email <Sam>" keeps <Sam>, "# Sam" is no
  // heading. Inline, every character CommonMark (or GitHub's strikethrough and tables) gives a
  // meaning is escaped, and "&" only where it would start an entity; at the start of a line, what
  // would begin a heading, quote, list, rule or code block. Line breaks stay line breaks.
  const INLINE = /[\\`*_[\]<~|]/g;
  const mdLine = (line) =>
    line
      .trimStart() // four spaces would begin a code block; a paragraph drops them anyway
      .replace(INLINE, "\\$&")
      .replace(/&(?=#?\w+;)/g, "\\&")
      .replace(/^(#|>|-|\+|=)/, "\\$1")
      .replace(/^(\d{1,9})([.)])/, "$1\\$2");
  const mdText = (text) => String(text).split(/\r\n|\r|\n/).map(mdLine).join("\n");

  // One answered question in a document: its label in bold, then its answer, a list when it has
  // lines (an answer's own later lines indented, so that they stay in its item).
  const asMarkdown = (label, shown) => [
    `**${label}**`,
    "",
    ...(shown.length > 1 ? shown.map((line) => `- ${mdText(line).replaceAll("\n", "\n  ")}`) : shown.map(mdText)),
    "",
  ];

  // --- events ----------------------------------------------------------------------------------

  // Every event a script sends is "comeback:<name>", on the document unless said:
  //   saved          worksheets.js stored a worksheet's answers (detail: {worksheet})
  //   erased         store.js erased everything this site kept
  //   loaded         data.js wrote the answers of a file (Load everything)
  //   storage-moved  store.js moved everything between localStorage and sessionStorage
  //   restored       a form shows its stored answers (on the form; it bubbles)
  //   progress       progress.js worked out where the learner stands (detail: its state)
  const emit = (name, detail, target = document) => target.dispatchEvent(new CustomEvent(`comeback:${name}`, { bubbles: true, detail }));
  const on = (name, listener) => document.addEventListener(`comeback:${name}`, listener);

  // Runs `fn` on every page: Material's document$ emits for every page it shows (instant navigation
  // included); without it, the page is ready once parsed.
  function ready(fn) {
    if (window.document$) window.document$.subscribe(fn);
    else if (document.readyState == "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  // Runs `fn` on every page and whenever the learner's answers may have changed: by this page, or by
  // another tab (a storage event). Every view of the answers follows them through this, so none
  // misses a way they change.
  const CHANGES = ["saved", "erased", "loaded", "storage-moved"];
  function onChange(fn) {
    for (const name of CHANGES) on(name, fn);
    addEventListener("storage", fn);
    ready(fn);
  }

  // --- pages -----------------------------------------------------------------------------------

  // The course as course-data.js gives it; without it, a course with no worksheets.
  const course = () => window.comebackCourse ?? { site: "site", shared: false, worksheets: {}, parts: [], messages: {} };
  // An element with these properties and children.
  const make = (tag, props = {}, ...children) => {
    const el = Object.assign(document.createElement(tag), props);
    el.append(...children);
    return el;
  };
  // The address of a page of the site (a path from its root), on a server or in a folder alike.
  const href = (page, hash = "") => new URL(page, course().root ?? location.href).href + hash;

  // --- files -----------------------------------------------------------------------------------

  // Saves `content` as a file the browser downloads: made here, sent nowhere.
  function download(name, type, content) {
    const a = Object.assign(document.createElement("a"), { href: URL.createObjectURL(new Blob([content], { type })), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1e3);
  }

  // Whether `v` nests deeper than `limit`, found without recursion (a hostile file can nest deeper
  // than the call stack goes).
  function tooDeep(v, limit) {
    const stack = [[v, 1]];
    while (stack.length) {
      const [x, depth] = stack.pop();
      if (x === null || typeof x != "object") continue;
      if (depth > limit) return true;
      for (const y of Object.values(x)) stack.push([y, depth + 1]);
    }
    return false;
  }

  // A file larger than any browser's storage for a site could be cannot be a copy of answers; one
  // nested deeper than answers ever are (file > worksheets > worksheet > answers > field > row >
  // scores > score, and some room) is refused before anything walks it.
  const MAX_FILE = 16 * 1024 * 1024;
  const MAX_DEPTH = 14;

  // A file the learner chose to load, parsed: {data}, or {why} it cannot be a copy of their answers.
  async function readCopy(file) {
    if (file.size > MAX_FILE) return { why: t("copy.too_large", { size: MAX_FILE / 1024 / 1024 }) };
    try {
      const data = JSON.parse(await file.text());
      return tooDeep(data, MAX_DEPTH) ? { why: t("copy.too_deep") } : { data };
    } catch {
      return { why: t("copy.not_answers") };
    }
  }

  window.comeback.answers = {
    course, isObj, own, filled, fits, fieldsOf, flaw, misfit, answerOf, answered, earlier, settle, earlierText, t, pieces, language, parseDay, day, dateOf, lines, mdText, asMarkdown,
    emit, on, ready, onChange, make, href, download, tooDeep, readCopy,
  };
})();
