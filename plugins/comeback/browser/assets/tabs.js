// Comeback tabs: what the learner does to their answers in one tab of the site, every other open tab
// of the same browser does too. localStorage is shared by the tabs (a storage event tells the others
// of each change), but sessionStorage, where answers live on a shared computer, is each tab's own:
// through a BroadcastChannel the tabs tell each other that they are open, and, on a shared computer,
// pass on every write, the learner's shared-computer switch and an erase. A tab opened later asks
// the others, and takes on their mode and their answers. A classic script with no imports, loaded
// after answers.js and store.js, before the scripts that write answers.
(() => {
  if (window.comeback.tabs) return;
  const store = window.comeback.store;
  const { on } = window.comeback.answers;
  const me = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const others = new Set(); // the ids of the site's other open tabs
  let channel = null;
  try {
    channel = new BroadcastChannel(`${store.prefix()}tabs`);
  } catch {} // no BroadcastChannel (or blocked): each tab on its own, as before
  const post = (message) => {
    try {
      channel?.postMessage({ ...message, from: me });
    } catch {}
  };
  const session = () => {
    try {
      return window.sessionStorage;
    } catch {
      return null;
    }
  };

  // Writes what another tab wrote into this tab's sessionStorage (null: it removed it), unless this
  // tab holds a newer copy, and tells this tab's scripts as a storage event would.
  function put(key, value) {
    const area = session();
    if (!area || !key.startsWith(store.prefix())) return;
    try {
      const before = area.getItem(key);
      if (before === value || (value !== null && before !== null && store.savedAt(before) > store.savedAt(value))) return;
      value === null ? area.removeItem(key) : area.setItem(key, value);
      dispatchEvent(new StorageEvent("storage", { key, oldValue: before, newValue: value, storageArea: area, url: location.href }));
    } catch {}
  }
  const putAll = (items) => Object.entries(items ?? {}).forEach(([key, value]) => typeof value == "string" && put(key, value));

  const hello = () => (others.clear(), post({ type: "hello" }));
  const HEARD = {
    hello: (message) => {
      others.add(message.from);
      post({ type: "here", to: message.from, shared: store.sharedByLearner(), items: store.shared() ? store.sessionItems() : null });
    },
    here: (message) => {
      others.add(message.from);
      if (message.to !== me) return;
      if (message.shared) store.setShared(true, true);
      if (store.shared()) putAll(message.items);
    },
    bye: (message) => others.delete(message.from),
    write: (message) => store.shared() && put(message.key, message.value),
    shared: (message) => {
      store.setShared(message.on, true);
      if (message.on) putAll(message.items);
    },
    erased: () => store.eraseAll(true),
  };
  if (channel) channel.onmessage = ({ data }) => data?.from !== me && Object.hasOwn(HEARD, data?.type) && HEARD[data.type](data);

  store.onWrite((key, value) => post({ type: "write", key, value }));
  on("storage-moved", (e) => !e.detail?.elsewhere && post({ type: "shared", on: store.sharedByLearner(), items: store.sessionItems() }));
  on("erased", (e) => !e.detail?.elsewhere && post({ type: "erased" }));
  // A page put in the back/forward cache hears nothing: it says goodbye, and hello when it is back.
  addEventListener("pagehide", () => post({ type: "bye" }));
  addEventListener("pageshow", (e) => e.persisted && hello());
  hello();

  // How many other tabs of the site are open in this browser.
  window.comeback.tabs = { open: () => others.size };
})();
