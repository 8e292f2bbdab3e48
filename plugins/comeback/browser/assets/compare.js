// Comeback compare: a worksheet that names an earlier one (compare_with, e.g. the setback snapshot
// taken at the start) shows that worksheet's answers beside its own, question by question, in its
// "Then and now" table. A classic script with no imports, after answers.js and store.js.
(() => {
  if (window.comeback?.compare) return;
  const store = window.comeback.store;
  const { course, own, filled, answerOf, lines, fieldsOf, dateOf, onChange, t } = window.comeback.answers;

  // An answer of another shape (from an earlier version of its worksheet) says nothing here.
  const said = (field, answers) => (field && filled(answerOf(answers, field)) ? lines(field, answerOf(answers, field)).join("; ") : "–");

  function fill(panel) {
    const form = panel.closest("form[data-worksheet]");
    const stored = store.all();
    const then = own(stored, panel.dataset.compare);
    const now = own(stored, form.dataset.worksheet);
    const fieldOf = (id, worksheetId) => fieldsOf(own(course().worksheets, worksheetId)).find((f) => f.id === id);
    for (const cell of panel.querySelectorAll("[data-then]")) {
      cell.textContent = said(fieldOf(cell.dataset.then, panel.dataset.compare), own(then, "answers"));
    }
    for (const cell of panel.querySelectorAll("[data-now]")) {
      cell.textContent = said(fieldOf(cell.dataset.now, form.dataset.worksheet), own(now, "answers"));
    }
    const title = own(course().worksheets, panel.dataset.compare)?.title ?? panel.dataset.compare;
    panel.querySelector("[data-then-when]").textContent = then?.saved
      ? t("compare.then", { title, date: dateOf(then.saved) })
      : t("compare.none", { title });
  }

  // On every page the forms are set up first (worksheets.js comes before this script), so a
  // worksheet's own answers are stored by the time this reads them.
  const show = () => document.querySelectorAll(".ws-compare[data-compare]").forEach(fill);
  onChange(show);

  window.comeback.compare = { show };
})();
