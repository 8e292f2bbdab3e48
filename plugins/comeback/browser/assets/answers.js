// Comeback answers: what a stored answer is and says, for every script that reads answers without a
// form on the page (the plan, progress, everything saved or printed at once), and the files answers
// go into and come from. A classic script with no imports, loaded after store.js; worksheets.js
// checks answers with the same shapes.
//
// A field's definition comes from comebackCourse.worksheets (course-data.js): {id, type, label, ...}.
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

  const labelOf = (list, id) => (list ?? []).find((item) => item.id === id)?.label ?? id;

  // A date as the learner's browser writes dates, e.g. "3 March 2027" (the stored form is 2027-03-03).
  function day(iso) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
    if (!match) return iso;
    const date = new Date(Date.UTC(+match[1], match[2] - 1, +match[3]));
    return date.toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }

  // An answer as a person reads it: a line of text, or a list of lines.
  function lines(field, value) {
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
              return `${c.label}: ${cell === true ? "yes" : c.type == "date" && cell ? day(cell) : cell || "–"}`;
            })
            .join("; "),
        );
      case "tracker":
        if (Array.isArray(value)) return value.filter(filled).map((row) => `${row.name || "(unnamed)"}: day ${(row.days ?? []).join(", ") || "none"}`);
        return (field.items ?? []).map((item) => `${item.label}: day ${(own(value, item.id) ?? []).join(", ") || "none"}`);
      case "matrix": {
        const rows = Array.isArray(value) ? value : own(value, "rows") ?? [];
        const weights = own(value, "weights") ?? {};
        return rows.filter(filled).map((row) => {
          const scores = field.criteria.map((c) => `${c.label} ${own(own(row, "scores"), c.id) ?? "–"} (×${own(weights, c.id) ?? c.weight})`);
          return `${row.name || "(unnamed)"}: ${scores.join(", ")}`;
        });
      }
      default:
        return [String(value)];
    }
  }

  const fieldsOf = (worksheet) => (worksheet?.sections ?? []).flatMap((section) => section.fields);

  // How much of a worksheet is answered: {answered, of} fields, from its stored data.
  function answered(worksheet, data) {
    const fields = fieldsOf(worksheet);
    return { answered: fields.filter((field) => filled(own(own(data, "answers"), field.id))).length, of: fields.length };
  }

  // --- pages --------------------------------------------------------------------------------

  // An element with these properties and children.
  const make = (tag, props = {}, ...children) => {
    const el = Object.assign(document.createElement(tag), props);
    el.append(...children);
    return el;
  };
  // The address of a page of the site (a path from its root), on a server or in a folder alike.
  const href = (page, hash = "") => new URL(page, window.comebackCourse?.root ?? location.href).href + hash;

  // --- files --------------------------------------------------------------------------------

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

  window.comeback.answers = { isObj, own, filled, fits, lines, day, fieldsOf, answered, make, href, download, tooDeep };
})();
