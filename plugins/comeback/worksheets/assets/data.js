// Comeback data: the learner's answers as a whole. Save a copy of everything as one file, print
// everything, erase everything from this computer, and the shared-computer switch. A classic script
// with no imports, loaded after store.js; any element with a data-comeback-action does the action.
//
// The file is "comeback-answers", version 1:
//   {format: "comeback-answers", version: 1, site, saved, worksheets: {<id>: <stored worksheet>}}
// where each stored worksheet is what worksheets.js keeps: {worksheet, version, saved, answers, archived}.
(() => {
  if (window.comeback?.data) return;
  const store = window.comeback.store;
  const course = () => window.comebackCourse ?? { site: "site", worksheets: {} };

  const make = (tag, props = {}, ...children) => {
    const el = Object.assign(document.createElement(tag), props);
    el.append(...children);
    return el;
  };

  function copy() {
    return { format: "comeback-answers", version: 1, site: course().site, saved: new Date().toISOString(), worksheets: store.all() };
  }

  function download(name, type, content) {
    const a = make("a", { href: URL.createObjectURL(new Blob([content], { type })), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1e3);
  }

  const saveAll = () => download(`${course().site}-answers.json`, "application/json", JSON.stringify(copy(), null, 2));

  // --- everything, printed --------------------------------------------------------------------

  const isObj = (v) => v !== null && typeof v == "object" && !Array.isArray(v);
  const own = (o, k) => (isObj(o) && Object.hasOwn(o, k) ? o[k] : undefined);
  const filled = (v) => !(v == null || v === "" || v === false || (typeof v == "object" && Object.values(v).every((x) => !filled(x))));
  const labelOf = (list, id) => (list ?? []).find((item) => item.id === id)?.label ?? id;

  // An answer as print shows it: a line of text, or a list of lines.
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
      case "table":
        return (value ?? []).filter(filled).map((row) => field.columns.map((c) => `${c.label}: ${own(row, c.id) === true ? "yes" : own(row, c.id) || "–"}`).join("; "));
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

  // Every worksheet with answers, in the course's order, as one document to print.
  function printout() {
    const stored = store.all();
    const sheet = make("div", { className: "comeback-printout" });
    sheet.append(make("h1", { textContent: "My answers" }));
    for (const [id, worksheet] of Object.entries(course().worksheets)) {
      const data = stored[id];
      if (!data) continue;
      sheet.append(make("h2", { textContent: worksheet.title }));
      for (const section of worksheet.sections) {
        const answered = section.fields.filter((field) => filled(own(data.answers, field.id)));
        if (!answered.length) continue;
        sheet.append(make("h3", { textContent: section.title }));
        for (const field of answered) {
          sheet.append(make("p", { className: "comeback-printout-label" }, make("strong", { textContent: field.label })));
          const shown = lines(field, own(data.answers, field.id));
          sheet.append(shown.length > 1 ? make("ul", {}, ...shown.map((line) => make("li", { textContent: line }))) : make("p", { textContent: shown[0] ?? "" }));
        }
      }
    }
    if (sheet.children.length == 1) sheet.append(make("p", { textContent: "There are no answers saved in this browser." }));
    return sheet;
  }

  function printAll() {
    const sheet = printout();
    document.body.append(sheet);
    document.documentElement.classList.add("comeback-printing");
    const done = () => {
      document.documentElement.classList.remove("comeback-printing");
      sheet.remove();
      removeEventListener("afterprint", done);
    };
    addEventListener("afterprint", done);
    print();
    setTimeout(done, 0); // where print() returns only after printing, afterprint may not come
  }

  // --- erase, after offering a copy --------------------------------------------------------------

  function eraseAll() {
    const dialog = make(
      "dialog",
      { className: "comeback-dialog" },
      make("h2", { id: "comeback-erase-title", textContent: "Erase your answers from this computer?" }),
      make("p", { textContent: "This removes every answer you gave on this site from this browser. Take a copy first if you want to keep them: a file, or a printout." }),
      make("div", { className: "comeback-dialog-actions" },
        make("button", { type: "button", className: "ws-button", textContent: "Save a copy (file)", onclick: saveAll }),
        make("button", { type: "button", className: "ws-button", textContent: "Print my answers", onclick: printAll }),
        make("button", { type: "button", className: "ws-button comeback-danger", textContent: "Erase now", onclick: () => (store.eraseAll(), dialog.close()) }),
        make("button", { type: "button", className: "ws-button", textContent: "Cancel", onclick: () => dialog.close() }),
      ),
    );
    dialog.setAttribute("aria-labelledby", "comeback-erase-title");
    dialog.addEventListener("close", () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  }

  const ACTIONS = { "save-all": saveAll, "print-all": printAll, "erase-all": eraseAll };

  document.addEventListener("click", (e) => {
    const button = e.target.closest?.("button[data-comeback-action]");
    if (button && ACTIONS[button.dataset.comebackAction]) ACTIONS[button.dataset.comebackAction]();
  });
  document.addEventListener("change", (e) => {
    if (e.target.matches?.("input[data-comeback-action=shared]")) {
      try {
        store.setShared(e.target.checked);
      } catch {
        e.target.checked = store.shared(); // storage blocked: nothing moved, nothing changed
      }
    }
  });

  window.comeback.data = { copy, saveAll, printAll, eraseAll };
})();
