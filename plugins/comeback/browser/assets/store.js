// Comeback store: where a learner's answers live in this browser, and how they are found and erased.
// A classic script with no imports (a module is blocked when the site is opened from a folder),
// loaded after answers.js and before the scripts that use it as window.comeback.store.
//
// Answers live in localStorage under "comeback:<site>:ws:<worksheet>". On a shared computer they
// live in sessionStorage instead, so they end with the browser session: when the site is built for
// shared computers (comebackCourse.shared), or when the learner switches it on. The switch itself
// is kept in sessionStorage too, so that nothing about the learner outlasts the session.
(() => {
  if (window.comeback.store) return;
  const { course, flaw, emit, t } = window.comeback.answers;
  const prefix = () => `comeback:${course().site}:`;
  const modeKey = () => `${prefix()}shared-computer`;

  // Every storage access can throw (private mode, blocked storage): callers get null, not an error.
  const storage = (name) => {
    try {
      return window[name];
    } catch {
      return null;
    }
  };
  const keysOf = (area, start) => {
    const found = [];
    try {
      for (let i = 0; i < area.length; i++) if (area.key(i).startsWith(start)) found.push(area.key(i));
    } catch {}
    return found;
  };

  const sharedByBuild = () => course().shared === true;
  const sharedByLearner = () => {
    try {
      return storage("sessionStorage")?.getItem(modeKey()) === "on";
    } catch {
      return false;
    }
  };
  const shared = () => sharedByBuild() || sharedByLearner();

  // sessionStorage is each tab's own: in shared-computer mode every write is passed on to the other
  // open tabs of the site (tabs.js sets `written`, and writes what they pass on into this tab's).
  let written = () => {};
  const passOn = (storage) => ({
    get length() {
      return storage.length;
    },
    key: (i) => storage.key(i),
    getItem: (key) => storage.getItem(key),
    setItem: (key, value) => (storage.setItem(key, value), written(key, String(value))),
    removeItem: (key) => (storage.removeItem(key), written(key, null)),
  });
  const onWrite = (fn) => (written = fn);

  // The storage answers go to now. Throws, like localStorage itself, when storage is blocked.
  const area = () => (shared() ? passOn(window.sessionStorage) : window.localStorage);

  // When a stored value was saved ("saved" of answers, "at" of a note); 0 when it does not say.
  const savedAt = (raw) => {
    try {
      const value = JSON.parse(raw);
      return Date.parse(value?.saved ?? value?.at) || 0;
    } catch {
      return 0;
    }
  };

  // Material's own remembered choices for this site (palette, tabs) are kept under this prefix.
  const materialPrefix = () => (typeof __md_scope != "undefined" ? `${__md_scope.pathname}.` : null);

  // Moves this site's answers, and Material's choices, from one storage to the other (switching the
  // mode keeps them; early.js sends Material's later choices to sessionStorage from the next page).
  function move(from, to) {
    if (!from || !to) return;
    const keys = [...keysOf(from, prefix()), ...(materialPrefix() ? keysOf(from, materialPrefix()) : [])];
    for (const key of keys) {
      if (key === modeKey()) continue;
      // Another tab may have moved a newer copy there first: an older one never replaces it.
      const there = to.getItem(key);
      if (there === null || savedAt(from.getItem(key)) >= savedAt(there)) to.setItem(key, from.getItem(key));
      from.removeItem(key);
    }
  }

  // Switches the learner's shared-computer mode; `elsewhere`: another tab of the site switched it.
  function setShared(on, elsewhere = false) {
    const local = storage("localStorage");
    const session = storage("sessionStorage");
    if (on === sharedByLearner() || sharedByBuild()) return;
    if (on) {
      move(local, session);
      session.setItem(modeKey(), "on");
    } else {
      session.removeItem(modeKey());
      move(session, local);
    }
    emit("storage-moved", { elsewhere });
  }

  // Every worksheet's answers of this site, from the storage in use: {worksheet id: stored data}.
  // Only what is a worksheet's answers (answers.js's flaw): nothing else is read, shown or saved
  // as answers.
  function all() {
    const found = {};
    const from = (() => {
      try {
        return area();
      } catch {
        return null;
      }
    })();
    for (const key of from ? keysOf(from, `${prefix()}ws:`) : []) {
      const id = key.slice(`${prefix()}ws:`.length);
      if (id.includes(":")) continue; // a corrupt copy set aside, not a worksheet
      try {
        const data = JSON.parse(from.getItem(key));
        if (!flaw(data, id)) found[id] = data;
      } catch {}
    }
    return found;
  }

  // Leaves nothing of the learner's in this browser for this site: every answer, every copy set
  // aside, the shared-computer switch, and Material's own remembered choices (palette, tabs) for
  // this site, in both storages. Other sites on the same origin keep theirs. `elsewhere`: another
  // tab erased them; it did so in the localStorage all tabs share, this tab's sessionStorage is left.
  function eraseAll(elsewhere = false) {
    const material = materialPrefix();
    for (const name of elsewhere ? ["sessionStorage"] : ["localStorage", "sessionStorage"]) {
      const each = storage(name);
      if (!each) continue;
      for (const key of [...keysOf(each, prefix()), ...(material ? keysOf(each, material) : [])]) each.removeItem(key);
    }
    emit("erased", { elsewhere });
  }

  // Small notes about the learner's use of the site, kept beside the answers (and erased with them):
  // "last", the worksheet they last changed, {worksheet, at}; "copied", when they last saved a copy.
  function note(name, value) {
    try {
      area().setItem(`${prefix()}${name}`, JSON.stringify(value));
    } catch {} // a note is a convenience: the answers' own saving reports a failing storage
  }
  function noted(name) {
    try {
      const value = JSON.parse(area().getItem(`${prefix()}${name}`));
      return value !== null && typeof value == "object" ? value : null;
    } catch {
      return null;
    }
  }

  // Everything this site keeps in the storage in use: [{key, bytes}] (a browser counts each character
  // of key and value as two bytes against the site's quota).
  function entries() {
    let from;
    try {
      from = area();
    } catch {
      return [];
    }
    const material = materialPrefix();
    return [...keysOf(from, prefix()), ...(material ? keysOf(from, material) : [])].map((key) => ({
      key,
      bytes: 2 * (key.length + (from.getItem(key) ?? "").length),
    }));
  }

  // Asks the browser to keep this site's storage rather than clear it when space runs low or after
  // weeks without a visit (navigator.storage.persist). Once a page, after answers are first saved;
  // never on a shared computer, where answers are meant to go.
  let asked = null;
  function askToKeep() {
    if (asked || shared() || !navigator.storage?.persist) return asked;
    asked = navigator.storage.persisted().then((kept) => kept || navigator.storage.persist()).catch(() => false);
    return asked;
  }
  const kept = () => (navigator.storage?.persisted ? navigator.storage.persisted().catch(() => false) : Promise.resolve(false));

  // Why storing failed, in words for the learner.
  const failure = (error) => t(error?.name == "QuotaExceededError" ? "store.full" : "store.blocked");

  // What this tab keeps of the site in sessionStorage, but the switch: {key: value}.
  function sessionItems() {
    const session = storage("sessionStorage");
    const items = {};
    for (const key of session ? keysOf(session, prefix()) : []) if (key !== modeKey()) items[key] = session.getItem(key);
    return items;
  }

  window.comeback.store = {
    prefix, area, shared, sharedByBuild, sharedByLearner, setShared, all, eraseAll, note, noted, entries, askToKeep, kept, failure,
    onWrite, savedAt, sessionItems,
  };
})();
