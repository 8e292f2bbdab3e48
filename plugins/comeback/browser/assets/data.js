// Comeback data: the learner's answers as a whole. Save everything as one file, or as a document;
// load everything back, after a preview, all or nothing; print everything; erase everything (after
// offering a copy); what is stored and how much; and the shared-computer switch. A classic script
// with no imports, loaded after answers.js and store.js; any element with a data-comeback-action
// does the action, and the privacy page's panel ([data-comeback-data]) shows what is stored.
//
// The file is "comeback-answers", version 1, described by comeback-answers.schema.json at the site's
// root: {format: "comeback-answers", version: 1, site, saved, worksheets: {<id>: <stored worksheet>}}
// where each stored worksheet is what worksheets.js keeps, and what a worksheet's own Save a copy
// writes: {worksheet, version, saved, answers, archived}. Load everything takes either file.
(() => {
  if (window.comeback?.data) return;
  const store = window.comeback.store;
  const { course, isObj, own, filled, flaw, misfit, answerOf, earlier, settle, earlierText, lines, asMarkdown, fieldsOf, dateOf, make, download, readCopy, emit, onChange, t, language } =
    window.comeback.answers;
  const FORMAT = "comeback-answers";
  const VERSION = 1;

  const titleOf = (id) => own(course().worksheets, id)?.title ?? id;

  function copy() {
    return { format: FORMAT, version: VERSION, site: course().site, saved: new Date().toISOString(), worksheets: store.all() };
  }

  function saveAll() {
    download(`${t("data.file", { site: course().site })}.json`, "application/json", JSON.stringify(copy(), null, 2));
    store.note("copied", { at: new Date().toISOString() });
    refresh();
  }

  // --- everything, as a document to read or print -------------------------------------------------

  // [[worksheet id, its definition, its stored data]] for every worksheet with answers, of today or
  // kept from an earlier version, in course order.
  function answeredWorksheets() {
    const stored = store.all();
    return Object.entries(course().worksheets)
      .filter(([id, worksheet]) => Object.hasOwn(stored, id) && sectionsOf(worksheet, stored[id]).length)
      .map(([id, worksheet]) => [id, worksheet, stored[id]]);
  }

  // Each answered field of a worksheet, by section, then what it keeps from earlier versions (under
  // a title of its own): [[section title, [[label, lines]]]]. Nothing the learner wrote is left out.
  const sectionsOf = (worksheet, data) => {
    const answered = worksheet.sections
      .map((section) => [section.title, section.fields.filter((f) => filled(answerOf(data.answers, f))).map((f) => [f.label, lines(f, answerOf(data.answers, f))])])
      .filter(([, fields]) => fields.length);
    const kept = earlier(worksheet, data).map(([key, entry]) => [t("worksheet.archived_version", { key, version: entry.version }), [earlierText(entry.value)]]);
    return kept.length ? [...answered, [t("data.earlier"), kept]] : answered;
  };

  function printout() {
    const sheet = make("div", { className: "comeback-printout" }, make("h1", { textContent: t("data.title") }));
    for (const [, worksheet, data] of answeredWorksheets()) {
      sheet.append(make("h2", { textContent: worksheet.title }));
      for (const [title, answered] of sectionsOf(worksheet, data)) {
        sheet.append(make("h3", { textContent: title }));
        for (const [label, shown] of answered) {
          sheet.append(make("p", { className: "comeback-printout-label" }, make("strong", { textContent: label })));
          sheet.append(shown.length > 1 ? make("ul", {}, ...shown.map((line) => make("li", { textContent: line }))) : make("p", { textContent: shown[0] ?? "" }));
        }
      }
    }
    if (sheet.children.length == 1) sheet.append(make("p", { textContent: t("data.none") }));
    return sheet;
  }

  // Prints `sheet` alone (print CSS hides the page while html.comeback-printing is set), and takes it
  // away when printing ends, without waiting for time to pass: on afterprint, which a browser fires
  // once its print dialog closes, whether print() waited for that or not; at once when print() did
  // not start printing (no beforeprint: a frame that may not print).
  const unprint = () => {
    document.documentElement.classList.remove("comeback-printing");
    for (const el of document.querySelectorAll(".comeback-printout")) el.remove();
  };
  function printSheet(sheet) {
    unprint(); // what a print that never ended left (a browser without a print dialog fires no afterprint)
    let started = false;
    const start = () => (started = true);
    addEventListener("beforeprint", start, { once: true });
    addEventListener("afterprint", unprint, { once: true });
    document.body.append(sheet);
    document.documentElement.classList.add("comeback-printing");
    print();
    removeEventListener("beforeprint", start);
    if (!started) unprint();
  }
  const printAll = () => printSheet(printout());

  function markdown() {
    const out = [`# ${t("data.title")}`, "", t("data.saved_on", { date: dateOf(new Date()) }), ""];
    for (const [, worksheet, data] of answeredWorksheets()) {
      out.push(`## ${worksheet.title}`, "");
      for (const [title, answered] of sectionsOf(worksheet, data)) {
        out.push(`### ${title}`, "");
        for (const [label, shown] of answered) out.push(...asMarkdown(label, shown));
      }
    }
    return out.join("\n");
  }
  const saveAllText = () => download(`${t("data.file", { site: course().site })}.md`, "text/markdown", markdown());

  // --- load everything: check the whole file, preview it, then write all of it or nothing ----------

  // The file's worksheets, checked against `course` (comebackCourse): {entries: [[id, data]],
  // skipped: [id], problems: [text]}. A copy of everything, or a copy of one worksheet (what its
  // Save a copy writes).
  function check(file, course) {
    if (!isObj(file)) return { problems: [t("copy.not_answers")] };
    let given;
    if (file.format === FORMAT) {
      if (!Number.isInteger(file.version) || file.version > VERSION) return { problems: [t("data.newer_course")] };
      if (!isObj(file.worksheets)) return { problems: [t("data.no_list")] };
      given = Object.entries(file.worksheets);
    } else if (typeof file.worksheet == "string") given = [[file.worksheet, file]];
    else return { problems: [t("copy.not_answers")] };

    const entries = [], skipped = [], problems = [];
    for (const [id, data] of given) {
      const worksheet = own(course.worksheets, id);
      const name = worksheet ? worksheet.title : id.slice(0, 60);
      const flawed = flaw(data, id);
      const wrong = !flawed && worksheet && misfit(worksheet, data);
      if (flawed) problems.push(t(flawed == "archived" ? "data.archived_damaged" : "data.damaged", { name }));
      else if (!worksheet) skipped.push(id);
      else if (data.version > worksheet.version) problems.push(t("data.newer_worksheet", { name }));
      else if (wrong) problems.push(t("data.wrong_shape", { field: wrong.label, name }));
      else entries.push([id, data]);
    }
    if (!problems.length && !entries.length) problems.push(t("data.no_answers"));
    return { entries, skipped, problems };
  }

  // What loading would do to each worksheet: "new", "replaces" or "same".
  function changes(entries) {
    const stored = store.all();
    return entries.map(([id, data]) => {
      const now = own(stored, id);
      const what = !now || !fieldsOf(own(course().worksheets, id)).some((f) => filled(own(now.answers, f.id))) ? "new"
        : JSON.stringify([now.version, now.answers, now.archived ?? {}]) === JSON.stringify([data.version, data.answers, data.archived ?? {}]) ? "same" : "replaces";
      return [id, data, what];
    });
  }

  // Writes every entry, or, when any write fails (storage full or blocked), puts back what was there.
  // An entry from an earlier version of its worksheet is settled first: an answer whose shape the
  // worksheet no longer has is stored as an earlier answer, never read as one of today's.
  function write(entries) {
    const area = store.area();
    const before = entries.map(([id]) => [`${store.prefix()}ws:${id}`, area.getItem(`${store.prefix()}ws:${id}`)]);
    const now = new Date().toISOString(); // newer than what any open tab has seen, so they show it
    try {
      for (const [id, data] of entries) area.setItem(`${store.prefix()}ws:${id}`, JSON.stringify({ ...settle(own(course().worksheets, id), data), saved: now }));
    } catch (error) {
      for (const [key, value] of before) value === null ? area.removeItem(key) : area.setItem(key, value);
      throw error;
    }
  }

  function status(message) {
    for (const el of document.querySelectorAll("[data-comeback-data-status]")) el.textContent = message;
  }

  async function loadAll(input) {
    const file = input.files[0];
    input.value = "";
    if (!file) return;
    const { data, why } = await readCopy(file);
    const result = why ? { problems: [why] } : check(data, course());
    if (result.problems.length) return status(t("copy.not_loaded", { file: file.name, why: result.problems.join("; ") }));
    preview(file.name, changes(result.entries), result.skipped);
  }

  function preview(name, planned, skipped) {
    const dialog = make(
      "dialog",
      { className: "comeback-dialog" },
      make("h2", { id: "comeback-load-title", textContent: t("data.load_title", { file: name }) }),
      make("p", { textContent: t("data.load_intro") }),
      make("ul", { className: "comeback-load-preview" }, ...planned.map(([id, , what]) => {
        const item = make("li", {}, make("strong", { textContent: titleOf(id) }), `: ${t(`data.${what}`)}`);
        Object.assign(item.dataset, { worksheet: id, change: what });
        return item;
      })),
      ...(skipped.length ? [make("p", { textContent: t("data.left_out", { ids: skipped.join(", ") }) })] : []),
      make("div", { className: "comeback-dialog-actions" },
        make("button", { type: "button", className: "ws-button", textContent: t("data.save_first"), onclick: saveAll }),
        make("button", { type: "button", className: "ws-button comeback-primary", textContent: t("data.load"), onclick: () => (dialog.close(), load(name, planned)) }),
        make("button", { type: "button", className: "ws-button", textContent: t("data.cancel"), onclick: () => dialog.close() }),
      ),
    );
    dialog.setAttribute("aria-labelledby", "comeback-load-title");
    dialog.addEventListener("close", () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  }

  function load(name, planned) {
    const entries = planned.filter(([, , what]) => what != "same").map(([id, data]) => [id, data]);
    try {
      write(entries);
    } catch (error) {
      return status(t("copy.not_loaded", { file: name, why: store.failure(error) }));
    }
    status(t("data.loaded", { file: name, count: planned.length }));
    emit("loaded"); // which refreshes this panel too
  }

  // --- erase, after offering a copy --------------------------------------------------------------

  function eraseAll() {
    // Open in other tabs, the answers are erased there too (tabs.js): the learner is told before and after.
    const elsewhere = (window.comeback.tabs?.open() ?? 0) > 0;
    const erase = () => (store.eraseAll(), dialog.close(), status(t(elsewhere ? "data.erased_tabs" : "data.erased")));
    const dialog = make(
      "dialog",
      { className: "comeback-dialog" },
      make("h2", { id: "comeback-erase-title", textContent: t("data.erase_title") }),
      make("p", { textContent: t("data.erase_intro") }),
      ...(elsewhere ? [make("p", { textContent: t("data.erase_tabs") })] : []),
      make("div", { className: "comeback-dialog-actions" },
        make("button", { type: "button", className: "ws-button", textContent: t("data.save_file"), onclick: saveAll }),
        make("button", { type: "button", className: "ws-button", textContent: t("data.print_all"), onclick: printAll }),
        make("button", { type: "button", className: "ws-button comeback-danger", textContent: t("data.erase_now"), onclick: erase }),
        make("button", { type: "button", className: "ws-button", textContent: t("data.cancel"), onclick: () => dialog.close() }),
      ),
    );
    dialog.setAttribute("aria-labelledby", "comeback-erase-title");
    dialog.addEventListener("close", () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  }

  // --- the privacy page's panel: what is stored, when a copy was last saved -----------------------

  const size = (bytes) =>
    bytes < 1024
      ? t("data.bytes", { count: bytes })
      : t("data.kb", { size: (bytes / 1024).toLocaleString(language(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });

  // What a key of this site's storage holds, in words, and when it last changed (if it says).
  function describe(key, stored) {
    const rest = key.startsWith(store.prefix()) ? key.slice(store.prefix().length) : null;
    if (rest === null) return [t("data.display"), ""];
    const [kind, id, corrupt] = rest.split(":");
    if (kind == "ws" && corrupt) return [t("data.damaged_copy", { title: titleOf(id) }), ""];
    if (kind == "ws") {
      const saved = own(own(stored, id), "saved");
      return [own(course().worksheets, id) ? t("data.answers_to", { title: titleOf(id) }) : t("data.answers_gone", { id }), saved ? dateOf(saved) : ""];
    }
    const NOTES = { last: "data.last", copied: "data.copied", "shared-computer": "data.shared" };
    return [Object.hasOwn(NOTES, kind) ? t(NOTES[kind]) : key, ""];
  }

  function refresh() {
    const stored = store.all();
    for (const panel of document.querySelectorAll("[data-comeback-data]")) {
      panel.dataset.ready = "";
      const entries = store.entries();
      const body = panel.querySelector("[data-comeback-stored] tbody");
      body.replaceChildren(...entries.map(({ key, bytes }) => make("tr", {}, ...[...describe(key, stored), size(bytes)].map((text) => make("td", { textContent: text })))));
      panel.querySelector("[data-comeback-total]").textContent = size(entries.reduce((sum, e) => sum + e.bytes, 0));
      panel.querySelector("[data-comeback-none]").hidden = entries.length > 0;
      panel.querySelector("[data-comeback-stored]").hidden = entries.length == 0;
    }
    const copied = store.noted("copied");
    for (const el of document.querySelectorAll("[data-comeback-copied]")) {
      el.textContent = copied?.at ? t("data.copied_on", { date: dateOf(copied.at) }) : t("data.never_copied");
    }
    const kept = document.querySelectorAll("[data-comeback-kept]");
    if (kept.length) {
      (Object.keys(stored).length ? store.askToKeep() ?? store.kept() : store.kept()).then((yes) => {
        for (const el of kept) {
          el.textContent = t(yes ? "data.kept" : "data.not_kept");
        }
      });
    }
  }

  const ACTIONS = { "save-all": saveAll, "save-all-text": saveAllText, "print-all": printAll, "erase-all": eraseAll };

  document.addEventListener("click", (e) => {
    const button = e.target.closest?.("button[data-comeback-action]");
    if (button && ACTIONS[button.dataset.comebackAction]) ACTIONS[button.dataset.comebackAction]();
  });
  document.addEventListener("change", (e) => {
    if (e.target.matches?.("input[data-comeback-action=load-all]")) loadAll(e.target);
    if (e.target.matches?.("input[data-comeback-action=shared]")) {
      try {
        store.setShared(e.target.checked);
      } catch {
        e.target.checked = store.shared(); // storage blocked: nothing moved, nothing changed
      }
    }
  });
  onChange(refresh);

  window.comeback.data = { copy, check, saveAll, printAll, printSheet, eraseAll, markdown };
})();
