// Comeback progress: where the learner is in the course, worked out from the answers in this browser
// and shown on every lesson page, in the navigation and on the home page, with a link back to the
// worksheet they changed last. A classic script with no imports, after answers.js and store.js.
(() => {
  if (window.comeback?.progress) return;
  const store = window.comeback.store;
  const { course, own, answered, make, href, emit, onChange, t } = window.comeback.answers;

  // THE PROGRESS RULE. It lives here and nowhere else: the pages say it in words (the catalogue's
  // browser.progress.rule, rule() here), and the LMS package reports completion with it.
  //   - A worksheet is filled in once at least half of the questions it asks for have an answer:
  //     questions marked optional are offered, not asked for, and do not count.
  //   - A lesson is done when every one of its worksheets is filled in; in progress when any of its
  //     questions has an answer; not started otherwise.
  //   - The course is done when every lesson is done.
  const FILLED_IN = 0.5;
  const rule = () => t("progress.rule");
  const filledIn = (worksheet, data) => {
    const { answered: given, of, extra } = answered(worksheet, data);
    return { started: given + extra > 0, filled: of > 0 && given / of >= FILLED_IN };
  };
  // `sheets`: filledIn of each of a part's worksheets.
  function statusOf(sheets) {
    if (sheets.length && sheets.every((s) => s.filled)) return "done";
    return sheets.some((s) => s.started) ? "in-progress" : "not-started";
  }

  // The course (comebackCourse) as the learner stands in it, from their stored answers ({worksheet
  // id: stored data}) and the note of the worksheet they changed last ({worksheet, at}, or null):
  // {lessons: [{title, page, lesson, worksheets, status, filled, of}], done, finished, last}.
  function progressOf(course, stored, last = null) {
    const lessons = course.parts.filter((part) => part.lesson).map((part) => {
      const sheets = part.worksheets.map((id) => filledIn(own(course.worksheets, id), own(stored, id)));
      return { ...part, status: statusOf(sheets), filled: sheets.filter((s) => s.filled).length, of: sheets.length };
    });
    const done = lessons.filter((l) => l.status == "done").length;
    const worksheet = last && own(course.worksheets, last.worksheet);
    return {
      lessons,
      done,
      finished: lessons.length > 0 && done == lessons.length,
      last: worksheet?.page ? { id: last.worksheet, title: worksheet.title, page: worksheet.page, part: course.parts.find((p) => p.worksheets.includes(last.worksheet)) } : null,
    };
  }
  const state = () => progressOf(course(), store.all(), store.noted("last"));

  const chip = (status) => make("span", { className: `comeback-status comeback-status--${status}`, textContent: t(`progress.${status}`) });

  function showLessonStatus(now) {
    for (const el of document.querySelectorAll("[data-comeback-lesson-status]")) {
      const lesson = now.lessons.find((l) => l.lesson === el.dataset.comebackLessonStatus);
      if (!lesson) continue;
      el.replaceChildren(`${t("progress.lesson")} `, chip(lesson.status), ` ${t("progress.filled", { filled: lesson.filled, count: lesson.of })}`);
      el.hidden = false;
    }
  }

  // A mark after each lesson in the navigation; its words are part of the link's name for a screen reader.
  function showInNav(now) {
    const byUrl = new Map(now.lessons.map((l) => [href(l.page), l.status]));
    for (const link of document.querySelectorAll(".md-nav__link[href]")) {
      link.querySelector(".comeback-nav-status")?.remove();
      if (link.getAttribute("href").includes("#")) continue; // a heading of this page, not a lesson
      const status = byUrl.get(new URL(link.getAttribute("href"), location.href).href);
      if (!status || status == "not-started") continue;
      link.append(make("span", { className: `comeback-nav-status comeback-nav-status--${status}` }, make("span", { className: "ws-sr", textContent: ` (${t(`progress.nav_${status}`)})` })));
    }
  }

  function showSummary(now) {
    for (const box of document.querySelectorAll("[data-comeback-progress]")) {
      box.querySelector("[data-progress-rule]").textContent = rule();
      box.dataset.ready = "";
      const started = now.lessons.filter((l) => l.status == "in-progress").length;
      const lessons = now.lessons.length;
      const summary = now.finished
        ? t("progress.all_done", { count: lessons })
        : started
          ? t("progress.some_started", { done: now.done, lessons, count: started })
          : t("progress.some_done", { done: now.done, count: lessons });
      box.querySelector("[data-progress-summary]").textContent = summary;
      const bar = box.querySelector("progress");
      bar.max = now.lessons.length;
      bar.value = now.done;
      box.querySelector("[data-progress-lessons]").replaceChildren(
        ...now.lessons.map((l) => make("li", {}, make("a", { href: href(l.page), textContent: l.title }), " ", chip(l.status))),
      );
      const next = box.querySelector("[data-progress-continue]");
      next.hidden = !now.last;
      if (now.last) {
        const title = now.last.part ? t("progress.continue_in", { title: now.last.title, part: now.last.part.title }) : now.last.title;
        next.replaceChildren(`${t("progress.continue")} `, make("a", { href: href(now.last.page, `#ws-${now.last.id}`), textContent: title }));
      }
    }
  }

  function show() {
    const now = state();
    showLessonStatus(now);
    showInNav(now);
    showSummary(now);
    emit("progress", now);
  }

  onChange(show);

  window.comeback.progress = { progressOf, state, statusOf, show, rule };
})();
