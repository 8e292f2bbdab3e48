// Comeback in a learning platform (LMS): the SCORM 1.2 runtime adapter. It runs only in scorm.html,
// the launch page of the SCORM package, which shows the course in a frame. A classic script, after
// course-data.js, answers.js, store.js and progress.js.
//
// What the LMS is told, and nothing else (the privacy page says the same):
//   cmi.core.lesson_status    "incomplete" from the first launch, "completed" once the course's own
//                             progress rule (progress.js) says every lesson is done; never
//                             "passed" or "failed": the course is not scored. A status the LMS
//                             already keeps (passed, completed) is never taken back.
//   cmi.core.lesson_location  the page the learner was on, to resume there
//   cmi.core.session_time     how long this visit lasted
//   cmi.core.exit             "suspend", so that the next launch resumes
//   cmi.suspend_data          which lessons are done or in progress, e.g. {"v":1,"lessons":"ddpnnn"}
// The learner's answers stay in their browser: nothing of them is ever sent. In review mode
// (cmi.core.lesson_mode "review") only the session time is written.
(() => {
  const MAX_SUSPEND_DATA = 4096; // SCORM 1.2's limit for cmi.suspend_data (CMIString4096)
  const MAX_LOCATION = 255; // and for cmi.core.lesson_location (CMIString255)
  const MARKS = { done: "d", "in-progress": "p", "not-started": "n" };
  const frame = document.getElementById("comeback-course");
  const pages = JSON.parse(document.getElementById("comeback-pages").textContent);
  const root = new URL(".", location.href);

  // The API object, as the SCORM 1.2 run-time environment's findAPI looks for it: in this window or
  // one of its parents, then in the window that opened this one and its parents, and, for a course
  // framed inside a window the LMS opened (its pop-up), in the window that opened the top one.
  function findIn(win) {
    for (let tries = 0; win && tries < 500; tries++) {
      try {
        if (win.API) return win.API;
      } catch {} // a parent on another origin: keep climbing
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  const openerOf = (win) => {
    try {
      return win?.opener ?? null;
    } catch {
      return null;
    }
  };
  const api = findIn(window) ?? findIn(openerOf(window)) ?? findIn(openerOf(window.top));

  // Without an LMS the package is the course, as on the website: no frame, no messages.
  if (!api) {
    location.replace("index.html");
    return;
  }

  // Every call to the LMS: its answer as text, or null when the LMS threw (a platform's own fault
  // must not leave the learner with a blank frame).
  function call(name, ...args) {
    try {
      return String(api[name](...args) ?? "");
    } catch {
      return null;
    }
  }

  // An LMS that refuses to start the course (LMSInitialize answers "false"): the course still works
  // as it does on its own, and the page says the platform is not recording progress. Nothing more is
  // asked of an API that is not initialised.
  if (call("LMSInitialize", "") !== "true") {
    const notice = Object.assign(document.createElement("p"), { className: "comeback-lms-notice" });
    notice.setAttribute("role", "status");
    document.body.prepend(notice);
    notice.textContent = window.comeback.answers.t("scorm.not_started");
    frame.src = "index.html";
    return;
  }

  const started = Date.now();
  let finished = false;
  const get = (element) => call("LMSGetValue", element); // null: the LMS threw
  const set = (element, value) => !finished && call("LMSSetValue", element, value) === "true";
  const commit = () => !finished && call("LMSCommit", "");

  // In review mode the learner looks back at a course the LMS has closed: nothing about it changes
  // (no status, exit, page or progress is written), only the time spent is reported.
  const review = get("cmi.core.lesson_mode") === "review";
  // A course not attempted yet becomes "incomplete"; a status the LMS keeps (passed, completed,
  // failed, browsed), or one it could not tell (null), is never taken back.
  const FRESH = ["not attempted", ""];
  let status = get("cmi.core.lesson_status");
  if (!review && FRESH.includes(status) && set("cmi.core.lesson_status", "incomplete")) status = "incomplete";
  if (!review) set("cmi.core.exit", "suspend");

  // Resume where the learner left off, if that is a page of this package.
  const resume = get("cmi.core.lesson_location") ?? "";
  frame.src = pages.includes(resume) ? resume : "index.html";

  // Where the frame is, as a path inside the package, e.g. lessons/2-set-new-goals.html.
  function where() {
    try {
      const url = new URL(frame.contentWindow.location.href);
      return url.href.startsWith(root.href) ? decodeURIComponent(url.pathname.slice(root.pathname.length)) : null;
    } catch {
      return null;
    }
  }
  let lastPage = resume;
  frame.addEventListener("load", () => {
    const page = where();
    if (!review && page && pages.includes(page) && page !== lastPage && page.length <= MAX_LOCATION && set("cmi.core.lesson_location", page)) lastPage = page;
  });

  // Progress, by the course's own rule: which lessons are done, and completion once all are.
  let marks = "";
  window.comeback.answers.on("progress", (event) => {
    const now = event.detail;
    const next = now.lessons.map((lesson) => MARKS[lesson.status]).join("");
    const data = JSON.stringify({ v: 1, lessons: next });
    if (review) return;
    if (next !== marks && data.length <= MAX_SUSPEND_DATA && set("cmi.suspend_data", data)) marks = next;
    if (now.finished && (status === "incomplete" || FRESH.includes(status)) && set("cmi.core.lesson_status", "completed")) {
      status = "completed";
      commit(); // the moment that matters most to the LMS: keep it even if the visit ends abruptly
    }
  });
  window.comeback.progress.show(); // the answers already in this browser

  // CMITimespan: HHHH:MM:SS.SS
  function timespan(ms) {
    const hundredths = Math.round(ms / 10);
    const pad = (n, width) => String(n).padStart(width, "0");
    const seconds = Math.floor(hundredths / 100) % 60;
    return `${pad(Math.min(9999, Math.floor(hundredths / 360000)), 4)}:${pad(Math.floor(hundredths / 6000) % 60, 2)}:${pad(seconds, 2)}.${pad(hundredths % 100, 2)}`;
  }

  // Commit when the page is hidden (it may never come back), and finish when it goes away:
  // pagehide, not unload, which browsers and LMSs block in frames. Progress is worked out again
  // first: the course's frame may have saved its last answers, but the storage event that tells
  // this page so arrives in its own time, and the LMS must not miss a lesson done, or the course.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "hidden") return;
    window.comeback.progress.show();
    if (set("cmi.core.session_time", timespan(Date.now() - started))) commit();
  });
  addEventListener("pagehide", () => {
    if (finished) return;
    window.comeback.progress.show();
    set("cmi.core.session_time", timespan(Date.now() - started));
    commit();
    call("LMSFinish", "");
    finished = true; // LMSFinish is the last call, whatever it answered
  });
})();
