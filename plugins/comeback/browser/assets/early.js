// Comeback early: runs in <head>, before Material's own scripts (the plugin puts it there, after
// course-data.js). On a shared computer, Material's remembered choices (the colour palette, open
// tabs) go to sessionStorage too, so that closing the browser leaves nothing behind. Material keeps
// them through the __md_get and __md_set of its partials/javascripts/base.html: they are wrapped.
(() => {
  const course = window.comebackCourse;
  if (!course || typeof window.__md_set != "function") return;
  let shared = course.shared === true;
  try {
    shared ||= sessionStorage.getItem(`comeback:${course.site}:shared-computer`) === "on";
  } catch {}
  if (!shared) return;
  const local = (() => {
    try {
      return window.localStorage;
    } catch {
      return undefined;
    }
  })();
  const session = (storage) => (storage === undefined || storage === local ? window.sessionStorage : storage);
  const get = window.__md_get;
  const set = window.__md_set;
  window.__md_get = (key, storage, base) => get(key, session(storage), base);
  window.__md_set = (key, value, storage, base) => set(key, value, session(storage), base);
})();
