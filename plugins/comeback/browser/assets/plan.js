// Comeback plan: the My plan page. It gathers the answers to every field a worksheet marks
// `plan: true`, part by part of the course (the start, each lesson, the end), with a link back to
// where each is written; it prints, saves as a document and puts the dates into a calendar file.
// A classic script with no imports, after answers.js, store.js and calendar.js; it reads
// the worksheets from course-data.js, so it works from a folder and with instant navigation.
(() => {
  if (window.comeback?.plan) return;
  const store = window.comeback.store;
  const { course, own, filled, answerOf, lines, asMarkdown, parseDay, dateOf, make, href, download, onChange, t, pieces } = window.comeback.answers;
  const calendar = window.comeback.calendar;

  const planFields = (worksheet) => worksheet.sections.flatMap((section) => section.fields.filter((field) => field.plan));

  // The plan as data, from the course (comebackCourse) and the stored answers ({worksheet id: stored
  // data}): [{part, sheets: [{id, worksheet, answers: [[field, lines]]}]}], parts in course order; a
  // sheet with no answers yet has an empty `answers`.
  function planOf(course, stored) {
    return course
      .parts.map((part) => ({
        part,
        sheets: part.worksheets
          .map((id) => [id, own(course.worksheets, id)])
          .map(([id, worksheet]) => [id, worksheet, worksheet ? planFields(worksheet) : []])
          .filter(([, , fields]) => fields.length)
          .map(([id, worksheet, fields]) => {
            const answers = own(own(stored, id), "answers");
            return { id, worksheet, answers: fields.filter((f) => filled(answerOf(answers, f))).map((f) => [f, lines(f, answerOf(answers, f))]) };
          }),
      }))
      .filter(({ sheets }) => sheets.length);
  }

  const plan = () => planOf(course(), store.all());

  function render(box, parts) {
    const body = box.querySelector("[data-plan-body]");
    const answered = parts.some(({ sheets }) => sheets.some((s) => s.answers.length));
    box.dataset.ready = "";
    body.replaceChildren(
      ...(answered ? [] : [make("p", { className: "comeback-plan-empty", textContent: t("plan.empty") })]),
      ...parts.map(({ part, sheets }) =>
        make("section", { className: "comeback-plan-part" },
          make("h2", { textContent: part.title }),
          ...sheets.map((sheet) => {
            const link = make("a", { href: href(sheet.worksheet.page, `#ws-${sheet.id}`), textContent: sheet.worksheet.title });
            if (!sheet.answers.length) return make("p", { className: "comeback-plan-empty" }, ...pieces("plan.not_yet", { worksheet: link }));
            return make("div", { className: "comeback-plan-sheet" },
              make("h3", {}, sheet.worksheet.title, " ", make("a", { className: "comeback-plan-edit", href: link.href, textContent: t("plan.change") }, make("span", { className: "ws-sr", textContent: ` ${t("plan.change_in", { title: sheet.worksheet.title })}` }))),
              make("dl", {}, ...sheet.answers.flatMap(([field, shown]) => [
                make("dt", { textContent: field.label }),
                make("dd", {}, ...(shown.length > 1 ? [make("ul", {}, ...shown.map((line) => make("li", { textContent: line })))] : [shown[0] ?? ""])),
              ])),
            );
          }),
        ),
      ),
    );
  }

  // The plan (planOf) as a Markdown document, made on `made`.
  function markdown(parts, made = new Date()) {
    const out = [`# ${t("plan.title")}`, "", t("plan.made_on", { date: dateOf(made) }), ""];
    for (const { part, sheets } of parts) {
      out.push(`## ${part.title}`, "");
      for (const sheet of sheets) {
        if (!sheet.answers.length) {
          out.push(`_${t("plan.not_yet_text", { title: sheet.worksheet.title })}_`, "");
          continue;
        }
        out.push(`### ${sheet.worksheet.title}`, "");
        for (const [field, shown] of sheet.answers) out.push(...asMarkdown(field.label, shown));
      }
    }
    return out.join("\n");
  }

  // Every dated answer in the plan, as calendar.js's events: a date field, and each row of a table
  // with a date column. From the course and the stored answers, as planOf.
  function eventsOf(course, stored) {
    const found = [];
    const site = course.site;
    for (const { part, sheets } of planOf(course, stored)) {
      for (const { id, worksheet } of sheets) {
        const answers = own(own(stored, id), "answers");
        const where = t("plan.from", { worksheet: worksheet.title, part: part.title });
        for (const field of planFields(worksheet)) {
          const value = answerOf(answers, field); // an answer of another shape is no date
          if (field.type == "date" && value) found.push({ uid: `${site}-${id}-${field.id}@comeback`, date: value, summary: field.calendar ?? `${worksheet.title}: ${field.label}`, description: where });
          if (field.type != "table" || !Array.isArray(value)) continue;
          const named = field.columns.find((c) => c.type == "text");
          value.forEach((row, index) => {
            for (const column of field.columns.filter((c) => c.type == "date")) {
              const date = own(row, column.id);
              if (!date) continue;
              const name = (named && own(row, named.id)) || t("plan.table_row", { field: field.label, row: index + 1 });
              found.push({ uid: `${site}-${id}-${field.id}-${index + 1}-${column.id}@comeback`, date, summary: name, description: where });
            }
          });
        }
      }
    }
    return found;
  }

  function status(message) {
    for (const el of document.querySelectorAll("[data-plan-status]")) el.textContent = message;
  }

  function saveCalendar() {
    const list = eventsOf(course(), store.all());
    const file = calendar.ics(list);
    if (!file) return status(t("plan.no_dates"));
    download(`${t("plan.file")}.ics`, "text/calendar", file);
    status(t("plan.calendar_saved", { count: list.filter((e) => parseDay(e.date)).length }));
  }

  const ACTIONS = {
    "print-plan": () => print(),
    "plan-text": () => download(`${t("plan.file")}.md`, "text/markdown", markdown(plan())),
    "plan-calendar": saveCalendar,
  };
  document.addEventListener("click", (e) => {
    const button = e.target.closest?.("button[data-plan-action]");
    if (button && ACTIONS[button.dataset.planAction]) ACTIONS[button.dataset.planAction]();
  });

  onChange(() => document.querySelectorAll("[data-comeback-plan]").forEach((box) => render(box, plan())));

  window.comeback.plan = { planOf, eventsOf, markdown };
})();
